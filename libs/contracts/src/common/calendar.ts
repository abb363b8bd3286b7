import { addDays, IsoDate, isoWeekday } from './dates';

/**
 * The Dutch statutory calendar (Algemene termijnenwet art. 1 and 3, DOMAIN.md "Statutory terms"):
 * weekends and exactly these recognised public holidays, every year — New Year's Day, Easter
 * Monday, Ascension Day, Whit Monday, King's Day (27 April; 26 April when the 27th is a Sunday),
 * 5 May, Christmas Day and Boxing Day. Good Friday is not one. Computed, never tabled.
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

/** The recognised public holidays of a year, in date order. */
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

export function isWorkingDay(date: IsoDate): boolean {
  return isoWeekday(date) <= 5 && !isPublicHoliday(date);
}

/** The date itself when it is a working day, else the next working day. */
export function nextWorkingDay(date: IsoDate): IsoDate {
  let d = date;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The date `n` working days after `date` (the day itself does not count). */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}
