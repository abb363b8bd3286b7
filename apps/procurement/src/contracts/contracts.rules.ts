import { addDays, divRoundHalfUp, InvalidParam, IsoDate, maxDate, minDate, periodsOverlap, yearOf } from '@vangnet/contracts';
import { ContractErrorCode } from './contracts.errors';

export interface YearTariffLike {
  year: number;
  tariffCents: number;
}

/** A product's tariffs as stored: explicit per year, plus an optional yearly indexation. */
export interface TariffBook {
  tariffs: ReadonlyArray<YearTariffLike>;
  indexationBp: number | null;
}

/** Indexation of one year: cents × (1 + bp/10000), rounded half up to the cent. */
export function indexTariff(cents: number, basisPoints: number): number {
  return Number(divRoundHalfUp(BigInt(cents) * BigInt(10_000 + basisPoints), 10_000n));
}

/**
 * The tariff for a calendar year: the explicit one, or — when the contract indexes — the latest
 * earlier explicit tariff indexed once per year since, each year rounded half up.
 */
export function tariffForYear(book: TariffBook, year: number): { tariffCents: number; derived: boolean } | undefined {
  const explicit = book.tariffs.find((t) => t.year === year);
  if (explicit) return { tariffCents: explicit.tariffCents, derived: false };
  if (book.indexationBp == null) return undefined;
  let base: YearTariffLike | undefined;
  for (const t of book.tariffs) if (t.year < year && (!base || t.year > base.year)) base = t;
  if (!base) return undefined;
  let cents = base.tariffCents;
  for (let y = base.year + 1; y <= year; y++) cents = indexTariff(cents, book.indexationBp);
  return { tariffCents: cents, derived: true };
}

export interface TermTariff {
  year: number;
  tariffCents: number;
  derived: boolean;
  validFrom: IsoDate;
  validTo: IsoDate;
}

/** Every year of the term that has a tariff (explicit or derived), with the part of the year it covers. */
export function tariffsInTerm(book: TariffBook, term: { start: IsoDate; end: IsoDate }): TermTariff[] {
  const out: TermTariff[] = [];
  for (let year = yearOf(term.start); year <= yearOf(term.end); year++) {
    const t = tariffForYear(book, year);
    if (!t) continue;
    out.push({ year, ...t, validFrom: maxDate(`${year}-01-01`, term.start), validTo: minDate(`${year}-12-31`, term.end) });
  }
  return out;
}

/** The first day of a year's part of the term: from then on its tariff is in force. */
export function yearStartInTerm(year: number, termStart: IsoDate): IsoDate {
  return maxDate(`${year}-01-01`, termStart);
}

/** Two contracted products collide when they are the same code, or one covers the whole category (code ''). */
export function productsOverlap(a: { category: string; code: string }, b: { category: string; code: string }): boolean {
  return a.category === b.category && (a.code === b.code || a.code === '' || b.code === '');
}

export function termsOverlap(a: { start: IsoDate; end: IsoDate }, b: { start: IsoDate; end: IsoDate }): boolean {
  return periodsOverlap(a, b);
}

export interface ContractShape {
  term: { start: IsoDate; end: IsoDate };
  providerAgb: string;
  options?: Array<{ extendsTo: IsoDate; decisionDeadline: IsoDate }>;
  products: Array<{ product: { category: string; code?: string }; tariffs: YearTariffLike[] }>;
  subcontractors?: string[];
}

/** The rules of a new contract that its fields' decorators cannot express (400s naming the field). */
export function shapeProblems(c: ContractShape): InvalidParam[] {
  const out: InvalidParam[] = [];
  let end = c.term.end;
  (c.options ?? []).forEach((o, i) => {
    if (o.extendsTo <= end) {
      out.push({ name: `options[${i}].extendsTo`, code: ContractErrorCode.OPTION_NOT_AFTER_TERM, reason: `an option must extend the term beyond ${end}` });
    }
    if (o.decisionDeadline > end) {
      out.push({
        name: `options[${i}].decisionDeadline`,
        code: ContractErrorCode.DEADLINE_AFTER_TERM_END,
        reason: `the decision on this option is due by ${end}, the end of the period it extends`,
      });
    } else if (o.decisionDeadline < c.term.start) {
      out.push({ name: `options[${i}].decisionDeadline`, code: ContractErrorCode.DEADLINE_BEFORE_TERM_START, reason: 'the decision deadline lies before the term starts' });
    }
    end = maxDate(end, o.extendsTo);
  });
  const firstYear = yearOf(c.term.start);
  const lastYear = yearOf(end);
  const seen = new Map<string, number>();
  c.products.forEach((p, i) => {
    const key = `${p.product.category}/${p.product.code ?? ''}`;
    if (seen.has(key)) {
      out.push({ name: `products[${i}].product`, code: ContractErrorCode.DUPLICATE_PRODUCT, reason: `the product ${key} is also products[${seen.get(key)}]` });
    } else seen.set(key, i);
    const years = new Set<number>();
    p.tariffs.forEach((t, j) => {
      if (t.year < firstYear || t.year > lastYear) {
        out.push({
          name: `products[${i}].tariffs[${j}].year`,
          code: ContractErrorCode.TARIFF_YEAR_OUTSIDE_TERM,
          reason: `the term with its options runs from ${firstYear} to ${lastYear}`,
        });
      }
      if (years.has(t.year)) out.push({ name: `products[${i}].tariffs[${j}].year`, code: ContractErrorCode.DUPLICATE_TARIFF_YEAR, reason: `${t.year} appears twice` });
      years.add(t.year);
    });
  });
  (c.subcontractors ?? []).forEach((agb, i) => {
    if (agb === c.providerAgb) {
      out.push({ name: `subcontractors[${i}]`, code: ContractErrorCode.SUBCONTRACTOR_IS_MAIN, reason: 'the main contractor cannot be its own subcontractor' });
    }
  });
  return out;
}

/** Is the option's decision deadline within `months` months of today (and not passed)? */
export function deadlineApproaching(deadline: IsoDate, today: IsoDate, horizon: IsoDate): boolean {
  return deadline >= today && deadline <= horizon;
}

export const dayBefore = (date: IsoDate) => addDays(date, -1);
