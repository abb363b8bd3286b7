import { InvalidParam } from '@vangnet/contracts';
import { EXHAUSTION_THRESHOLDS } from '../budgets/budgets.rules';
import { distribute, FundPart, KeyWeight } from '../funds/funds.rules';
import { ProgrammeErrorCode } from './programmes.errors';

// The region's programme (issue 17): a regional investment fund's action lines with their cost per
// year split into incidental and structural fund money, the fund's amounts per year and kind split
// over the member municipalities by a key per kind, and spend against that plan. Pure: inputs in,
// answers out; the service reads and writes.

export enum FundKind {
  INCIDENTAL = 'INCIDENTAL',
  STRUCTURAL = 'STRUCTURAL',
}

export const FUND_KINDS: readonly FundKind[] = [FundKind.INCIDENTAL, FundKind.STRUCTURAL];

export enum BookingType {
  COMMITMENT = 'COMMITMENT',
  PAYMENT = 'PAYMENT',
}


/** A planning quarter, `2026-Q3`. */
export const QUARTER_PATTERN = /^(20[0-9]{2}|2100)-Q[1-4]$/;

export function quarterIndex(q: string): number {
  return Number(q.slice(0, 4)) * 4 + Number(q.slice(6, 7)) - 1;
}

export interface LineYear {
  year: number;
  incidentalCents: number;
  structuralCents: number;
}

export interface Kpi {
  name: string;
  unit?: string | null;
  target?: number | null;
}

export interface PlanLine {
  number: string;
  theme: string;
  title: string;
  owner: string;
  planning: { start: string; end: string };
  result?: string | null;
  kpi?: Kpi | null;
  years: LineYear[];
}

export interface PlanTheme {
  code: string;
  title: string;
}

export interface StatedTotals {
  /** The grand total the agenda states (over every year and both kinds). */
  statedTotalCents?: number | null;
  /** Totals the agenda states per year. */
  statedYearTotals?: Array<{ year: number; totalCents: number }>;
}

export interface PlanInput extends StatedTotals {
  themes: PlanTheme[];
  lines: Array<Omit<PlanLine, 'years'> & { years: Array<LineYear & { costCents: number }> }>;
}

/**
 * What a plan must satisfy to be stored (400 naming the field): a line's incidental and
 * structural parts add up to its cost per year, its planning ends on or after it starts, its
 * years lie in the programme's period, its theme is one of the plan's, numbers and themes are
 * unique. Sums that do not match what the agenda states are not refused: they are flagged.
 */
