import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { mustExist } from '@vangnet/platform';
import { BudgetsRepository } from './budgets.repository';
import {
  attributeLine,
  BudgetDomain,
  BudgetKind,
  domainOfCategory,
  EXHAUSTION_THRESHOLDS,
  forecastMonth,
  monthsOfYear,
  percentOf,
  UnpricedFigure,
  UnpricedSource,
  UseFigure,
  UseSource,
} from './budgets.rules';

export interface MonthView {
  month: string;
  committedCents: number;
  realisedCents: number;
  forecastCents: number;
}

export interface LineFigures {
  budgetId: string;
  budgetLineId: string;
  domain: BudgetDomain;
  kind: BudgetKind;
  name: string;
  programme: string | null;
  categories: string[];
  productCodes: string[];
  budgetCents: number;
  committedCents: number;
  realisedCents: number;
  forecastCents: number;
  remainingCents: number;
  /** Forecast as a whole percentage of the line (null for a line of 0). */
  percent: number | null;
  alertedThresholds: number[];
  months: MonthView[];
  unpriced: UnpricedView;
}

/**
 * What the commitments of a municipality-year leave unpriced (issue 12): years without a published
 * contract tariff, outside committed and forecast, with an indicative estimate at an earlier tariff.
 */
export interface UnpricedView {
  lineages: number;
  estimateCents: number;
  /** Unpriced parts that have no earlier tariff to estimate with either. */
  withoutEstimate: number;
}

export interface UnallocatedFigures {
  domain: BudgetDomain;
  committedCents: number;
  realisedCents: number;
  forecastCents: number;
  months: MonthView[];
  unpriced: UnpricedView;
}

export interface BudgetReport {
  municipality: string;
  year: number;
  asOf: IsoDate;
  thresholds: readonly number[];
  totals: { budgetCents: number; committedCents: number; realisedCents: number; forecastCents: number; unpriced: UnpricedView };
  lines: LineFigures[];
  unallocated: UnallocatedFigures[];
}

interface Acc {
  committed: Map<string, number>;
  realised: Map<string, number>;
  unpriced: UnpricedView;
}

const newAcc = (): Acc => ({ committed: new Map(), realised: new Map(), unpriced: { lineages: 0, estimateCents: 0, withoutEstimate: 0 } });

/**
 * Budget vs committed vs realised per line and month, and the forecast to year end (ADR 0046).
 * The commitments and the approved declaration lines belong to their features, which depend on
 * budgets (they mark budgets dirty): each hands its figures in as a source when the application
 * starts (`provide`), so budgets reads no table of theirs and imports neither (ADR 0048).
 */
@Injectable()
export class BudgetFiguresService {
  private readonly sources: { committed?: UseSource; realised?: UseSource; unpriced?: UnpricedSource } = {};

  constructor(private readonly repo: BudgetsRepository) {}

  /** Where committed (the commitments feature) or realised (the declarations feature) figures come from. */
  provide(kind: 'committed' | 'realised', source: UseSource): void {
    this.sources[kind] = source;
  }

  /** Where the unpriced part of the commitments comes from (the commitments feature). */
  provideUnpriced(source: UnpricedSource): void {
    this.sources.unpriced = source;
  }

