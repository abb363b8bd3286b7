import {
  addDays,
  DeliveryForm,
  distributeLargestRemainder,
  divRoundHalfUp,
  Frequency,
  IsoDate,
  isMinutesAgainstHour,
  maxDate,
  minDate,
  Unit,
  yearOf,
} from '@vangnet/contracts';
import { daysInMonthOf, dayNumber } from '../shared/day-numbers';
import { TariffQuote } from '../tariffs/tariffs.rules';

// The commitment convention (README "Commitments", ADR 0040). Pure and exact: BigInt rationals,
// one rounding of the total, then largest remainder down to years and months.

export interface VolumeFacts {
  amount: number;
  unit: Unit;
  frequency: Frequency;
}

/** One stored version of a provision lineage: the fields of access.provision.granted/changed. */
export interface ProvisionVersionFacts {
  provisionId: string;
  lineageId: string;
  version: number;
  validFrom: IsoDate;
  periodStart: IsoDate;
  periodEnd: IsoDate | null;
  deliveryForm: DeliveryForm;
  category: string;
  productCode: string | null;
  providerAgb: string | null;
  volume: VolumeFacts | null;
  budgetCents: number | null;
  contractId: string | null;
  tariffCents: number | null;
  tariffUnit: Unit | null;
  variant: string | null;
  municipality: string;
  responsibleMunicipality: string;
  personId: string;
  personPseudonym: string;
}

/** The days a version is in force: from its start to the day before a later version, the lineage end or its own end. */
export interface Segment<V extends SegmentVersion = ProvisionVersionFacts> {
  version: V;
  start: IsoDate;
  /** Inclusive; null while open-ended. */
  end: IsoDate | null;
}

export interface SegmentVersion {
  version: number;
  validFrom: IsoDate;
  periodStart: IsoDate;
  periodEnd: IsoDate | null;
}

/**
 * Cut a lineage's versions into the days each is in force. A version stops the day before the
 * earliest `validFrom` of any later version (a change makes a new version from `validFrom`); the
 * lineage's `ended` date cuts everything after it. Versions left without a day are dropped.
 */
export function segmentsOf<V extends SegmentVersion>(versions: readonly V[], lineageEnd: IsoDate | null): Array<Segment<V>> {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const out: Array<Segment<V>> = [];
  let laterFrom: IsoDate | null = null;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const v = sorted[i];
    const start = maxDate(v.validFrom, v.periodStart);
    let end = v.periodEnd;
    if (laterFrom !== null) {
      const cut = addDays(laterFrom, -1);
      end = end === null ? cut : minDate(end, cut);
    }
    if (lineageEnd !== null) end = end === null ? lineageEnd : minDate(end, lineageEnd);
    if (end === null || end >= start) out.unshift({ version: v, start, end });
    laterFrom = laterFrom === null ? v.validFrom : minDate(laterFrom, v.validFrom);
  }
  return out;
}

/** The end of the budget year an open-ended provision is committed to: 31 December of today's year, or of its start when later. */
export function horizonFor(start: IsoDate, today: IsoDate): IsoDate {
  return `${Math.max(yearOf(today), yearOf(start))}-12-31`;
}

/** What a version commits: a volume at a tariff, or money (a PGB/aspecific budget, a EURO volume). */
export type CommitmentBasis =
  | { kind: 'VOLUME'; amount: number; unit: Unit; frequency: Frequency }
  | { kind: 'MONEY'; amount: number; frequency: Frequency }
  | { kind: 'NONE' };

export function basisOf(v: ProvisionVersionFacts): CommitmentBasis {
  if (v.volume) {
    if (v.volume.unit === Unit.EURO) return { kind: 'MONEY', amount: v.volume.amount, frequency: v.volume.frequency };
    return { kind: 'VOLUME', amount: v.volume.amount, unit: v.volume.unit, frequency: v.volume.frequency };
  }
  if (v.budgetCents !== null) return { kind: 'MONEY', amount: v.budgetCents, frequency: Frequency.TOTAL };
  return { kind: 'NONE' };
}

