import { addDays, IsoDate, isoWeekday } from './dates';

/**
 * Two calendars, kept apart on purpose (DOMAIN.md "Statutory terms"):
 *
 * - Terms set by law (Wmo, Jeugdwet, Awb) follow the Algemene termijnenwet: a term that ends on a
 *   Saturday, Sunday or a day equated with a public holiday ends on the next day that is none of
 *   these (Atw art. 1). The days (Atw art. 3): lid 1 every year's holidays, lid 2 Good Friday,
 *   lid 3 the days equated by Royal Decree, which cannot be computed and so come in as input
 *   (access keeps them as a dated, versioned table). See `statutoryTermEnd`.
 * - Other working-day terms (the iStandaarden's "N working days", a contract's payment term, a
 *   region's norm) count Monday to Friday without the lid 1 holidays only, unless their own text
 *   says otherwise: Good Friday and decreed days are working days there. See `addWorkingDays`.
 *
 * Lid 1, every year: New Year's Day, Easter Monday, Ascension Day, Whit Monday, King's Day
 * (27 April; 26 April when the 27th is a Sunday), 5 May, Christmas Day and Boxing Day.
 * Computed, never tabled.
 */

/** Easter Sunday (Gregorian), by the anonymous algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** King's Day: 27 April, or 26 April when the 27th is a Sunday. */
export function kingsDay(year: number): IsoDate {
  const d = `${String(year).padStart(4, '0')}-04-27`;
  return isoWeekday(d) === 7 ? addDays(d, -1) : d;
}

/** The recognised public holidays of a year (Atw art. 3 lid 1), in date order. */
export function publicHolidays(year: number): IsoDate[] {
  const y = String(year).padStart(4, '0');
  const easter = easterSunday(year);
  return [
    `${y}-01-01`,
    addDays(easter, 1), // Easter Monday
    addDays(easter, 39), // Ascension Day
    addDays(easter, 50), // Whit Monday
    kingsDay(year),
    `${y}-05-05`,
    `${y}-12-25`,
    `${y}-12-26`,
  ].sort();
}

const holidayCache = new Map<number, ReadonlySet<IsoDate>>();

export function isPublicHoliday(date: IsoDate): boolean {
  const year = Number(date.slice(0, 4));
  let set = holidayCache.get(year);
  if (!set) {
    set = new Set(publicHolidays(year));
    holidayCache.set(year, set);
  }
  return set.has(date);
}

/** A working day for terms not set by law: Monday to Friday and not a lid 1 holiday (Good Friday and decreed days are working days). */
export function isWorkingDay(date: IsoDate): boolean {
  return isoWeekday(date) <= 5 && !isPublicHoliday(date);
}

/** The date itself when it is a working day, else the next working day (terms not set by law). */
export function nextWorkingDay(date: IsoDate): IsoDate {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The date `n` working days after `date` (the day itself does not count; terms not set by law). */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

// ---------------------------------------------------------------------------------------------
// Terms set by law: the Algemene termijnenwet.

/** Good Friday: two days before Easter Sunday. */
export function goodFriday(year: number): IsoDate {
  return addDays(easterSunday(year), -2);
}

/**
 * Whether a day is equated with a public holiday for a term set by law (Atw art. 3): a lid 1
 * holiday, Good Friday (lid 2), or a day equated by Royal Decree (lid 3, from `decreedDays`).
 */
export function isStatutoryHoliday(date: IsoDate, decreedDays: ReadonlySet<IsoDate>): boolean {
  return isPublicHoliday(date) || date === goodFriday(Number(date.slice(0, 4))) || decreedDays.has(date);
}

/** Whether a term set by law may end on this day (Atw art. 1: not a Saturday, Sunday or day of art. 3). */
export function isStatutoryWorkingDay(date: IsoDate, decreedDays: ReadonlySet<IsoDate>): boolean {
  return isoWeekday(date) <= 5 && !isStatutoryHoliday(date, decreedDays);
}

/**
 * The last day of a term set by law whose nominal end is `date`: the day itself, or, when it is a
 * Saturday, Sunday or a day of Atw art. 3, the next day that is none of these (Atw art. 1 lid 1).
 * `decreedDays` are the days equated by Royal Decree (art. 3 lid 3). Atw art. 2 (at least two
 * working days in a term of three days or more) never bites on the terms of weeks used here.
 */
export function statutoryTermEnd(date: IsoDate, decreedDays: ReadonlySet<IsoDate>): IsoDate {
  let d = date;
  while (!isStatutoryWorkingDay(d, decreedDays)) d = addDays(d, 1);
  return d;
}
