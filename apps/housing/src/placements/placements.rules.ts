import { addDays, FacilityType, inclusiveDays, InvalidParam, IsoDate, maxDate } from '@vangnet/contracts';
import { PlacementErrorCode } from './placements.errors';

/**
 * The facility types a resident may be placed in without the waiting list: emergency and
 * women's shelter, crisis places and night shelter (Wmo 2015 art. 1.1.1 "opvang": for people
 * who have left home now).
 */
export const DIRECT_TYPES: readonly FacilityType[] = [
  FacilityType.CRISIS_SINGLE,
  FacilityType.CRISIS_FAMILY,
  FacilityType.NIGHT_SHELTER,
  FacilityType.DAY_AND_NIGHT_SHELTER,
  FacilityType.WOMENS_SHELTER,
];

/** The stay in days so far (or in all, once ended), both ends counted. */
export function stayDays(startDate: IsoDate, endDate: IsoDate | null, today: IsoDate): number {
  const last = endDate ?? today;
  return last < startDate ? 0 : inclusiveDays(startDate, last);
}

export interface Overstay {
  stayDays: number;
  referenceStayDays: number | null;
  /** Days beyond the reference stay (0 when within it or without one). */
  overstayDays: number;
  overstay: boolean;
}

/** The stay against its facility type's reference stay (DOMAIN.md "Placement and stay"). */
export function overstay(p: { startDate: IsoDate; endDate: IsoDate | null }, referenceDays: number | undefined, today: IsoDate): Overstay {
  const days = stayDays(p.startDate, p.endDate, today);
  const over = referenceDays === undefined ? 0 : Math.max(0, days - referenceDays);
  return { stayDays: days, referenceStayDays: referenceDays ?? null, overstayDays: over, overstay: over > 0 };
}

/** An end date's problems: before the start (naming endDate), or after today. */
export function endProblems(startDate: IsoDate, endDate: IsoDate, today: IsoDate): InvalidParam[] {
  if (endDate < startDate) return [{ name: 'endDate', code: PlacementErrorCode.END_BEFORE_START, reason: `the placement started on ${startDate}; it cannot end before` }];
  if (endDate > today) return [{ name: 'endDate', code: PlacementErrorCode.END_IN_FUTURE, reason: `endDate lies after today (${today}); end a placement once it has ended` }];
  return [];
}

/** The last night in the place before a lease starts: the day before, but never before the start. */
export function lastNightBefore(leaseStart: IsoDate, startDate: IsoDate): IsoDate {
  return maxDate(startDate, addDays(leaseStart, -1));
}
