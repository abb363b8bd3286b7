/** Dutch notation for numbers, amounts, dates and months (Intl, nl-NL). */
const number = new Intl.NumberFormat('nl-NL');
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const percent = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 1 });
const date = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const month = new Intl.DateTimeFormat('nl-NL', { month: 'short', year: 'numeric', timeZone: 'UTC' });

export const formatNumber = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : number.format(n));
/** Money is integer eurocents everywhere in Vangnet. */
export const formatCents = (cents: number | null | undefined): string => (cents === null || cents === undefined ? '—' : euro.format(cents / 100));
export const formatBasisPoints = (bp: number): string => percent.format(bp / 10_000);
export const formatDate = (iso: string | null | undefined): string => (iso ? date.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : '—');
export const formatMonth = (ym: string): string => month.format(new Date(`${ym}-01T00:00:00Z`));

const euroWhole = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0, minimumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2, useGrouping: false });

/** An axis label in eurocents shown in whole euros (`€ 50.000.000`): an axis needs no cents. */
export const formatCentsWhole = (cents: number): string => euroWhole.format(Math.round(cents / 100));

/** How a chart's values read, on its axis and in its tooltip. */
export type ValueFormat = 'number' | 'cents';

export const axisFormatter = (format: ValueFormat) => (value: number): string => (format === 'cents' ? formatCentsWhole(value) : formatNumber(value));
export const tooltipFormatter = (format: ValueFormat) => (value: unknown): string => (typeof value !== 'number' ? '—' : format === 'cents' ? formatCents(value) : formatNumber(value));

/** A number for a form field, as a Dutch reader writes it (`0,1`, no thousands separator). */
export const formatDecimalInput = (n: number): string => decimal.format(n);

/**
 * A number as a Dutch user types it: a decimal comma (`0,1`, `1.000,5`); a point alone is a
 * decimal point unless it groups thousands (`10.000`). Undefined when it is no number: the form
 * then sends what was typed, so the API's refusal names the field.
 */
export function parseDecimal(text: string): number | undefined {
  let s = text.trim().replace(/\s/g, '').replace(/^−/, '-');
  if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
  else if (/^-?[1-9]\d{0,2}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, '');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : undefined;
}

/** Every month from `from` to `to` (YYYY-MM), both included: a chart over time shows the empty months too. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  if (!y || !m || !ty || !tm) return out;
  while ((y < ty || (y === ty && m <= tm)) && out.length < 120) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}
