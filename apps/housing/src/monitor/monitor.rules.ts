import { addDays, daysBetween, IsoDate, lastDayOfMonth, monthOf, PlacementDestination } from '@vangnet/contracts';

// The monitor's figures (DOMAIN.md "Measures"): aggregates only, computed from placements,
// waiting-list entries and places. The README's "Monitor" section defines each figure.

/** A next placement within this many days of an end makes that end throughflow, not outflow. */
export const THROUGHFLOW_WINDOW_DAYS = 30;

export interface MonitorPlacement {
  personId: string;
  facilityType: string;
  facilityMunicipality: string;
  /** The municipality of origin, else the responsible municipality. */
  originMunicipality: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  destination: string | null;
}

export interface MonitorEntry {
  facilityType: string;
  waitingSince: IsoDate;
  open: boolean;
  leftOn: IsoDate | null;
  leftReason: string | null;
}

export interface FlowRow {
  month: string;
  facilityType: string;
  inflow: number;
  throughflow: number;
  outflow: number;
  outflowToWlz: number;
}

/**
 * An end is throughflow when the resident moves on within the chain: to an intermediate
 * facility, or into another placement that starts within THROUGHFLOW_WINDOW_DAYS of the end.
 * Every other end is outflow (independent, Wlz, another region, …).
 */
export function isThroughflow(p: MonitorPlacement, all: readonly MonitorPlacement[]): boolean {
  if (p.endDate === null) return false;
  if (p.destination === PlacementDestination.INTERMEDIATE_FACILITY) return true;
  const end = p.endDate;
  const last = addDays(end, THROUGHFLOW_WINDOW_DAYS);
  return all.some((q) => q !== p && q.personId === p.personId && q.startDate >= end && q.startDate <= last);
}

/** Inflow (starts), throughflow and outflow (ends) and outflow to the Wlz, per month and facility type. */
export function flows(placements: readonly MonitorPlacement[], months: readonly string[]): FlowRow[] {
  const rows = new Map<string, FlowRow>();
  const row = (month: string, facilityType: string): FlowRow => {
    const k = `${month}|${facilityType}`;
    let r = rows.get(k);
    if (!r) rows.set(k, (r = { month, facilityType, inflow: 0, throughflow: 0, outflow: 0, outflowToWlz: 0 }));
    return r;
  };
  const inRange = new Set(months);
  for (const p of placements) {
    if (inRange.has(monthOf(p.startDate))) row(monthOf(p.startDate), p.facilityType).inflow++;
    if (p.endDate && inRange.has(monthOf(p.endDate))) {
      const r = row(monthOf(p.endDate), p.facilityType);
      if (isThroughflow(p, placements)) r.throughflow++;
      else {
        r.outflow++;
        if (p.destination === PlacementDestination.WLZ) r.outflowToWlz++;
      }
    }
  }
  return [...rows.values()].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : a.facilityType < b.facilityType ? -1 : a.facilityType > b.facilityType ? 1 : 0));
}

/** The nearest-rank percentile: the smallest value with at least p % of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface WaitingFigures {
  facilityType: string;
  /** Open entries today. */
  size: number;
  /** Days waited so far by the open entries. */
  waitingDaysMedian: number | null;
  waitingDaysP90: number | null;
  /** Entries placed in the period, and the days they had waited. */
  placed: number;
  placedAfterDaysMedian: number | null;
  placedAfterDaysP90: number | null;
}