  async report(municipality: string, year: number, today: IsoDate): Promise<BudgetReport> {
    const lines = await this.repo.linesIn(municipality, year);
    const committed = await mustExist(this.sources.committed, 'the committed figures source')(municipality, year);
    const realised = await mustExist(this.sources.realised, 'the realised figures source')(municipality, year);
    const unpriced: UnpricedFigure[] = this.sources.unpriced ? await this.sources.unpriced(municipality, year) : [];
    const alerts = await this.repo.alertsOf(lines.map((l) => l.id));
    const perLine = new Map<string, Acc>(lines.map((l) => [l.id, newAcc()]));
    const unallocated = new Map<BudgetDomain, Acc>();
    const accOf = (category: string, productCode: string | null): Acc => {
      const line = attributeLine(lines, category, productCode);
      let acc = line ? perLine.get(line.id) : undefined;
      if (!acc) {
        const domain = domainOfCategory(category);
        acc = unallocated.get(domain) ?? newAcc();
        unallocated.set(domain, acc);
      }
      return acc;
    };
    const place = (rows: UseFigure[], pick: (a: Acc) => Map<string, number>) => {
      for (const r of rows) {
        const m = pick(accOf(r.category, r.productCode));
        m.set(r.month, (m.get(r.month) ?? 0) + r.cents);
      }
    };
    place(committed, (a) => a.committed);
    place(realised, (a) => a.realised);
    // The unpriced part lands on the same line, shown apart: it is in neither committed nor forecast.
    for (const u of unpriced) {
      const acc = accOf(u.category, u.productCode);
      acc.unpriced.lineages += u.lineages;
      acc.unpriced.estimateCents += u.estimateCents;
      acc.unpriced.withoutEstimate += u.withoutEstimate;
    }

    const monthsOf = (acc: Acc): MonthView[] =>
      monthsOfYear(year).map((month) => {
        const c = acc.committed.get(month) ?? 0;
        const r = acc.realised.get(month) ?? 0;
        return { month: month.slice(0, 7), committedCents: c, realisedCents: r, forecastCents: forecastMonth({ month, committedCents: c, realisedCents: r }, today) };
      });
    const sum = (ms: MonthView[], f: (m: MonthView) => number) => ms.reduce((a, m) => a + f(m), 0);

    const lineFigures: LineFigures[] = lines.map((l) => {
      const months = monthsOf(mustExist(perLine.get(l.id), 'line figures'));
      const forecastCents = sum(months, (m) => m.forecastCents);
      return {
        budgetId: l.budgetId,
        budgetLineId: l.id,
        domain: l.domain,
        kind: l.kind,
        name: l.name,
        programme: l.programme,
        categories: l.categories,
        productCodes: l.productCodes,
        budgetCents: l.amountCents,
        committedCents: sum(months, (m) => m.committedCents),
        realisedCents: sum(months, (m) => m.realisedCents),
        forecastCents,
        remainingCents: l.amountCents - forecastCents,
        percent: percentOf(forecastCents, l.amountCents),
        alertedThresholds: alerts.filter((a) => a.budgetLineId === l.id).map((a) => a.threshold).sort((a, b) => a - b),
        months,
        unpriced: mustExist(perLine.get(l.id), 'line figures').unpriced,
      };
    });
    const unallocatedFigures: UnallocatedFigures[] = [...unallocated.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([domain, acc]) => {
        const months = monthsOf(acc);
        return {
          domain,
          committedCents: sum(months, (m) => m.committedCents),
          realisedCents: sum(months, (m) => m.realisedCents),
          forecastCents: sum(months, (m) => m.forecastCents),
          months,
          unpriced: acc.unpriced,
        };
      });
    const all = [...lineFigures, ...unallocatedFigures];
    return {
      municipality,
      year,
      asOf: today,
      thresholds: EXHAUSTION_THRESHOLDS,
      totals: {
        budgetCents: lineFigures.reduce((a, l) => a + l.budgetCents, 0),
        committedCents: all.reduce((a, l) => a + l.committedCents, 0),
        realisedCents: all.reduce((a, l) => a + l.realisedCents, 0),
        forecastCents: all.reduce((a, l) => a + l.forecastCents, 0),
        // Lineages may be counted once per line they touch; the estimate is indicative (an earlier year's tariff).
        unpriced: {
          lineages: all.reduce((a, l) => a + l.unpriced.lineages, 0),
          estimateCents: all.reduce((a, l) => a + l.unpriced.estimateCents, 0),
          withoutEstimate: all.reduce((a, l) => a + l.unpriced.withoutEstimate, 0),
        },
      },
      lines: lineFigures,
      unallocated: unallocatedFigures,
    };
  }
}
