import { CEILING_THRESHOLDS, CeilingThreshold } from '@vangnet/contracts';

/** The thresholds (70, 90, 100 %) that `spendCents` has reached against `ceilingCents`; any spend fills a zero ceiling. */
export function thresholdsReached(spendCents: number, ceilingCents: number): CeilingThreshold[] {
  if (spendCents <= 0) return [];
  if (ceilingCents <= 0) return [...CEILING_THRESHOLDS];
  const spend = BigInt(spendCents) * 100n;
  return CEILING_THRESHOLDS.filter((t) => spend >= BigInt(ceilingCents) * BigInt(t));
}

/** Use in basis points of the ceiling (10000 = 100 %), rounded down; null without a (non-zero) ceiling. */
export function usedBasisPoints(spendCents: number, ceilingCents: number | null): number | null {
  if (!ceilingCents) return null;
  return Number((BigInt(spendCents) * 10_000n) / BigInt(ceilingCents));
}

/** The thresholds reached now that had not fired yet: each fires once, ever, in ascending order. */
export function thresholdsToFire(reached: readonly CeilingThreshold[], fired: readonly number[]): CeilingThreshold[] {
  return reached.filter((t) => !fired.includes(t)).sort((a, b) => a - b);
}

/** Finance's spend reports are cumulative and numbered: only a higher sequence replaces what is stored (a repeat or a late one changes nothing). */
export function isNewerSpend(stored: { sequence: number } | null, sequence: number): boolean {
  return stored === null || stored.sequence < sequence;
}
