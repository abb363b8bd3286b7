import { QuotasErrorCode } from './quotas.errors';
import { QuotasInput, quotasProblems } from './quotas.rules';

const aQuotas = (overrides: Partial<QuotasInput> = {}): QuotasInput => ({ validFrom: '2027-01-01', amountCents: 100, ...overrides });

describe(quotasProblems.name, () => {
  it('should find nothing wrong when it starts today or later', () => {
    expect(quotasProblems(aQuotas({ validFrom: '2027-01-01' }), '2027-01-01')).toEqual([]);
    expect(quotasProblems(aQuotas({ validFrom: '2027-06-01' }), '2027-01-01')).toEqual([]);
  });

  it('should name validFrom when it lies before today', () => {
    expect(quotasProblems(aQuotas({ validFrom: '2026-12-31' }), '2027-01-01')).toEqual([
      expect.objectContaining({ name: 'validFrom', code: QuotasErrorCode.VALID_FROM_IN_PAST }),
    ]);
  });
});
