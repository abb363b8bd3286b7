import { PlacementsErrorCode } from './placements.errors';
import { PlacementsInput, placementsProblems } from './placements.rules';

const aPlacements = (overrides: Partial<PlacementsInput> = {}): PlacementsInput => ({ validFrom: '2027-01-01', amountCents: 100, ...overrides });

describe(placementsProblems.name, () => {
  it('should find nothing wrong when it starts today or later', () => {
    expect(placementsProblems(aPlacements({ validFrom: '2027-01-01' }), '2027-01-01')).toEqual([]);
    expect(placementsProblems(aPlacements({ validFrom: '2027-06-01' }), '2027-01-01')).toEqual([]);
  });

  it('should name validFrom when it lies before today', () => {
    expect(placementsProblems(aPlacements({ validFrom: '2026-12-31' }), '2027-01-01')).toEqual([
      expect.objectContaining({ name: 'validFrom', code: PlacementsErrorCode.VALID_FROM_IN_PAST }),
    ]);
  });
});