export function checkPlan(plan: PlanInput, period: { firstYear: number; lastYear: number }): InvalidParam[] {
  const bad: InvalidParam[] = [];
  const themeAt = new Map<string, number>();
  plan.themes.forEach((t, i) => {
    if (themeAt.has(t.code)) bad.push({ name: `themes[${i}].code`, code: ProgrammeErrorCode.DUPLICATE_THEME, reason: `theme ${t.code} is listed twice (also themes[${themeAt.get(t.code)}])` });
    else themeAt.set(t.code, i);
  });
  const numberAt = new Map<string, number>();
  const inPeriod = (y: number) => y >= period.firstYear && y <= period.lastYear;
  const periodText = `${period.firstYear}–${period.lastYear}`;
  plan.lines.forEach((l, i) => {
    const at = `lines[${i}]`;
    if (numberAt.has(l.number)) bad.push({ name: `${at}.number`, code: ProgrammeErrorCode.DUPLICATE_NUMBER, reason: `action line ${l.number} is listed twice (also lines[${numberAt.get(l.number)}])` });
    else numberAt.set(l.number, i);
    if (!themeAt.has(l.theme)) bad.push({ name: `${at}.theme`, code: ProgrammeErrorCode.UNKNOWN_THEME, reason: `theme ${l.theme} is not one of the plan's themes` });
    if (quarterIndex(l.planning.end) < quarterIndex(l.planning.start)) {
      bad.push({ name: `${at}.planning.end`, code: ProgrammeErrorCode.PLANNING_ENDS_BEFORE_START, reason: `the planning ends (${l.planning.end}) before it starts (${l.planning.start})` });
    }
    for (const side of ['start', 'end'] as const) {
      const y = Number(l.planning[side].slice(0, 4));
      if (!inPeriod(y)) bad.push({ name: `${at}.planning.${side}`, code: ProgrammeErrorCode.YEAR_OUTSIDE_PROGRAMME, reason: `${l.planning[side]} lies outside the programme's years ${periodText}` });
    }
    const seenYears = new Set<number>();
    l.years.forEach((y, j) => {
      const yat = `${at}.years[${j}]`;
      if (!inPeriod(y.year)) bad.push({ name: `${yat}.year`, code: ProgrammeErrorCode.YEAR_OUTSIDE_PROGRAMME, reason: `${y.year} lies outside the programme's years ${periodText}` });
      if (seenYears.has(y.year)) bad.push({ name: `${yat}.year`, code: ProgrammeErrorCode.DUPLICATE_YEAR, reason: `${y.year} is listed twice for action line ${l.number}` });
      seenYears.add(y.year);
      if (y.incidentalCents + y.structuralCents !== y.costCents) {
        bad.push({
          name: `${yat}.costCents`,
          code: ProgrammeErrorCode.PARTS_DO_NOT_ADD_UP,
          reason: `incidental ${y.incidentalCents} + structural ${y.structuralCents} = ${y.incidentalCents + y.structuralCents}, not the cost ${y.costCents} (difference ${y.costCents - y.incidentalCents - y.structuralCents})`,
        });
      }
    });
  });
  (plan.statedYearTotals ?? []).forEach((s, i) => {
    if (!inPeriod(s.year)) bad.push({ name: `statedYearTotals[${i}].year`, code: ProgrammeErrorCode.YEAR_OUTSIDE_PROGRAMME, reason: `${s.year} lies outside the programme's years ${periodText}` });
  });
  return bad;
}

/** Planned cents per year and kind over a plan's lines. */
export interface PlanSums {
  totalCents: number;
  perYear: Array<{ year: number; incidentalCents: number; structuralCents: number; totalCents: number }>;
  perKind: Record<FundKind, number>;
}

export function sumPlan(lines: ReadonlyArray<{ years: readonly LineYear[] }>, years: readonly number[]): PlanSums {
  const perYear = years.map((year) => {
    let incidentalCents = 0;
    let structuralCents = 0;
    for (const l of lines) for (const y of l.years) if (y.year === year) {
      incidentalCents += y.incidentalCents;
      structuralCents += y.structuralCents;
    }
    return { year, incidentalCents, structuralCents, totalCents: incidentalCents + structuralCents };
  });
  const perKind = {
    [FundKind.INCIDENTAL]: perYear.reduce((a, y) => a + y.incidentalCents, 0),
    [FundKind.STRUCTURAL]: perYear.reduce((a, y) => a + y.structuralCents, 0),
  };
  return { totalCents: perKind.INCIDENTAL + perKind.STRUCTURAL, perYear, perKind };
}

export function yearsOf(period: { firstYear: number; lastYear: number }): number[] {
  return Array.from({ length: period.lastYear - period.firstYear + 1 }, (_, i) => period.firstYear + i);
}

/** The fund's amount for one year and kind, with its key and parts (the latest version). */
export interface AllocationFacts {
  year: number;
  kind: FundKind;
  version: number;
  amountCents: number;
  weights: KeyWeight[];
  parts: FundPart[];
}

export enum FlagCode {
  /** The agenda's grand total is not the sum of its lines. */
  STATED_TOTAL_DIFFERS = 'STATED_TOTAL_DIFFERS',
  /** A year's stated total is not the sum of its lines in that year. */
  STATED_YEAR_TOTAL_DIFFERS = 'STATED_YEAR_TOTAL_DIFFERS',
  /** The lines ask more of a kind of fund money (in a year, or over the programme) than the fund holds. */
  EXCEEDS_FUND = 'EXCEEDS_FUND',
  /** Lines plan money of a kind in a year for which the fund has no amount yet. */
  NOT_ALLOCATED = 'NOT_ALLOCATED',
}

