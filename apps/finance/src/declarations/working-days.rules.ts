import { addDays, IsoDate, isoWeekday } from '@vangnet/contracts';

// Working days for the declaration answer term (iWmo: ≤ 10 working days). Weekends and the
// recognised public holidays of the Algemene termijnenwet as DOMAIN.md "Statutory terms" lists
// them, computed per year (Easter by the anonymous Gregorian algorithm), never tabled.

/** Easter Sunday of a Gregorian year. */
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

const cache = new Map<number, ReadonlySet<IsoDate>>();

/**
 * New Year's Day, Easter Monday, King's Day (27 April; 26 April when the 27th is a Sunday),
 * 5 May, Ascension Day, Whit Monday, Christmas Day and Boxing Day. Good Friday is not one.
 */
export function publicHolidays(year: number): ReadonlySet<IsoDate> {
  const hit = cache.get(year);
  if (hit) return hit;
  const y = String(year).padStart(4, '0');
  const easter = easterSunday(year);
  const kingsDay = isoWeekday(`${y}-04-27`) === 7 ? `${y}-04-26` : `${y}-04-27`;
  const days = new Set<IsoDate>([
    `${y}-01-01`,
    addDays(easter, 1),
    kingsDay,
    `${y}-05-05`,
    addDays(easter, 39),
    addDays(easter, 50),
    `${y}-12-25`,
    `${y}-12-26`,
  ]);
  cache.set(year, days);
  return days;
}

export function isWorkingDay(date: IsoDate): boolean {
  return isoWeekday(date) <= 5 && !publicHolidays(Number(date.slice(0, 4))).has(date);
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

/** The declaration answer is due 10 working days after receipt. */
export const DECLARATION_ANSWER_WORKING_DAYS = 10;

export function declarationDueDate(receivedOn: IsoDate): IsoDate {
  return addWorkingDays(receivedOn, DECLARATION_ANSWER_WORKING_DAYS);
}
