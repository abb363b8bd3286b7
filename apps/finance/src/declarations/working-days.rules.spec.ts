import { addWorkingDays, declarationDueDate, easterSunday, isWorkingDay, publicHolidays } from './working-days.rules';

describe('working days', () => {
  it('should compute Easter for known years', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });

  it('should list the recognised holidays, with King’s Day on the 26th when the 27th is a Sunday', () => {
    expect([...publicHolidays(2026)].sort()).toEqual(['2026-01-01', '2026-04-06', '2026-04-27', '2026-05-05', '2026-05-14', '2026-05-25', '2026-12-25', '2026-12-26']);
    expect(publicHolidays(2026).has('2026-04-26')).toBe(false);
    expect(publicHolidays(2025).has('2025-04-26')).toBe(true); // 27 April 2025 was a Sunday
    expect(publicHolidays(2025).has('2025-04-27')).toBe(false);
    expect(isWorkingDay('2026-04-03')).toBe(true); // Good Friday is not one
  });

  it('should put the declaration answer 10 working days after receipt, skipping weekends and holidays', () => {
    expect(declarationDueDate('2026-03-02')).toBe('2026-03-16');
    // Receipt on Thursday 30 April 2026: 1, 4, 6, 7, 8, 11, 12, 13, 15, 18 May (5 May and Ascension 14 May skipped)
    expect(declarationDueDate('2026-04-30')).toBe('2026-05-18');
    expect(addWorkingDays('2026-12-24', 1)).toBe('2026-12-28');
  });
});
