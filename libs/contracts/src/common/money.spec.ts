import { amountFor, distributeLargestRemainder, divRoundHalfUp, isCents } from './money';

describe('money', () => {
  it('should treat only safe integers as cents', () => {
    expect(isCents(100)).toBe(true);
    expect(isCents(1.5)).toBe(false);
    expect(isCents(-1)).toBe(true);
    expect(isCents(-1, { min: 0 })).toBe(false);
    expect(isCents(2 ** 53)).toBe(false);
  });

  it('should round half up', () => {
    expect(divRoundHalfUp(5n, 2n)).toBe(3n);
    expect(divRoundHalfUp(-5n, 2n)).toBe(-3n);
    expect(divRoundHalfUp(4n, 3n)).toBe(1n);
  });

  it('should price minutes against an hour tariff as TR346 says', () => {
    // 45 minutes at € 61,27 an hour = 45 × 6127 / 60 = 4595.25 → 4595
    expect(amountFor(45, 6127, true)).toBe(4595);
    // 30 minutes at € 0,01 = 0.5 → rounds half up to 1
    expect(amountFor(30, 1, true)).toBe(1);
    expect(amountFor(4, 6127)).toBe(24508);
  });

  it('should distribute to the cent with a deterministic tie-break when weights are equal', () => {
    expect(distributeLargestRemainder(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(distributeLargestRemainder(-100n, [1n, 1n, 1n])).toEqual([-34n, -33n, -33n]);
    expect(distributeLargestRemainder(10n, [0n, 3n, 7n])).toEqual([0n, 3n, 7n]);
    const parts = distributeLargestRemainder(1_000_001n, [17n, 29n, 31n, 5n, 18n]);
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(1_000_001n);
  });

  it('should refuse a non-zero total over zero weights', () => {
    expect(() => distributeLargestRemainder(5n, [0n, 0n])).toThrow(RangeError);
  });
});