export interface Flag {
  code: FlagCode;
  year?: number;
  kind?: FundKind;
  /** What the agenda states or the fund holds. */
  expectedCents: number;
  /** What the lines add up to. */
  plannedCents: number;
  /** planned − expected: positive when the lines ask more. */
  differenceCents: number;
  message: string;
}

const eur = (cents: number) => `€ ${(cents / 100).toFixed(2)}`;

/**
 * The sums that must add up (issue 17): stated totals against the sum of the lines, and the lines
 * per kind (per year and over the programme) against what the fund holds. A difference that
 * equals exactly one year's lines is named: a grand total that leaves out a year.
 */
export function flagsOf(plan: StatedTotals & { lines: ReadonlyArray<{ years: readonly LineYear[] }> }, years: readonly number[], allocations: readonly AllocationFacts[]): Flag[] {
  const sums = sumPlan(plan.lines, years);
  const flags: Flag[] = [];
  if (plan.statedTotalCents !== null && plan.statedTotalCents !== undefined && plan.statedTotalCents !== sums.totalCents) {
    const diff = sums.totalCents - plan.statedTotalCents;
    const leftOut = sums.perYear.filter((y) => y.totalCents !== 0 && y.totalCents === diff).map((y) => y.year);
    flags.push({
      code: FlagCode.STATED_TOTAL_DIFFERS,
      expectedCents: plan.statedTotalCents,
      plannedCents: sums.totalCents,
      differenceCents: diff,
      message: `the lines add up to ${eur(sums.totalCents)}, the stated total is ${eur(plan.statedTotalCents)} (difference ${eur(diff)})${leftOut.length ? `: exactly the lines of ${leftOut.join(' or ')}, which the stated total seems to leave out` : ''}`,
    });
  }
  for (const s of plan.statedYearTotals ?? []) {
    const y = sums.perYear.find((p) => p.year === s.year);
    const planned = y?.totalCents ?? 0;
    if (planned !== s.totalCents) {
      flags.push({
        code: FlagCode.STATED_YEAR_TOTAL_DIFFERS,
        year: s.year,
        expectedCents: s.totalCents,
        plannedCents: planned,
        differenceCents: planned - s.totalCents,
        message: `the lines of ${s.year} add up to ${eur(planned)}, the stated total for ${s.year} is ${eur(s.totalCents)}`,
      });
    }
  }
  for (const kind of FUND_KINDS) {
    let fundTotal = 0;
    let plannedTotal = 0;
    let anyAllocation = false;
    for (const y of sums.perYear) {
      const planned = kind === FundKind.INCIDENTAL ? y.incidentalCents : y.structuralCents;
      const a = allocations.find((x) => x.year === y.year && x.kind === kind);
      plannedTotal += planned;
      if (!a) {
        if (planned > 0) {
          flags.push({ code: FlagCode.NOT_ALLOCATED, year: y.year, kind, expectedCents: 0, plannedCents: planned, differenceCents: planned, message: `the lines plan ${eur(planned)} ${kind.toLowerCase()} in ${y.year}, for which the fund has no ${kind.toLowerCase()} amount yet` });
        }
        continue;
      }
      anyAllocation = true;
      fundTotal += a.amountCents;
      if (planned > a.amountCents) {
        flags.push({
          code: FlagCode.EXCEEDS_FUND,
          year: y.year,
          kind,
          expectedCents: a.amountCents,
          plannedCents: planned,
          differenceCents: planned - a.amountCents,
          message: `the lines ask ${eur(planned)} ${kind.toLowerCase()} in ${y.year}; the fund holds ${eur(a.amountCents)}`,
        });
      }
    }
    if (anyAllocation && plannedTotal > fundTotal && allocations.filter((a) => a.kind === kind).length === years.length) {
      flags.push({
        code: FlagCode.EXCEEDS_FUND,
        kind,
        expectedCents: fundTotal,
        plannedCents: plannedTotal,
        differenceCents: plannedTotal - fundTotal,
        message: `over the programme the lines ask ${eur(plannedTotal)} ${kind.toLowerCase()}; the fund holds ${eur(fundTotal)}`,
      });
    }
  }
  return flags;
}