/** Where the tariff of a version comes from: the contract (looked up per year), the event itself (PGB), or none. */
export function needsContractTariff(v: ProvisionVersionFacts): boolean {
  return basisOf(v).kind === 'VOLUME' && v.deliveryForm === DeliveryForm.IN_KIND;
}

export interface CommitmentLeaf {
  provisionId: string;
  version: number;
  /** First day of the month. */
  month: IsoDate;
  year: number;
  amountCents: number;
  /** The tariff this month was priced at (null for money). */
  tariffCents: number | null;
  municipality: string;
}

/**
 * A version's commitment in a year that has no contract tariff yet (the contract's term ends
 * before the provision does): not booked, listed, and estimated at the latest earlier tariff of
 * the same product when one is known (indicative only; never part of the booked total).
 */
export interface UnpricedPart {
  provisionId: string;
  year: number;
  municipality: string;
  /** The same volume at the latest earlier year's tariff, rounded once; null without one. */
  estimateCents: number | null;
  /** The year whose tariff the estimate uses. */
  estimateTariffYear: number | null;
}

/** How far back an estimate looks for an earlier tariff of the same product. */
const ESTIMATE_LOOKBACK_YEARS = 5;

export type CommitmentResult =
  | {
      /**
       * PARTLY_PRICED (issue 12): the years with a published tariff are booked, the years without
       * one are listed in `unpriced` and completed when procurement publishes their tariff.
       */
      status: 'BOOKED' | 'NO_VOLUME' | 'PARTLY_PRICED';
      totalCents: number;
      years: Array<{ year: number; amountCents: number }>;
      leaves: CommitmentLeaf[];
      /** The end date used for an open end (null when none was needed). */
      horizon: IsoDate | null;
      firstDay: IsoDate | null;
      lastDay: IsoDate | null;
      /** The (version, year) parts without a tariff; empty unless PARTLY_PRICED. */
      unpriced: UnpricedPart[];
    }
  | { status: 'PENDING_TARIFF'; missing: Array<{ provisionId: string; year: number }>; reason: string }
  | { status: 'NOT_PRICEABLE'; reason: string };