export function waiting(entries: readonly MonitorEntry[], today: IsoDate, from: IsoDate, to: IsoDate): WaitingFigures[] {
  const types = [...new Set(entries.map((e) => e.facilityType))].sort();
  return types.map((facilityType) => {
    const ofType = entries.filter((e) => e.facilityType === facilityType);
    const open = ofType.filter((e) => e.open).map((e) => Math.max(0, daysBetween(e.waitingSince, today)));
    const placed = ofType.filter((e) => e.leftReason === 'PLACED' && e.leftOn !== null && e.leftOn >= from && e.leftOn <= to).map((e) => Math.max(0, daysBetween(e.waitingSince, e.leftOn as IsoDate)));
    return {
      facilityType,
      size: open.length,
      waitingDaysMedian: percentile(open, 50),
      waitingDaysP90: percentile(open, 90),
      placed: placed.length,
      placedAfterDaysMedian: percentile(placed, 50),
      placedAfterDaysP90: percentile(placed, 90),
    };
  });
}

/** The waiting list at the end of one month (or today, for the month that is running). */
export interface WaitingMonthFigures {
  month: string;
  /** The day measured: the month's last day, or today for the running month. */
  measuredOn: IsoDate;
  /** Entries on the list that day. */
  size: number;
  /** Days those entries had waited that day. */
  waitingDaysMedian: number | null;
  waitingDaysP90: number | null;
}

/**
 * The waiting list over time: for each month of the period up to today, the entries on the list at
 * its end (registered by then, not yet left) and how long they had waited then. An entry that
 * left the list without a date (an old record) cannot be placed in time and is left out.
 */
export function waitingOverTime(entries: readonly MonitorEntry[], months: readonly string[], today: IsoDate): WaitingMonthFigures[] {
  const known = entries.filter((e) => e.open || e.leftOn !== null);
  return months
    .filter((month) => `${month}-01` <= today)
    .map((month) => {
      const end = lastDayOfMonth(`${month}-01`);
      const measuredOn = end < today ? end : today;
      const days = known
        .filter((e) => e.waitingSince <= measuredOn && (e.leftOn === null || e.leftOn > measuredOn))
        .map((e) => daysBetween(e.waitingSince, measuredOn));
      return { month, measuredOn, size: days.length, waitingDaysMedian: percentile(days, 50), waitingDaysP90: percentile(days, 90) };
    });
}

export interface OccupancyFigures {
  facilityType: string;
  places: number;
  occupied: number;
  reserved: number;
  blocked: number;
  free: number;
  /** Occupied places per place, in basis points. */
  occupancyBasisPoints: number;
}

export function occupancyByType(places: ReadonlyArray<{ facilityType: string; status: string }>): OccupancyFigures[] {
  const types = [...new Set(places.map((p) => p.facilityType))].sort();
  return types.map((facilityType) => {
    const ofType = places.filter((p) => p.facilityType === facilityType && p.status !== 'RETIRED');
    const count = (s: string) => ofType.filter((p) => p.status === s).length;
    const occupied = count('OCCUPIED');
    return {
      facilityType,
      places: ofType.length,
      occupied,
      reserved: count('RESERVED'),
      blocked: count('BLOCKED'),
      free: count('FREE'),
      occupancyBasisPoints: ofType.length ? Math.round((occupied * 10_000) / ofType.length) : 0,
    };
  });
}

/** Placements started in the period by municipality of origin and facility municipality. */
export function mobility(placements: readonly MonitorPlacement[], from: IsoDate, to: IsoDate): { flows: Array<{ from: string; to: string; placements: number }>; elsewhereBasisPoints: number } {
  const started = placements.filter((p) => p.startDate >= from && p.startDate <= to);
  const counts = new Map<string, number>();
  for (const p of started) counts.set(`${p.originMunicipality}|${p.facilityMunicipality}`, (counts.get(`${p.originMunicipality}|${p.facilityMunicipality}`) ?? 0) + 1);
  const elsewhere = started.filter((p) => p.originMunicipality !== p.facilityMunicipality).length;
  return {
    flows: [...counts.entries()].map(([k, n]) => ({ from: k.split('|')[0], to: k.split('|')[1], placements: n })).sort((a, b) => (a.from + a.to < b.from + b.to ? -1 : 1)),
    elsewhereBasisPoints: started.length ? Math.round((elsewhere * 10_000) / started.length) : 0,
  };
}
