import { FacilityType } from '@vangnet/contracts';
import { DistributionErrorCode } from './distribution.errors';
import { distribution, FacilityPlaces, KeyRules, keyProblems } from './distribution.rules';

const key = (o: Partial<KeyRules> = {}): KeyRules => ({
  shares: [
    { municipality: 'GM0001', basisPoints: 5000 },
    { municipality: 'GM0002', basisPoints: 3000 },
    { municipality: 'GM0003', basisPoints: 2000 },
  ],
  compensationPerPlaceYearCents: 4_000_000,
  facilityTypes: [],
  concentrationThresholdBasisPoints: 5000,
  concentrationMinimumPlaces: 10,
  ...o,
});
const f = (municipality: string, type: string, places: number, neighbourhood = 'Centrum'): FacilityPlaces => ({ municipality, type, places, neighbourhood });

describe(keyProblems.name, () => {
  it('should accept every member once with shares adding up to 10000', () => {
    expect(keyProblems(key().shares, ['GM0001', 'GM0002', 'GM0003'])).toEqual([]);
  });

  it('should name the share that is not a member or repeats, and the shares that miss a member or do not add up', () => {
    const problems = keyProblems(
      [
        { municipality: 'GM0001', basisPoints: 5000 },
        { municipality: 'GM0001', basisPoints: 3000 },
        { municipality: 'GM0009', basisPoints: 1000 },
      ],
      ['GM0001', 'GM0002'],
    );
    expect(problems.map((p) => [p.name, p.code])).toEqual([
      ['shares[1].municipality', DistributionErrorCode.DUPLICATE_SHARE],
      ['shares[2].municipality', DistributionErrorCode.NOT_IN_REGION],
      ['shares', DistributionErrorCode.SHARES_INCOMPLETE],
      ['shares', DistributionErrorCode.SHARES_NOT_WHOLE],
    ]);
  });
});

describe(distribution.name, () => {
  it('should divide each type’s places by the key, exactly, and price the shortfall per place-year', () => {
    // 10 BW places: targets 5, 3, 2. GM0001 has 9 (surplus 4), GM0002 1 (short 2), GM0003 0 (short 2).
    const r = distribution(key(), [f('GM0001', 'BW', 9), f('GM0002', 'BW', 1)]);
    expect(r.types[0].municipalities.map((m) => [m.municipality, m.target, m.shortfall, m.surplus])).toEqual([
      ['GM0001', 5, 0, 4],
      ['GM0002', 3, 2, 0],
      ['GM0003', 2, 2, 0],
    ]);
    expect(r.municipalities.map((m) => [m.compensationOwedCents, m.compensationDueCents])).toEqual([
      [0, 16_000_000],
      [8_000_000, 0],
      [8_000_000, 0],
    ]);
    expect(r.totals).toEqual({ places: 10, shortfall: 4, compensationCents: 16_000_000 });
  });

  it('should share in kind: a surplus of one type does not make up for a shortfall of another', () => {
    const r = distribution(key(), [f('GM0001', 'BW', 10), f('GM0002', 'CRISIS', 10)]);
    const gm1 = r.municipalities.find((m) => m.municipality === 'GM0001');
    expect(gm1).toMatchObject({ places: 10, target: 10, shortfall: 5, surplus: 5 });
  });

  it('should round targets by the largest remainder so they add up to the region’s places', () => {
    const r = distribution(key({ shares: [{ municipality: 'GM0001', basisPoints: 3334 }, { municipality: 'GM0002', basisPoints: 3333 }, { municipality: 'GM0003', basisPoints: 3333 }] }), [f('GM0001', 'BW', 10)]);
    expect(r.types[0].municipalities.map((m) => m.target)).toEqual([4, 3, 3]);
  });

  it('should flag a municipality without an intermediate facility, and count only the key’s types', () => {
    const r = distribution(key({ facilityTypes: ['BW'] }), [f('GM0001', FacilityType.INTERMEDIATE_FACILITY, 4), f('GM0001', 'BW', 10)]);
    expect(r.municipalities.map((m) => m.missingIntermediateFacility)).toEqual([false, true, true]);
    expect(r.totals.places).toBe(10);
  });

  it('should flag a neighbourhood holding more than the threshold of its municipality’s places', () => {
    const r = distribution(key(), [f('GM0001', 'BW', 12, 'Noord'), f('GM0001', 'BW', 4, 'Zuid'), f('GM0002', 'BW', 6, 'Oost')]);
    expect(r.neighbourhoods).toEqual([
      { municipality: 'GM0001', neighbourhood: 'Noord', places: 12, shareBasisPoints: 7500, concentrated: true },
      { municipality: 'GM0001', neighbourhood: 'Zuid', places: 4, shareBasisPoints: 2500, concentrated: false },
      // All of GM0002's places, but fewer than the minimum: no concentration.
      { municipality: 'GM0002', neighbourhood: 'Oost', places: 6, shareBasisPoints: 10000, concentrated: false },
    ]);
  });
});
