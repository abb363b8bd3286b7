import { registerDecorator, ValidationOptions } from 'class-validator';

/** Money is always integer eurocents. */
export type Cents = number;

export function isCents(value: unknown, opts: { min?: number } = {}): value is Cents {
  return (
    typeof value === 'number' &&
    Number.isSafeInteger(value) &&
    (opts.min === undefined || value >= opts.min)
  );
}

/** Integer eurocents (no decimals, within the safe integer range); `min` defaults to 0. */
export function IsCents(opts: { min?: number | null } = {}, options?: ValidationOptions): PropertyDecorator {
  const min = opts.min === undefined ? 0 : opts.min;
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCents',
      target: target.constructor,
      propertyName: propertyName as string,
      // The floor as a constraint too, so the JSON Schema of the contract can carry it.
      constraints: [min],
      options: {
        message:
          min === null
            ? '$property must be an integer amount in eurocents'
            : `$property must be an integer amount in eurocents of at least ${min}`,
        ...options,
      },
      validator: { validate: (v: unknown) => isCents(v, { min: min ?? undefined }) },
    });
}

/** Round a rational amount n/d (BigInt) half up (away from zero for .5) to an integer. */
export function divRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const q = (abs * 2n + denominator) / (denominator * 2n);
  return negative ? -q : q;
}

/**
 * Amount for a delivered volume at a tariff, as iWmo TR346 prescribes: volume × tariff, and for
 * minutes against an hour tariff: tariff × minutes ÷ 60, rounded half up to the cent.
 */
export function amountFor(volume: number, tariffCents: Cents, minutesAgainstHourTariff = false): Cents {
  const num = BigInt(volume) * BigInt(tariffCents);
  return Number(minutesAgainstHourTariff ? divRoundHalfUp(num, 60n) : num);
}

/**
 * Largest-remainder distribution of `total` cents over `weights` (non-negative integers or
 * BigInts). Parts add up exactly to `total`; ties in the remainder go to the lower index, so the
 * same weights and total always give the same parts.
 */
export function distributeLargestRemainder(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.length === 0) {
    if (total !== 0n) throw new RangeError('cannot distribute a non-zero total over no weights');
    return [];
  }
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (weights.some((w) => w < 0n)) throw new RangeError('weights must be non-negative');
  if (sum === 0n) {
    if (total !== 0n) throw new RangeError('cannot distribute a non-zero total over zero weights');
    return weights.map(() => 0n);
  }
  const negative = total < 0n;
  const abs = negative ? -total : total;
  const parts = weights.map((w) => (abs * w) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (abs * w) % sum }));
  let left = abs - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i] += 1n;
    left -= 1n;
  }
  return negative ? parts.map((p) => -p) : parts;
}

export function formatEuro(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}€ ${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}
