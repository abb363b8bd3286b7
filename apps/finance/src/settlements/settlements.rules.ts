import { IsoDate, lastDayOfMonth } from '@vangnet/contracts';

/** A settlement period: a year `2026`, a quarter `2026-Q2` or a month `2026-03`. */
export const SETTLEMENT_PERIOD_PATTERN = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

export interface PeriodRange {
  label: string;
  /** First day of the first month. */
  from: IsoDate;
  /** Last day of the last month. */
  to: IsoDate;
}

export function parseSettlementPeriod(value: string): PeriodRange | undefined {
  const m = SETTLEMENT_PERIOD_PATTERN.exec(value);
  if (!m) return undefined;
  const year = m[1];
  if (m[2]) {
    const q = Number(m[2]);
    const first = String((q - 1) * 3 + 1).padStart(2, '0');
    const last = String(q * 3).padStart(2, '0');
    return { label: value, from: `${year}-${first}-01`, to: lastDayOfMonth(`${year}-${last}-01`) };
  }
  if (m[3]) return { label: value, from: `${year}-${m[3]}-01`, to: lastDayOfMonth(`${year}-${m[3]}-01`) };
  return { label: value, from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The approved cents one municipality paid for care another is responsible for (or itself). */
export interface PairCostFigure {
  responsible: string;
  payer: string;
  cents: number;
}

/** Per responsible municipality: its costs, and the part another municipality paid (it owes that). */
export function netCostsPerResponsible(rows: readonly PairCostFigure[]): Array<{ municipality: string; amountCents: number; paidByOthersCents: number }> {
  const costs = new Map<string, { municipality: string; amountCents: number; paidByOthersCents: number }>();
  for (const r of rows) {
    const c = costs.get(r.responsible) ?? { municipality: r.responsible, amountCents: 0, paidByOthersCents: 0 };
    c.amountCents += r.cents;
    if (r.payer !== r.responsible) c.paidByOthersCents += r.cents;
    costs.set(r.responsible, c);
  }
  return [...costs.values()];
}
