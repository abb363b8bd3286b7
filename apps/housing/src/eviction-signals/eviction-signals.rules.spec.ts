import { isOverdue, signalDue } from './eviction-signals.rules';

describe(signalDue.name, () => {
  it('should give the term in working days', () => {
    // Monday 23 November 2026 + 20 working days = Monday 21 December.
    expect(signalDue('2026-11-23', 20)).toBe('2026-12-21');
    // Over Christmas: 21 December + 5 working days skips 25 and 26 December and the weekend.
    expect(signalDue('2026-12-21', 5)).toBe('2026-12-29');
  });
});

describe(isOverdue.name, () => {
  it('should count an open signal overdue from the day after its term, a closed one never', () => {
    expect([isOverdue({ status: 'OPEN', dueOn: '2026-12-21' }, '2026-12-21'), isOverdue({ status: 'OPEN', dueOn: '2026-12-21' }, '2026-12-22')]).toEqual([false, true]);
    expect(isOverdue({ status: 'CLOSED', dueOn: '2026-12-21' }, '2027-01-22')).toBe(false);
  });
});