/** What remains unplanned per year and kind: the fund's amount less what the lines plan (negative: over-planned). */
export function unplannedOf(sums: PlanSums, allocations: readonly AllocationFacts[]): Array<{ year: number; kind: FundKind; fundCents: number; plannedCents: number; unplannedCents: number }> {
  return sums.perYear.flatMap((y) =>
    FUND_KINDS.flatMap((kind) => {
      const a = allocations.find((x) => x.year === y.year && x.kind === kind);
      if (!a) return [];
      const planned = kind === FundKind.INCIDENTAL ? y.incidentalCents : y.structuralCents;
      return [{ year: y.year, kind, fundCents: a.amountCents, plannedCents: planned, unplannedCents: a.amountCents - planned }];
    }),
  );
}

/** The key a region uses must name member municipalities, each once (400 naming `weights[i].municipality`). */
export function checkKey(weights: readonly KeyWeight[], amountCents: number, members: readonly string[]): InvalidParam[] {
  const bad: InvalidParam[] = [];
  const seen = new Map<string, number>();
  weights.forEach((w, i) => {
    if (!members.includes(w.municipality)) {
      bad.push({ name: `weights[${i}].municipality`, code: ProgrammeErrorCode.OUTSIDE_REGION, reason: `${w.municipality} is not a member of the region (${members.join(', ')})` });
    }
    if (seen.has(w.municipality)) bad.push({ name: `weights[${i}].municipality`, code: ProgrammeErrorCode.DUPLICATE_MUNICIPALITY, reason: `${w.municipality} is in the key twice (also weights[${seen.get(w.municipality)}])` });
    else seen.set(w.municipality, i);
  });
  if (amountCents > 0 && weights.every((w) => w.weight === 0)) {
    bad.push({ name: 'weights', code: ProgrammeErrorCode.ALL_WEIGHTS_ZERO, reason: 'at least one weight must be above 0 to distribute an amount above 0' });
  }
  return bad;
}

/** A municipality's share of a line's planned amount for a year and kind: the line's amount distributed by that kind-year's key. */
export function shareOf(amountCents: number, weights: readonly KeyWeight[], municipality: string): number {
  if (!weights.length) return 0;
  return distribute(amountCents, weights).find((p) => p.municipality === municipality)?.partCents ?? 0;
}

/**
 * Forecast at year end of a line-year-kind: what is paid, plus what is committed and not yet paid
 * (a payment settles a commitment; a payment without one is spend too): max(committed, paid).
 */
export function forecastOf(committedCents: number, paidCents: number): number {
  return Math.max(committedCents, paidCents);
}

/** Whole percent of the plan, floored; null without a plan. */
export function percentOfPlan(forecastCents: number, plannedCents: number): number | null {
  if (plannedCents <= 0) return null;
  return Math.min(10_000, Math.floor((Math.max(0, forecastCents) * 100) / plannedCents));
}

/** The alert thresholds (the budgets' 80, 90, 100 %) a percentage reached that were not raised before. */
export function thresholdsReached(percent: number | null, raised: ReadonlySet<number>): number[] {
  if (percent === null) return [];
  return EXHAUSTION_THRESHOLDS.filter((t) => percent >= t && !raised.has(t));
}

/** RFC 4180 CSV: a header and one line per row; fields with a comma, quote or line break are quoted. */
export function csvOf<R extends Record<string, string | number | null>>(columns: ReadonlyArray<keyof R & string>, rows: readonly R[]): string {
  const field = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => field(r[c])).join(','))].join('\r\n') + '\r\n';
}

/** An action line of the plan in force, for the report. */
export interface ReportLine {
  actionLineId: string;
  number: string;
  title: string;
  years: readonly LineYear[];
}

/** Booked cents of one line, municipality, year and kind, by type. */
export interface BookedFigure {
  actionLineId: string;
  municipality: string;
  year: number;
  kind: FundKind;
  committedCents: number;
  paidCents: number;
}

