import { FinancingVariant, Frequency, IsoDate, Unit } from '@vangnet/contracts';
import { dayNumber, weekdayOf } from '../shared/day-numbers';

// How much volume a version allows over a stretch of days (iWmo TR321/TR322 with IV077).
// Per week, effort-based: the calendar weeks the days touch (counted by week number), each at the
// weekly volume; output-based: the Sundays, plus one week for the week the assignment ends in
// when it does not end on a Sunday. Household help (category 01) per week: six weeks' volume per
// product period. Per day: days × volume. Per month: the volume per calendar month touched.
// Total: the whole volume (the cumulative check bounds the sum).

/** Calendar (ISO) weeks that the days from `start` to `end` touch. */
export function isoWeeksTouched(start: IsoDate, end: IsoDate): number {
  return weeksTouchedN(dayNumber(start), dayNumber(end));
}

function weeksTouchedN(a: number, b: number): number {
  if (b < a) return 0;
  const mondayOfStart = a - (weekdayOf(a) - 1);
  return Math.floor((b - mondayOfStart) / 7) + 1;
}

/** Sundays from `start` to `end` inclusive. */
export function sundaysIn(start: IsoDate, end: IsoDate): number {
  return sundaysInN(dayNumber(start), dayNumber(end));
}

function sundaysInN(a: number, b: number): number {
  if (b < a) return 0;
  const firstSunday = a + ((7 - weekdayOf(a)) % 7);
  if (firstSunday > b) return 0;
  return Math.floor((b - firstSunday) / 7) + 1;
}

export function monthsTouched(start: IsoDate, end: IsoDate): number {
  if (end < start) return 0;
  const ys = Number(start.slice(0, 4));
  const ms = Number(start.slice(5, 7));
  const ye = Number(end.slice(0, 4));
  const me = Number(end.slice(5, 7));
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
 * last day when it has none (day numbers).
 */
function outputAnchor(assignmentStart: number, assignmentEnd: number | null): number | null {
  if (assignmentEnd === null || weekdayOf(assignmentEnd) === 7) return null;
  const lastSunday = assignmentEnd - weekdayOf(assignmentEnd);
  return lastSunday >= assignmentStart ? lastSunday : assignmentEnd;
}

/** Maximum volume (in the version's own unit) for the days [from, to] of one product period. */
export function maxForProductPeriod(v: VolumeVersion, from: IsoDate, to: IsoDate, assignmentStart: IsoDate, assignmentEnd: IsoDate | null): number {
  return maxForProductPeriodN(v, dayNumber(from), dayNumber(to), dayNumber(assignmentStart), assignmentEnd === null ? null : dayNumber(assignmentEnd));
}

/** The same on day numbers (the assessment's hot path). */
export function maxForProductPeriodN(v: VolumeVersion, from: number, to: number, assignmentStart: number, assignmentEnd: number | null): number {
  switch (v.frequency) {
    case Frequency.PER_DAY:
      return v.amount * (to - from + 1);
    case Frequency.PER_WEEK: {
      if (v.category === '01') return v.amount * 6;
      if (v.variant === FinancingVariant.OUTPUT) {
        const anchor = outputAnchor(assignmentStart, assignmentEnd);
        const extra = anchor !== null && anchor >= from && anchor <= to ? 1 : 0;
        return v.amount * (sundaysInN(from, to) + extra);
      }
      return v.amount * weeksTouchedN(from, to);
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
  const a = dayNumber(from);
  const b = dayNumber(to);
  switch (v.frequency) {
    case Frequency.PER_DAY:
      return v.amount * (b - a + 1);
    case Frequency.PER_WEEK:
      if (v.variant === FinancingVariant.OUTPUT) return v.amount * (sundaysInN(a, b) + (weekdayOf(b) === 7 ? 0 : 1));
      return v.amount * weeksTouchedN(a, b);
    case Frequency.PER_MONTH:
      return v.amount * monthsTouched(from, to);
  }
}
