import { PrioritySchemesErrorCode } from './priority-schemes.errors';
import { PrioritySchemesInput, prioritySchemesProblems } from './priority-schemes.rules';

const aPrioritySchemes = (overrides: Partial<PrioritySchemesInput> = {}): PrioritySchemesInput => ({ validFrom: '2027-01-01', amountCents: 100, ...overrides });

describe(prioritySchemesProblems.name, () => {
  it('should find nothing wrong when it starts today or later', () => {
    expect(prioritySchemesProblems(aPrioritySchemes({ validFrom: '2027-01-01' }), '2027-01-01')).toEqual([]);
    expect(prioritySchemesProblems(aPrioritySchemes({ validFrom: '2027-06-01' }), '2027-01-01')).toEqual([]);
  });

  it('should name validFrom when it lies before today', () => {
    expect(prioritySchemesProblems(aPrioritySchemes({ validFrom: '2026-12-31' }), '2027-01-01')).toEqual([
      expect.objectContaining({ name: 'validFrom', code: PrioritySchemesErrorCode.VALID_FROM_IN_PAST }),
    ]);
  });
});
