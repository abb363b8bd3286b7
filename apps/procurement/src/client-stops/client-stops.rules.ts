import { addDays, IsoDate, minDate, periodsOverlap } from '@vangnet/contracts';

export interface StopDates {
  start: IsoDate;
  end: IsoDate | null;
  liftedOn: IsoDate | null;
}

/** The days a stop actually blocks: lifting on L ends it the day before L. Undefined when it never blocks. */
export function effectivePeriod(s: StopDates): { start: IsoDate; end: IsoDate | null } | undefined {
  if (!s.liftedOn) return { start: s.start, end: s.end };
  const lastDay = addDays(s.liftedOn, -1);
  const end = s.end ? minDate(s.end, lastDay) : lastDay;
  return end < s.start ? undefined : { start: s.start, end };
}

export function stopBlocks(s: { start: IsoDate; end: IsoDate | null }, date: IsoDate): boolean {
  return s.start <= date && (s.end === null || date <= s.end);
}

/** The first stop of the same provider and municipality that still blocks a day of `period`: one stop at a time per key. */
export function clashingStop<S extends StopDates>(stops: readonly S[], period: { start: IsoDate; end: IsoDate | null }): S | undefined {
  return stops.find((s) => {
    const eff = effectivePeriod(s);
    return !!eff && periodsOverlap(eff, period);
  });
}
