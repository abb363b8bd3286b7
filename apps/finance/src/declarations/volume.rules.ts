import { addDays, daysBetween, FinancingVariant, Frequency, inclusiveDays, IsoDate, isoWeekday, Unit } from '@vangnet/contracts';

// How much volume a version allows over a stretch of days (iWmo TR321/TR322 with IV077).
// Per week, effort-based: the calendar weeks the days touch (counted by week number), each at the
// weekly volume; output-based: the Sundays, plus one week for the week the assignment ends in
// when it does not end on a Sunday. Household help (category 01) per week: six weeks' volume per
// product period. Per day: days × volume. Per month: the volume per calendar month touched.
// Total: the whole volume (the cumulative check bounds the sum).

/** Calendar (ISO) weeks that the days from `start` to `end` touch. */
export function isoWeeksTouched(start: IsoDate, end: IsoDate): number {
  if (end < start) return 0;
  const mondayOfStart = addDays(start, -(isoWeekday(start) - 1));
  return Math.floor(daysBetween(mondayOfStart, end) / 7) + 1;
}

/** Sundays from `start` to `end` inclusive. */
export function sundaysIn(start: IsoDate, end: IsoDate): number {
  if (end < start) return 0;
  const firstSunday = addDays(start, (7 - isoWeekday(start)) % 7);
  if (firstSunday > end) return 0;
  return Math.floor(daysBetween(firstSunday, end) / 7) + 1;
}

export function monthsTouched(start: IsoDate, end: IsoDate): number {
  if (end < start) return 0;
  const [ys, ms] = start.split('-').map(Number);
  const [ye, me] = end.split('-').map(Number);
  return (ye - ys) * 12 + (me - ms) + 1;
}

/** Time units are counted in minutes (hours may be billed as minutes); every other unit as itself. */
export function countUnitOf(unit: Unit): Unit {
  return unit === Unit.HOUR || unit === Unit.MINUTE ? Unit.MINUTE : unit;
}

export function countFactor(unit: Unit): number {
  return unit === Unit.HOUR ? 60 : 1;
}

export interface VolumeVersion {
  amount: number;
  unit: Unit;
  frequency: Frequency;
  variant: string | null;
  category: string;
}

/**
 * The lineage's anchor for output-based weekly volumes: the last Sunday of the assignment, or its
 * last day when it has none.
 */
function outputAnchor(assignmentStart: IsoDate, assignmentEnd: IsoDate | null): IsoDate | null {
  if (assignmentEnd === null || isoWeekday(assignmentEnd) === 7) return null;
  const lastSunday = addDays(assignmentEnd, -isoWeekday(assignmentEnd));
  return lastSunday >= assignmentStart ? lastSunday : assignmentEnd;
}

/** Maximum volume (in the version's own unit) for the days [from, to] of one product period. */
export function maxForProductPeriod(v: VolumeVersion, from: IsoDate, to: IsoDate, assignmentStart: IsoDate, assignmentEnd: IsoDate | null): number {
  switch (v.frequency) {
    case Frequency.PER_DAY:
      return v.amount * inclusiveDays(from, to);
    case Frequency.PER_WEEK: {
      if (v.category === '01') return v.amount * 6;
      if (v.variant === FinancingVariant.OUTPUT) {
        const anchor = outputAnchor(assignmentStart, assignmentEnd);
        const extra = anchor !== null && anchor >= from && anchor <= to ? 1 : 0;
        return v.amount * (sundaysIn(from, to) + extra);
      }
      return v.amount * isoWeeksTouched(from, to);
    }
    case Frequency.PER_MONTH:
    case Frequency.TOTAL:
      return v.amount;
  }
}

/**
 * Maximum volume (in the version's own unit) over all the days [from, to] a version is in force;
 * Infinity when open-ended and not a total.
 */
export function maxForSegment(v: VolumeVersion, from: IsoDate, to: IsoDate | null): number {
  if (v.frequency === Frequency.TOTAL) return v.amount;
  if (to === null) return Infinity;
  switch (v.frequency) {
    case Frequency.PER_DAY:
      return v.amount * inclusiveDays(from, to);
    case Frequency.PER_WEEK:
      if (v.variant === FinancingVariant.OUTPUT) return v.amount * (sundaysIn(from, to) + (isoWeekday(to) === 7 ? 0 : 1));
      return v.amount * isoWeeksTouched(from, to);
    case Frequency.PER_MONTH:
      return v.amount * monthsTouched(from, to);
  }
}
