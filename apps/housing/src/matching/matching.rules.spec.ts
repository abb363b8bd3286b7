import { MatchingErrorCode } from './matching.errors';
import { MatchingInput, matchingProblems } from './matching.rules';

const aMatching = (overrides: Partial<MatchingInput> = {}): MatchingInput => ({ validFrom: '2027-01-01', amountCents: 100, ...overrides });

describe(matchingProblems.name, () => {
  it('should find nothing wrong when it starts today or later', () => {
    expect(matchingProblems(aMatching({ validFrom: '2027-01-01' }), '2027-01-01')).toEqual([]);
    expect(matchingProblems(aMatching({ validFrom: '2027-06-01' }), '2027-01-01')).toEqual([]);
  });

  it('should name validFrom when it lies before today', () => {
    expect(matchingProblems(aMatching({ validFrom: '2026-12-31' }), '2027-01-01')).toEqual([
      expect.objectContaining({ name: 'validFrom', code: MatchingErrorCode.VALID_FROM_IN_PAST }),
    ]);
  });
});
