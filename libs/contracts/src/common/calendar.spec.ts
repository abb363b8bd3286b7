import { addDays } from './dates';
import { addWorkingDays, easterSunday, goodFriday, isPublicHoliday, isStatutoryHoliday, isWorkingDay, kingsDay, nextWorkingDay, publicHolidays, statutoryTermEnd } from './calendar';

describe('statutory calendar', () => {
  describe(easterSunday.name, () => {
    it.each([
      [1818, '1818-03-22'], // earliest possible
      [1961, '1961-04-02'],
      [2000, '2000-04-23'],
      [2008, '2008-03-23'],
      [2011, '2011-04-24'],
      [2019, '2019-04-21'],
      [2024, '2024-03-31'],
      [2025, '2025-04-20'],
      [2026, '2026-04-05'],
      [2027, '2027-03-28'],
      [2028, '2028-04-16'],
      [2038, '2038-04-25'], // latest possible
      [2285, '2285-03-22'],
    ])('should give Easter Sunday %i as %s', (year, date) => {
      expect(easterSunday(year)).toBe(date);
    });

    it('should always land on a Sunday between 22 March and 25 April', () => {
      for (let y = 1900; y <= 2200; y++) {
        const e = easterSunday(y);
        expect(new Date(`${e}T00:00:00Z`).getUTCDay()).toBe(0);
        expect(e.slice(5) >= '03-22' && e.slice(5) <= '04-25').toBe(true);
      }
    });
  });

  describe(kingsDay.name, () => {
    it('should be 27 April, or 26 April when the 27th is a Sunday', () => {
      expect(kingsDay(2026)).toBe('2026-04-27'); // Monday
      expect(kingsDay(2025)).toBe('2025-04-26'); // 27th is a Sunday
      expect(kingsDay(2031)).toBe('2031-04-26'); // 27th is a Sunday
      expect(kingsDay(2024)).toBe('2024-04-27'); // Saturday stays
    });
  });

  describe(publicHolidays.name, () => {
    it('should list exactly the eight recognised holidays of 2026', () => {
      expect(publicHolidays(2026)).toEqual([
        '2026-01-01',
        '2026-04-06', // Easter Monday
        '2026-04-27', // King's Day
        '2026-05-05',
        '2026-05-14', // Ascension
        '2026-05-25', // Whit Monday
        '2026-12-25',
        '2026-12-26',
      ]);
    });

    it('should not count Good Friday, Easter Sunday or Whit Sunday among the lid 1 holidays', () => {
      expect(isPublicHoliday('2026-04-03')).toBe(false); // Good Friday
      expect(isPublicHoliday('2026-04-05')).toBe(false);
      expect(isPublicHoliday('2026-05-24')).toBe(false);
      expect(isWorkingDay('2026-04-03')).toBe(true);
    });

    it('should count 5 May every year, not only in lustrum years', () => {
      expect(isPublicHoliday('2027-05-05')).toBe(true);
      expect(isPublicHoliday('2026-05-05')).toBe(true);
    });
  });

  describe(nextWorkingDay.name, () => {
    it('should keep a working day and skip weekends and holidays', () => {
      expect(nextWorkingDay('2026-11-23')).toBe('2026-11-23');
      expect(nextWorkingDay('2026-11-28')).toBe('2026-11-30'); // Saturday → Monday
      expect(nextWorkingDay('2026-12-25')).toBe('2026-12-28'); // Christmas, Boxing Day, Sunday
      expect(nextWorkingDay('2027-12-25')).toBe('2027-12-27'); // Sat and Sun are also the holidays
      expect(nextWorkingDay('2026-04-04')).toBe('2026-04-07'); // Sat, Easter Sunday, Easter Monday
      expect(nextWorkingDay('2025-04-26')).toBe('2025-04-28'); // King's Day on Saturday, then Sunday
    });
  });

  describe(addWorkingDays.name, () => {
    it('should count working days after the date, skipping weekends and holidays', () => {
      expect(addWorkingDays('2026-11-23', 10)).toBe('2026-12-07');
      expect(addWorkingDays('2026-12-21', 10)).toBe('2027-01-06'); // over Christmas and New Year
      expect(addWorkingDays('2026-04-02', 1)).toBe('2026-04-03'); // Good Friday is a working day
      expect(addWorkingDays('2026-04-03', 1)).toBe('2026-04-07'); // past Easter Monday
    });
  });

  describe(statutoryTermEnd.name, () => {
    // The days decreed so far (Atw art. 3 lid 3), as access seeds them.
    const DECREED = new Set(['2026-01-02', '2026-05-15', '2027-05-07', '2028-04-28', '2028-05-26']);

    it('should give Good Friday as two days before Easter and treat it as a holiday for terms set by law only', () => {
      expect([goodFriday(2026), goodFriday(2027), goodFriday(2028)]).toEqual(['2026-04-03', '2027-03-26', '2028-04-14']);
      expect(isStatutoryHoliday('2028-04-14', new Set())).toBe(true); // Atw art. 3 lid 2
      expect(isWorkingDay('2028-04-14')).toBe(true); // other working-day terms: lid 1 only
    });

    it.each([
      // [start, days, expected, why]
      ['2028-03-03', 42, '2028-04-18', 'Wmo investigation: Good Friday 14 April, weekend, Easter Monday 17 April'],
      ['2028-03-17', 42, '2028-05-01', 'Wmo investigation: 28 April 2028 decreed, then the weekend'],
      ['2027-03-25', 42, '2027-05-10', 'Wmo investigation: Ascension 6 May, 7 May decreed, weekend'],
      ['2027-03-12', 14, '2027-03-30', 'Wmo decision: Good Friday 26 March, weekend, Easter Monday 29 March'],
      ['2025-12-19', 14, '2026-01-05', 'Wmo decision: 2 January 2026 decreed, then the weekend'],
      ['2026-04-03', 42, '2026-05-18', 'Wmo investigation from Good Friday: 15 May 2026 decreed, weekend'],
      ['2028-03-31', 56, '2028-05-29', 'Jeugdwet decision: 26 May 2028 decreed (day after Ascension), weekend'],
      ['2026-03-16', 42, '2026-04-28', 'King’s Day on a Monday'],
      ['2026-11-13', 42, '2026-12-28', 'Christmas Day on a Friday, Boxing Day, Sunday'],
      ['2026-11-02', 14, '2026-11-16', 'an ordinary Monday stays'],
    ])('should end a term from %s of %i days on %s (%s)', (start, days, expected) => {
      expect(statutoryTermEnd(addDays(start, days), DECREED)).toBe(expected);
    });

    it('should not move a term over a decreed day the table does not hold', () => {
      expect(statutoryTermEnd('2028-04-28', new Set())).toBe('2028-04-28');
      expect(statutoryTermEnd('2028-04-28', DECREED)).toBe('2028-05-01');
    });

    it('should count neither Good Friday nor decreed days as days off for other working-day terms', () => {
      expect(addWorkingDays('2028-04-13', 1)).toBe('2028-04-14'); // Good Friday
      expect(addWorkingDays('2028-04-27', 1)).toBe('2028-04-28'); // decreed, but not for these terms
      expect(nextWorkingDay('2027-05-07')).toBe('2027-05-07');
    });
  });
});
