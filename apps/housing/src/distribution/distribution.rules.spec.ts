import { DistributionErrorCode } from './distribution.errors';
import { DistributionInput, distributionProblems } from './distribution.rules';

const aDistribution = (overrides: Partial<DistributionInput> = {}): DistributionInput => ({ validFrom: '2027-01-01', amountCents: 100, ...overrides });

describe(distributionProblems.name, () => {
  it('should find nothing wrong when it starts today or later', () => {
    expect(distributionProblems(aDistribution({ validFrom: '2027-01-01' }), '2027-01-01')).toEqual([]);
    expect(distributionProblems(aDistribution({ validFrom: '2027-06-01' }), '2027-01-01')).toEqual([]);
  });

  it('should name validFrom when it lies before today', () => {
    expect(distributionProblems(aDistribution({ validFrom: '2026-12-31' }), '2027-01-01')).toEqual([
      expect.objectContaining({ name: 'validFrom', code: DistributionErrorCode.VALID_FROM_IN_PAST }),
    ]);
  });
});
