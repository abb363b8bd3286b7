import { QuotaErrorCode } from './quotas.errors';
import { quotaProblems, remaining } from './quotas.rules';

describe(quotaProblems.name, () => {
  it('should refuse a quota below the homes already used, naming homes', () => {
    expect(quotaProblems(2, 3)).toEqual([expect.objectContaining({ name: 'homes', code: QuotaErrorCode.QUOTA_BELOW_USED })]);
    expect(quotaProblems(3, 3)).toEqual([]);
  });
});

describe(remaining.name, () => {
  it('should give the homes left, never below 0', () => {
    expect([remaining({ homes: 5, used: 2 }), remaining({ homes: 2, used: 2 })]).toEqual([3, 0]);
  });
});
