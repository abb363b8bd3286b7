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
