import { distribute } from './funds.rules';

describe('fund distribution', () => {
  it('should split 100 cents over 3 equal weights to the cent, the odd cent to the first municipality code', () => {
    const parts = distribute(100, [
      { municipality: 'GM0579', weight: 1 },
      { municipality: 'GM0546', weight: 1 },
      { municipality: 'GM0547', weight: 1 },
    ]);
    expect(parts.map((p) => [p.municipality, p.partCents])).toEqual([
      ['GM0546', 34],
      ['GM0547', 33],
      ['GM0579', 33],
    ]);
  });

  it('should give the same parts for the same key in any order, and add up for awkward keys', () => {
    const key = [
      { municipality: 'GM0546', weight: 125_123 },
      { municipality: 'GM0547', weight: 27_991 },
      { municipality: 'GM0579', weight: 26_017 },
      { municipality: 'GM0626', weight: 25_803 },
      { municipality: 'GM0638', weight: 9_101 },
    ];
    const a = distribute(1_000_000_001, key);
    const b = distribute(1_000_000_001, [...key].reverse());
    expect(a).toEqual(b);
    expect(a.reduce((s, p) => s + p.partCents, 0)).toBe(1_000_000_001);
    expect(distribute(7, [{ municipality: 'GM0546', weight: 0 }, { municipality: 'GM0547', weight: 3 }]).map((p) => p.partCents)).toEqual([0, 7]);
  });
});
