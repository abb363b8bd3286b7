import { addMonths, DomainError, firstDayOfMonth, IsoDate, lastDayOfMonth, monthOf } from '@vangnet/contracts';
import { IsOptional, Matches } from 'class-validator';

const MONTH = /^(20\d\d|2[01]\d\d)-(0[1-9]|1[0-2])$/;
/** The longest period a monitor answers for at once. */
export const MAX_MONTHS = 36;

/** A period in whole months, as the regional monitors take it (`?from=2026-01&to=2026-12`). */
export class MonthRangeQuery {
  /** First month, YYYY-MM (default: eleven months before `to`). */
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month YYYY-MM' })
  from?: string;

  /** Last month, YYYY-MM (default: this month); at most 36 months from `from`. */
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month YYYY-MM' })
  to?: string;
}

/** The months from `from` to `to` ('YYYY-MM'), both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m === 13) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * The period a month-range query asks for, with its defaults (the twelve months up to today's) and
 * its first and last day; a `to` before `from`, or more than 36 months, is 400 INVALID_PERIOD on `to`.
 */
export function monthRange(q: MonthRangeQuery, today: IsoDate): { from: string; to: string; months: string[]; start: IsoDate; end: IsoDate } {
  const to = q.to ?? monthOf(today);
  const from = q.from ?? monthOf(addMonths(firstDayOfMonth(`${to}-01`), -11));
  const months = from <= to ? monthsBetween(from, to) : [];
  if (!months.length || months.length > MAX_MONTHS) {
    throw DomainError.invalidField('INVALID_PERIOD', 'to', `to must be a month from ${from} up to ${MAX_MONTHS} months later`);
  }
  return { from, to, months, start: firstDayOfMonth(`${from}-01`), end: lastDayOfMonth(`${to}-01`) };
}
