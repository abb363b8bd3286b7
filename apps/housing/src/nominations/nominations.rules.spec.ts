import { NominationsErrorCode } from './nominations.errors';
import { NominationsInput, nominationsProblems } from './nominations.rules';

const aNominations = (overrides: Partial<NominationsInput> = {}): NominationsInput => ({ validFrom: '2027-01-01', amountCents: 100, ...overrides });

describe(nominationsProblems.name, () => {
  it('should find nothing wrong when it starts today or later', () => {
    expect(nominationsProblems(aNominations({ validFrom: '2027-01-01' }), '2027-01-01')).toEqual([]);
    expect(nominationsProblems(aNominations({ validFrom: '2027-06-01' }), '2027-01-01')).toEqual([]);
  });

  it('should name validFrom when it lies before today', () => {
    expect(nominationsProblems(aNominations({ validFrom: '2026-12-31' }), '2027-01-01')).toEqual([
      expect.objectContaining({ name: 'validFrom', code: NominationsErrorCode.VALID_FROM_IN_PAST }),
    ]);
  });
});
