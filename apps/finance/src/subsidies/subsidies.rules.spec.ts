import { SubsidyErrorCode } from './subsidies.errors';
import { grantDefect } from './subsidies.rules';

describe(grantDefect.name, () => {
  it('should keep a grant whose instalments add up to its amount', () => {
    expect(grantDefect(1000, [{ seq: 1, dueDate: '2026-01-01', amountCents: 600 }, { seq: 2, dueDate: '2026-07-01', amountCents: 400 }])).toBeNull();
  });

  it('should refuse instalments that do not add up, or repeat a number', () => {
    expect(grantDefect(1000, [{ seq: 1, dueDate: '2026-01-01', amountCents: 999 }])?.code).toBe(SubsidyErrorCode.INSTALMENTS_DO_NOT_ADD_UP);
    expect(grantDefect(1000, [{ seq: 1, dueDate: '2026-01-01', amountCents: 500 }, { seq: 1, dueDate: '2026-02-01', amountCents: 500 }])?.code).toBe(SubsidyErrorCode.DUPLICATE_INSTALMENT);
  });
});
