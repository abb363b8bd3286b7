import { IsoDate, lawOfCategory, Law, isProtectedHousingOrShelter } from '@vangnet/contracts';

// Budget lines: which line a commitment or realisation lands on, the forecast to year end and the
// exhaustion thresholds (ADR 0046).

export enum BudgetDomain {
  WMO = 'WMO',
  JEUGD = 'JEUGD',
  /** Maatschappelijke zorg: protected housing and shelter (categories 15–18). */
  MAATSCHAPPELIJKE_ZORG = 'MAATSCHAPPELIJKE_ZORG',
}

export enum BudgetKind {
  STRUCTURAL = 'STRUCTURAL',
  INCIDENTAL = 'INCIDENTAL',
}

/** Exhaustion alerts fire once per line at these percentages of the line's amount, measured on the forecast. */
export const EXHAUSTION_THRESHOLDS = [80, 90, 100] as const;

export function domainOfCategory(category: string): BudgetDomain {
  if (lawOfCategory(category) === Law.JEUGDWET) return BudgetDomain.JEUGD;
  if (isProtectedHousingOrShelter(category)) return BudgetDomain.MAATSCHAPPELIJKE_ZORG;
  return BudgetDomain.WMO;
}

export interface LineCriteria {
  id: string;
  domain: BudgetDomain;
  kind: BudgetKind;
  position: number;
  categories: string[];
  productCodes: string[];
}

/**
 * The line a (category, product code) lands on in one municipality's year: among the lines of
 * that domain's budgets, the most specific match wins — a line naming the product code, then one
 * naming the category, then a line without criteria (a catch-all); ties go to the structural
 * budget, then the lower position. No match: unallocated.
 */
export function attributeLine<L extends LineCriteria>(lines: readonly L[], category: string, productCode: string | null): L | undefined {
  const domain = domainOfCategory(category);
  let best: { line: L; rank: number } | undefined;
  for (const line of lines) {
    if (line.domain !== domain) continue;
    const catOk = line.categories.length === 0 || line.categories.includes(category);
    if (!catOk) continue;
    let rank: number;
    if (line.productCodes.length) {
      if (!productCode || !line.productCodes.includes(productCode)) continue;
      rank = 0;
    } else rank = line.categories.length ? 1 : 2;
    if (
      !best ||
      rank < best.rank ||
      (rank === best.rank && (kindOrder(line.kind) < kindOrder(best.line.kind) || (line.kind === best.line.kind && line.position < best.line.position)))
    ) {
      best = { line, rank };
    }
  }
  return best?.line;
}

function kindOrder(kind: BudgetKind): number {
  return kind === BudgetKind.STRUCTURAL ? 0 : 1;
}

/** Committed or realised cents of one month (its first day), category and product code: what lands on a budget line. */
export interface UseFigure {
  month: IsoDate;
  category: string;
  productCode: string | null;
  cents: number;
}

/** A municipality-year's committed or realised figures. */
export type UseSource = (municipality: string, year: number) => Promise<UseFigure[]>;

/** The unpriced part of a municipality-year's commitments per category and product code (issue 12). */
export interface UnpricedFigure {
  category: string;
  productCode: string | null;
  lineages: number;
  estimateCents: number;
  withoutEstimate: number;
}

export type UnpricedSource = (municipality: string, year: number) => Promise<UnpricedFigure[]>;

export interface MonthFigures {
  month: IsoDate;
  committedCents: number;
  realisedCents: number;
}

/**
 * Forecast to year end per month: a month before the current one that has approved declarations
 * counts as realised; every other month counts at its commitment (the declaration is not in yet,
 * or the month lies ahead).
 */
export function forecastMonth(m: MonthFigures, today: IsoDate): number {
  const past = m.month.slice(0, 7) < today.slice(0, 7);
  return past && m.realisedCents !== 0 ? m.realisedCents : m.committedCents;
}

/** Whole percent of use, floored, capped at 10 000 (the alert contract's maximum). */
export function percentOf(usedCents: number, budgetCents: number): number | null {
  if (budgetCents <= 0) return null;
  const p = Math.floor((Math.max(0, usedCents) * 100) / budgetCents);
  return Math.min(p, 10_000);
}

/** The thresholds a percentage has reached that were not alerted before, lowest first. */
export function newThresholds(percent: number | null, alerted: ReadonlySet<number>): number[] {
  if (percent === null) return [];
  return EXHAUSTION_THRESHOLDS.filter((t) => percent >= t && !alerted.has(t));
}

/** The twelve months of a year as first days. */
export function monthsOfYear(year: number): IsoDate[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}-01`);
}
