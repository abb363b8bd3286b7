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