export interface LineReportRow {
  municipality: string;
  actionLineId: string;
  number: string;
  title: string;
  year: number;
  kind: FundKind;
  /** The line's planned amount of this kind and year, distributed by that kind-year's key: this municipality's part. */
  plannedCents: number;
  committedCents: number;
  paidCents: number;
  forecastCents: number;
  remainingCents: number;
  percent: number | null;
}

export interface AllocationReportRow {
  municipality: string;
  year: number;
  kind: FundKind;
  /** The municipality's part of the fund's amount by the key. */
  allocationCents: number;
  plannedCents: number;
  unplannedCents: number;
  committedCents: number;
  paidCents: number;
  forecastCents: number;
}

/**
 * Spend against plan per municipality, action line, year and kind (issue 17): a line's planned
 * amount lands on the municipalities by the kind-year's key; commitments and payments as booked;
 * the forecast at year end is max(committed, paid). Per municipality, year and kind: its part of
 * the fund, what its line shares plan, what remains unplanned, and the spend. Rows with nothing
 * planned or booked are left out.
 */
export function programmeReport(input: {
  municipalities: readonly string[];
  years: readonly number[];
  lines: readonly ReportLine[];
  allocations: readonly AllocationFacts[];
  booked: readonly BookedFigure[];
}): { lines: LineReportRow[]; allocations: AllocationReportRow[] } {
  const lines: LineReportRow[] = [];
  const allocations: AllocationReportRow[] = [];
  for (const m of input.municipalities) {
    for (const year of input.years) {
      for (const kind of FUND_KINDS) {
        const a = input.allocations.find((x) => x.year === year && x.kind === kind);
        const acc = { planned: 0, committed: 0, paid: 0, forecast: 0 };
        const ids = new Set([...input.lines.map((l) => l.actionLineId), ...input.booked.filter((b) => b.municipality === m && b.year === year && b.kind === kind).map((b) => b.actionLineId)]);
        for (const id of ids) {
          const line = input.lines.find((l) => l.actionLineId === id);
          const planYear = line?.years.find((y) => y.year === year);
          const planRegion = planYear ? (kind === FundKind.INCIDENTAL ? planYear.incidentalCents : planYear.structuralCents) : 0;
          const plannedCents = a ? shareOf(planRegion, a.weights, m) : 0;
          const b = input.booked.filter((x) => x.actionLineId === id && x.municipality === m && x.year === year && x.kind === kind);
          const committedCents = b.reduce((s, x) => s + x.committedCents, 0);
          const paidCents = b.reduce((s, x) => s + x.paidCents, 0);
          const forecastCents = forecastOf(committedCents, paidCents);
          acc.planned += plannedCents;
          acc.committed += committedCents;
          acc.paid += paidCents;
          acc.forecast += forecastCents;
          if (plannedCents === 0 && committedCents === 0 && paidCents === 0) continue;
          lines.push({
            municipality: m,
            actionLineId: id,
            number: line?.number ?? '',
            title: line?.title ?? '',
            year,
            kind,
            plannedCents,
            committedCents,
            paidCents,
            forecastCents,
            remainingCents: plannedCents - forecastCents,
            percent: percentOfPlan(forecastCents, plannedCents),
          });
        }
        const allocationCents = a?.parts.find((p) => p.municipality === m)?.partCents ?? 0;
        if (!a && acc.planned === 0 && acc.committed === 0 && acc.paid === 0) continue;
        allocations.push({
          municipality: m,
          year,
          kind,
          allocationCents,
          plannedCents: acc.planned,
          unplannedCents: allocationCents - acc.planned,
          committedCents: acc.committed,
          paidCents: acc.paid,
          forecastCents: acc.forecast,
        });
      }
    }
  }
  lines.sort((x, y) => (x.municipality < y.municipality ? -1 : x.municipality > y.municipality ? 1 : x.number.localeCompare(y.number, 'nl', { numeric: true }) || x.year - y.year || (x.kind < y.kind ? -1 : x.kind > y.kind ? 1 : 0)));
  return { lines, allocations };
}
