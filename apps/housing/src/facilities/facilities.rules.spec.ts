import { FacilitiesErrorCode } from './facilities.errors';
import { FacilitiesInput, facilitiesProblems } from './facilities.rules';

const aFacilities = (overrides: Partial<FacilitiesInput> = {}): FacilitiesInput => ({ validFrom: '2027-01-01', amountCents: 100, ...overrides });

describe(facilitiesProblems.name, () => {
  it('should find nothing wrong when it starts today or later', () => {
    expect(facilitiesProblems(aFacilities({ validFrom: '2027-01-01' }), '2027-01-01')).toEqual([]);
    expect(facilitiesProblems(aFacilities({ validFrom: '2027-06-01' }), '2027-01-01')).toEqual([]);
  });

  it('should name validFrom when it lies before today', () => {
    expect(facilitiesProblems(aFacilities({ validFrom: '2026-12-31' }), '2027-01-01')).toEqual([
      expect.objectContaining({ name: 'validFrom', code: FacilitiesErrorCode.VALID_FROM_IN_PAST }),
    ]);
  });
});
