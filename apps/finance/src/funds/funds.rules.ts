import { distributeLargestRemainder } from '@vangnet/contracts';
import { createHash } from 'crypto';

export interface KeyWeight {
  municipality: string;
  weight: number;
}

export interface FundPart extends KeyWeight {
  partCents: number;
}

/**
 * A distribution key in its one canonical form: sorted by municipality code. The order in which a
 * caller lists the weights therefore never changes the parts, and the tie-break "by position" of
 * the largest-remainder method is the municipality code order.
 */
export function canonicalKey(weights: readonly KeyWeight[]): KeyWeight[] {
  return [...weights].map((w) => ({ municipality: w.municipality, weight: w.weight })).sort((a, b) => (a.municipality < b.municipality ? -1 : a.municipality > b.municipality ? 1 : 0));
}

export function keyHash(weights: readonly KeyWeight[]): string {
  return createHash('sha256')
    .update(canonicalKey(weights).map((w) => `${w.municipality}=${w.weight}`).join(';'))
    .digest('hex');
}

/** The parts of `totalCents` by the key: they add up to the cent, and the same key and total always give the same parts. */
export function distribute(totalCents: number, weights: readonly KeyWeight[]): FundPart[] {
  const key = canonicalKey(weights);
  const parts = distributeLargestRemainder(BigInt(totalCents), key.map((w) => BigInt(w.weight)));
  return key.map((w, i) => ({ ...w, partCents: Number(parts[i]) }));
}
