import { answerDue, isStalled, workingDaysOverdue } from './offers.rules';

describe(answerDue.name, () => {
  it('should count working days only, skipping weekends and public holidays', () => {
    // Monday 23 November 2026 + 5 working days = Monday 30 November.
    expect(answerDue('2026-11-23', 5)).toBe('2026-11-30');
    // Thursday 24 December 2026: Christmas and Boxing Day (Fri, Sat) and the weekend do not count.
    expect(answerDue('2026-12-24', 1)).toBe('2026-12-28');
    // King's Day 2027 is Tuesday 27 April.
    expect(answerDue('2027-04-26', 1)).toBe('2027-04-28');
  });
});

describe(isStalled.name, () => {
  it('should stall an open offer from the day after its last day to answer', () => {
    const offer = { status: 'OPEN', answerDue: '2026-11-30' };
    expect([isStalled(offer, '2026-11-30'), isStalled(offer, '2026-12-01')]).toEqual([false, true]);
  });

  it('should never stall an answered or withdrawn offer', () => {
    expect(['ACCEPTED', 'DECLINED', 'WITHDRAWN', 'PLACED'].map((status) => isStalled({ status, answerDue: '2026-11-30' }, '2027-01-01'))).toEqual([false, false, false, false]);
  });
});

describe(workingDaysOverdue.name, () => {
  it('should count the working days after the last day to answer', () => {
    expect(workingDaysOverdue('2026-11-30', '2026-11-30')).toBe(0);
    expect(workingDaysOverdue('2026-11-27', '2026-11-30')).toBe(1); // Friday → Monday: the weekend does not count
    expect(workingDaysOverdue('2026-11-30', '2026-12-04')).toBe(4);
  });
});