interface Rational {
  n: bigint;
  d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** Per-day quantity denominator for a frequency over the days of one month. */
function perDayDenominator(frequency: Frequency, monthDays: number, periodDays: number): bigint {
  switch (frequency) {
    case Frequency.PER_DAY:
      return 1n;
    case Frequency.PER_WEEK:
      return 7n;
    case Frequency.PER_MONTH:
      return BigInt(monthDays);
    case Frequency.TOTAL:
      return BigInt(periodDays);
  }
}

/** Calendar months overlapping [start, end], with the days of each inside the range. */
export function monthsIn(start: IsoDate, end: IsoDate): Array<{ month: IsoDate; days: number; monthDays: number }> {
  const out: Array<{ month: IsoDate; days: number; monthDays: number }> = [];
  if (end < start) return out;
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  let from = Number(start.slice(8, 10));
  const ey = Number(end.slice(0, 4));
  const em = Number(end.slice(5, 7));
  const ed = Number(end.slice(8, 10));
  for (;;) {
    const monthDays = daysInMonthOf(y, m);
    const last = y === ey && m === em;
    out.push({ month: `${y}-${m < 10 ? '0' : ''}${m}-01`, days: (last ? ed : monthDays) - from + 1, monthDays });
    if (last) return out;
    from = 1;
    if (++m === 13) {
      m = 1;
      y++;
    }
  }
}

/**
 * The commitment of one lineage (all its known versions) as the convention prescribes: spread
 * each version's volume over its calendar days, price every day at that year's tariff, round the
 * total once, then split it over years and each year over (month, version) leaves by the
 * largest-remainder method. `tariffOf` answers the contract tariff of a version for a year.
 */
export function computeCommitment(
  versions: readonly ProvisionVersionFacts[],
  lineageEnd: IsoDate | null,
  today: IsoDate,
  tariffOf: (v: ProvisionVersionFacts, year: number) => TariffQuote | undefined,
): CommitmentResult {
  const segments = segmentsOf(versions, lineageEnd);
  type Raw = { v: ProvisionVersionFacts; month: IsoDate; year: number; value: Rational; tariffCents: number | null };
  const raws: Raw[] = [];
  const missing: Array<{ provisionId: string; year: number }> = [];
  // The exact unpriced amounts at an earlier tariff, per version and year (for the estimate).
  const estimates = new Map<string, { v: ProvisionVersionFacts; year: number; tariffYear: number | null; value: Rational }>();
  let horizonUsed: IsoDate | null = null;
  let anyBasis = false;
  for (const seg of segments) {
    const v = seg.version;
    const basis = basisOf(v);
    if (basis.kind === 'NONE') continue;
    if (basis.kind === 'VOLUME' && v.deliveryForm === DeliveryForm.IN_KIND && !v.providerAgb) {
      return { status: 'NOT_PRICEABLE', reason: `provision ${v.provisionId} is in kind with a volume but names no provider, so it has no contract tariff` };
    }
    anyBasis = true;
    let end = seg.end;
    if (end === null) {
      end = horizonFor(seg.start, today);
      horizonUsed = horizonUsed === null ? end : maxDate(horizonUsed, end);
    }
    // TOTAL spreads over the version's own period (from its first day in force to its own end).
    const ownStart = maxDate(v.validFrom, v.periodStart);
    const ownEnd = v.periodEnd ?? horizonFor(ownStart, today);
    const periodDays = Math.max(1, dayNumber(maxDate(ownEnd, ownStart)) - dayNumber(ownStart) + 1);
    for (const m of monthsIn(seg.start, end)) {
      const year = Number(m.month.slice(0, 4));
      let tariff = 1n;
      let divisor = 1n;
      let tariffCents: number | null = null;
      if (basis.kind === 'VOLUME') {
        const quote = v.deliveryForm === DeliveryForm.IN_KIND ? tariffOf(v, year) : eventTariff(v);
        if (!quote) {
          if (!missing.some((x) => x.provisionId === v.provisionId && x.year === year)) missing.push({ provisionId: v.provisionId, year });
          const key = `${v.provisionId}|${year}`;
          let est = estimates.get(key);
          if (!est) {
            const earlier = v.deliveryForm === DeliveryForm.IN_KIND ? earlierTariff(v, year, tariffOf) : undefined;
            const usable = earlier && (earlier.quote.unit === basis.unit || isMinutesAgainstHour(basis.unit, earlier.quote.unit)) ? earlier : undefined;
            est = { v, year, tariffYear: usable?.year ?? null, value: { n: 0n, d: 1n } };
            estimates.set(key, est);
          }
          if (est.tariffYear !== null) {
            const q = mustQuote(tariffOf(v, est.tariffYear));
            const n = BigInt(basis.amount) * BigInt(m.days) * BigInt(q.tariffCents);
            const d = perDayDenominator(basis.frequency, m.monthDays, periodDays) * (q.unit === basis.unit ? 1n : 60n);
            est.value = addRational(est.value, { n, d });
          }
          continue;
        }
        if (quote.unit !== basis.unit) {
          if (!isMinutesAgainstHour(basis.unit, quote.unit)) {
            return { status: 'NOT_PRICEABLE', reason: `a volume in ${basis.unit} cannot be priced with a tariff per ${quote.unit} (provision ${v.provisionId})` };
          }
          divisor = 60n;
        }
        tariff = BigInt(quote.tariffCents);
        tariffCents = quote.tariffCents;
      }
      const n = BigInt(basis.amount) * BigInt(m.days) * tariff;
      const d = perDayDenominator(basis.frequency, m.monthDays, periodDays) * divisor;
      raws.push({ v, month: m.month, year, value: { n, d }, tariffCents });
    }
  }
  // Rule (issue 12, "commitments past the contract's term"; README "Commitments" step 3): each year
  // is priced with that year's contract tariff (ARCHITECTURE §2 "Tariff"). Nothing priced at all:
  // the lineage waits and keeps its previous booking. Some years priced: those are booked and the
  // years without a published tariff are listed (PARTLY_PRICED) rather than committing 0 for all;
  // procurement.tariff.published for such a year completes the booking.
  if (missing.length && raws.length === 0) {
    const list = missing.map((x) => `${x.provisionId}/${x.year}`).join(', ');
    return { status: 'PENDING_TARIFF', missing, reason: `no contract tariff known yet for ${list}` };
  }
  const unpriced: UnpricedPart[] = [...estimates.values()]
    .map((e) => ({
      provisionId: e.v.provisionId,
      year: e.year,
      municipality: e.v.responsibleMunicipality,
      estimateCents: e.tariffYear === null ? null : Number(divRoundHalfUp(e.value.n, e.value.d)),
      estimateTariffYear: e.tariffYear,
    }))
    .sort((a, b) => a.year - b.year || (a.provisionId < b.provisionId ? -1 : a.provisionId > b.provisionId ? 1 : 0));
  const firstDay = segments.length ? segments[0].start : null;
  const lastSeg = segments[segments.length - 1];
  const lastDay = lastSeg ? (lastSeg.end ?? horizonUsed) : null;
  if (!anyBasis || raws.length === 0) {
    return { status: anyBasis ? 'BOOKED' : 'NO_VOLUME', totalCents: 0, years: [], leaves: [], horizon: horizonUsed, firstDay, lastDay, unpriced: [] };
  }
  // One common denominator turns every exact amount into an integer weight.
  let common = 1n;
  for (const r of raws) common = (common / gcd(common, r.value.d)) * r.value.d;
  const weights = raws.map((r) => r.value.n * (common / r.value.d));
  const totalWeight = weights.reduce((a, b) => a + b, 0n);
  const totalCents = divRoundHalfUp(totalWeight, common);

  // Leaves in a fixed order: month, then version (the tie-break "by position").
  const order = raws.map((_, i) => i).sort((a, b) => (raws[a].month === raws[b].month ? raws[a].v.version - raws[b].v.version : raws[a].month < raws[b].month ? -1 : 1));
  const years = [...new Set(raws.map((r) => r.year))].sort((a, b) => a - b);
  const yearWeights = years.map((y) => order.filter((i) => raws[i].year === y).reduce((a, i) => a + weights[i], 0n));
  const yearParts = distributeLargestRemainder(totalCents, yearWeights);
  const leaves: CommitmentLeaf[] = [];
  years.forEach((year, yi) => {
    const idx = order.filter((i) => raws[i].year === year);
    const parts = distributeLargestRemainder(yearParts[yi], idx.map((i) => weights[i]));
    idx.forEach((i, k) => {
      const r = raws[i];
      leaves.push({
        provisionId: r.v.provisionId,
        version: r.v.version,
        month: r.month,
        year,
        amountCents: Number(parts[k]),
        tariffCents: r.tariffCents,
        municipality: r.v.responsibleMunicipality,
      });
    });
  });
  return {
    status: unpriced.length ? 'PARTLY_PRICED' : 'BOOKED',
    totalCents: Number(totalCents),
    years: years.map((year, i) => ({ year, amountCents: Number(yearParts[i]) })),
    leaves,
    horizon: horizonUsed,
    firstDay,
    lastDay,
    unpriced,
  };
}

/** The years a result leaves unpriced, ascending. */
export function unpricedYearsOf(parts: readonly UnpricedPart[]): number[] {
  return [...new Set(parts.map((p) => p.year))].sort((a, b) => a - b);
}

function addRational(a: Rational, b: Rational): Rational {
  const n = a.n * b.d + b.n * a.d;
  const d = a.d * b.d;
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

function mustQuote(q: TariffQuote | undefined): TariffQuote {
  if (!q) throw new Error('an estimate tariff vanished between two lookups');
  return q;
}

/** The latest tariff of the same product in the years before `year` (for an indicative estimate). */
function earlierTariff(
  v: ProvisionVersionFacts,
  year: number,
  tariffOf: (v: ProvisionVersionFacts, year: number) => TariffQuote | undefined,
): { year: number; quote: TariffQuote } | undefined {
  for (let y = year - 1; y >= year - ESTIMATE_LOOKBACK_YEARS; y--) {
    const quote = tariffOf(v, y);
    if (quote) return { year: y, quote };
  }
  return undefined;
}

// A PGB with a volume but no budget: the tariff the decision states is all there is.
function eventTariff(v: ProvisionVersionFacts): TariffQuote | undefined {
  if (v.tariffCents === null || !v.volume) return undefined;
  return { tariffCents: v.tariffCents, unit: v.tariffUnit ?? v.volume.unit };
}

// What a projection round writes, planned from what it read (the projector does the I/O).

export interface DirtyLineage {
  lineageId: string;
  /** The mark's sequence when the lineage was marked, null when only unprojected facts brought it. */
  seq: number | null;
}

export interface LineageSummary {
  lineageId: string;
  status: string;
  reason: string | null;
  /** Null keeps the booked total (a lineage waiting for a tariff keeps its last booking). */
  totalCents: number | null;
  horizon: IsoDate | null;
  firstDay: IsoDate | null;
  lastDay: IsoDate | null;
  endDate: IsoDate | null;
  latest: ProvisionVersionFacts;
  versions: number;
}

export interface Mutation {
  lineageId: string;
  year: number;
  municipality: string;
  kind: 'BOOKED' | 'REBOOKED' | 'RELEASED';
  deltaCents: number;
}

/** One version's commitment in one year, with its month parts (index 0 = January). */
export interface CommitmentRow {
  lineageId: string;
  provisionId: string;
  year: number;
  municipality: string;
  providerAgb: string | null;
  category: string;
  productCode: string | null;
  tariffCents: number | null;
  amountCents: number;
  months: number[];
}

/** What a lineage has booked per year and municipality. */
export interface BookedTotal {
  lineageId: string;
  year: number;
  municipality: string;
  cents: number;
}

/** A version's unpriced year as stored beside the commitment rows (the budget forecast shows it apart). */
export interface UnpricedRow extends UnpricedPart {
  lineageId: string;
  providerAgb: string | null;
  category: string;
  productCode: string | null;
}

export interface ProjectionInput {
  dirty: readonly DirtyLineage[];
  versions: ReadonlyMap<string, readonly ProvisionVersionFacts[]>;
  ends: ReadonlyMap<string, IsoDate>;
  results: ReadonlyMap<string, CommitmentResult>;
  booked: readonly BookedTotal[];
  /**
   * Procurement could not be asked for the missing tariffs this round: a partly priced lineage is
   * booked and also tried again later (otherwise a published tariff completes it).
   */
  tariffsUnavailable?: boolean;
}

export interface ProjectionPlan {
  /** Lineages whose marks are cleared. */
  done: DirtyLineage[];
  /** Lineages waiting for a tariff: tried again later. */
  waiting: DirtyLineage[];
  /** Lineages whose commitment rows are replaced by `rows`. */
  rebook: string[];
  rows: CommitmentRow[];
  /** The unpriced years of the rebooked lineages (replaced with their rows). */
  unpriced: UnpricedRow[];
  summaries: LineageSummary[];
  mutations: Mutation[];
  /** Municipality-years whose committed figures changed (budgets check them). */
  budgetKeys: Array<{ municipality: string; year: number }>;
}

/**
 * From the commitments computed for a round of lineages: the rows to book (one per version and
 * year with its twelve month parts), the summaries, the journal (booked, rebooked, released per
 * year against what was booked) and the municipality-years touched. A lineage waiting for a
 * tariff keeps its booking; one known only from its end waits for its versions.
 */
export function planProjection(input: ProjectionInput): ProjectionPlan {
  const plan: ProjectionPlan = { done: [], waiting: [], rebook: [], rows: [], unpriced: [], summaries: [], mutations: [], budgetKeys: [] };
  const budgetKeys = new Map<string, { municipality: string; year: number }>();
  const touch = (municipality: string, year: number) => budgetKeys.set(`${municipality}|${year}`, { municipality, year });
  const bookedBy = new Map<string, BookedTotal[]>();
  for (const b of input.booked) bookedBy.set(b.lineageId, [...(bookedBy.get(b.lineageId) ?? []), b]);

  for (const d of input.dirty) {
    const list = input.versions.get(d.lineageId);
    const result = input.results.get(d.lineageId);
    if (!list?.length || !result) {
      // Only an `ended` (or nothing) is known so far; the versions will mark it again.
      plan.done.push(d);
      continue;
    }
    const latest = list.reduce((a, b) => (b.version > a.version ? b : a));
    const base = { lineageId: d.lineageId, endDate: input.ends.get(d.lineageId) ?? null, latest, versions: list.length };
    if (result.status === 'PENDING_TARIFF') {
      plan.waiting.push(d);
      plan.summaries.push({ ...base, status: result.status, reason: result.reason, totalCents: null, horizon: null, firstDay: null, lastDay: null });
      continue;
    }
    if (result.status === 'PARTLY_PRICED' && input.tariffsUnavailable) plan.waiting.push(d);
    else plan.done.push(d);
    plan.rebook.push(d.lineageId);
    const before = bookedBy.get(d.lineageId) ?? [];
    for (const b of before) touch(b.municipality, b.year);
    if (result.status === 'NOT_PRICEABLE') {
      plan.summaries.push({ ...base, status: result.status, reason: result.reason, totalCents: 0, horizon: null, firstDay: null, lastDay: null });
      plan.mutations.push(...journal(d.lineageId, before, []));
      continue;
    }
    // Leaves (month × version) become one row per version and year with its twelve month parts.
    const yearRows = new Map<string, CommitmentRow>();
    const after = new Map<string, BookedTotal>();
    for (const leaf of result.leaves) {
      const rowKey = `${leaf.provisionId}|${leaf.year}`;
      let row = yearRows.get(rowKey);
      if (!row) {
        const v = list.find((x) => x.provisionId === leaf.provisionId);
        if (!v) throw new Error(`leaf of unknown version ${leaf.provisionId}`);
        row = {
          lineageId: d.lineageId,
          provisionId: leaf.provisionId,
          year: leaf.year,
          municipality: leaf.municipality,
          providerAgb: v.providerAgb,
          category: v.category,
          productCode: v.productCode,
          tariffCents: leaf.tariffCents,
          amountCents: 0,
          months: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        };
        yearRows.set(rowKey, row);
      }
      row.amountCents += leaf.amountCents;
      row.months[Number(leaf.month.slice(5, 7)) - 1] += leaf.amountCents;
      const k = `${leaf.year}|${leaf.municipality}`;
      const cur = after.get(k) ?? { lineageId: d.lineageId, year: leaf.year, municipality: leaf.municipality, cents: 0 };
      cur.cents += leaf.amountCents;
      after.set(k, cur);
    }
    for (const row of yearRows.values()) plan.rows.push(row);
    for (const a of after.values()) touch(a.municipality, a.year);
    for (const u of result.unpriced) {
      const v = list.find((x) => x.provisionId === u.provisionId);
      if (!v) throw new Error(`unpriced part of unknown version ${u.provisionId}`);
      plan.unpriced.push({ ...u, lineageId: d.lineageId, providerAgb: v.providerAgb, category: v.category, productCode: v.productCode });
      touch(u.municipality, u.year);
    }
    plan.mutations.push(...journal(d.lineageId, before, [...after.values()]));
    const unpricedYears = unpricedYearsOf(result.unpriced);
    plan.summaries.push({
      ...base,
      status: result.status,
      reason: unpricedYears.length ? `no contract tariff published yet for ${unpricedYears.join(', ')}: those years are not booked` : null,
      totalCents: result.totalCents,
      horizon: result.horizon,
      firstDay: result.firstDay,
      lastDay: result.lastDay,
    });
  }
  plan.budgetKeys = [...budgetKeys.values()];
  return plan;
}

/** The journal of one lineage: per year and municipality what changed against what was booked. */
function journal(lineageId: string, before: readonly BookedTotal[], after: readonly BookedTotal[]): Mutation[] {
  const keys = new Set([...before, ...after].map((x) => `${x.year}|${x.municipality}`));
  const had = before.some((b) => b.cents !== 0);
  const out: Mutation[] = [];
  for (const k of [...keys].sort()) {
    const [y, municipality] = k.split('|');
    const b = before.find((x) => `${x.year}|${x.municipality}` === k)?.cents ?? 0;
    const a = after.find((x) => `${x.year}|${x.municipality}` === k)?.cents ?? 0;
    if (a === b) continue;
    out.push({ lineageId, year: Number(y), municipality, deltaCents: a - b, kind: !had ? 'BOOKED' : a < b ? 'RELEASED' : 'REBOOKED' });
  }
  return out;
}
