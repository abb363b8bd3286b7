import { isNewerSpend, thresholdsReached, thresholdsToFire, usedBasisPoints } from './ceilings.rules';

describe(thresholdsReached.name, () => {
  it('should reach a threshold at exactly its share of the ceiling, in integer cents', () => {
    expect(thresholdsReached(69_999, 100_000)).toEqual([]);
    expect(thresholdsReached(70_000, 100_000)).toEqual([70]);
    expect(thresholdsReached(89_999, 100_000)).toEqual([70]);
    expect(thresholdsReached(100_000, 100_000)).toEqual([70, 90, 100]);
    // 70 % of 333 cents is 233.1: 233 is not there yet, 234 is.
    expect(thresholdsReached(233, 333)).toEqual([]);
    expect(thresholdsReached(234, 333)).toEqual([70]);
  });

  it('should treat any spend against a zero ceiling as full, and no or negative spend as nothing', () => {
    expect(thresholdsReached(1, 0)).toEqual([70, 90, 100]);
    expect(thresholdsReached(0, 0)).toEqual([]);
    expect(thresholdsReached(-500, 1000)).toEqual([]);
  });

  it('should stay exact near the largest safe cents', () => {
    const ceiling = 9_007_199_254_740_000;
    expect(thresholdsReached(Math.floor(ceiling * 0.9) + 100, ceiling)).toEqual([70, 90]);
  });
});

describe(usedBasisPoints.name, () => {
  it('should give the use in basis points, rounded down, and null without a ceiling', () => {
    expect(usedBasisPoints(1_200_000, 1_000_000)).toBe(12_000);
    expect(usedBasisPoints(1, 3)).toBe(3333);
    expect(usedBasisPoints(5, null)).toBeNull();
    expect(usedBasisPoints(5, 0)).toBeNull();
  });
});

describe(thresholdsToFire.name, () => {
  it.each([
    ['nothing fired yet', [70, 90], [], [70, 90]],
    ['some fired before', [70, 90, 100], [70], [90, 100]],
    ['everything fired before', [70, 90, 100], [100, 70, 90], []],
    ['a lowered spend reaches less than fired', [70], [70, 90], []],
  ] as const)('should fire only what had not fired: %s', (_what, reached, fired, expected) => {
    expect(thresholdsToFire([...reached], [...fired])).toEqual(expected);
  });
});

describe(isNewerSpend.name, () => {
  it.each([
    ['the first report', null, 1, true],
    ['a higher sequence', { sequence: 3 }, 4, true],
    ['a repeat', { sequence: 3 }, 3, false],
    ['a late one', { sequence: 3 }, 2, false],
  ] as const)('should answer %s with %s', (_what, stored, sequence, expected) => {
    expect(isNewerSpend(stored, sequence)).toBe(expected);
  });
});
