import { addDays, addMonths, amsterdamDate, inclusiveDays, isIsoDate, isoWeekday, lastDayOfMonth } from './dates';

describe('dates', () => {
  it('should accept real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2027-06-31')).toBe(false);
    expect(isIsoDate('2024-2-01')).toBe(false);
  });

  it('should add days and months across boundaries', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-31', -31)).toBe('2024-02-29');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-11-15', 3)).toBe('2025-02-15');
    expect(addMonths('2025-03-15', -3)).toBe('2024-12-15');
  });

  it('should count inclusive days and know month ends and weekdays', () => {
    expect(inclusiveDays('2024-01-01', '2024-12-31')).toBe(366);
    expect(lastDayOfMonth('2025-02-10')).toBe('2025-02-28');
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-22')).toBe(7);
  });

  it('should give the Amsterdam date when UTC is still on the previous day', () => {
    expect(amsterdamDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(amsterdamDate(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
  });
});
