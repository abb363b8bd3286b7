import { addDays, daysBetween, isoWeekday } from '@vangnet/contracts';
import { dayNumber, fromDayNumber, weekdayOf } from './day-numbers';

describe('day numbers', () => {
  it('should agree with the Date-based helpers over four centuries of days', () => {
    let date = '1899-12-25';
    const base = dayNumber(date);
    for (let i = 0; i < 146_097 + 800; i += 13) {
      date = addDays('1899-12-25', i);
      expect(dayNumber(date)).toBe(base + daysBetween('1899-12-25', date));
      expect(fromDayNumber(dayNumber(date))).toBe(date);
      expect(weekdayOf(dayNumber(date))).toBe(isoWeekday(date));
    }
    expect(dayNumber('1970-01-01')).toBe(0);
  });
});
