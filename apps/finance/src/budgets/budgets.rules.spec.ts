import { attributeLine, BudgetDomain, BudgetKind, forecastMonth, newThresholds, percentOf } from './budgets.rules';

const line = (id: string, o: Partial<{ domain: BudgetDomain; kind: BudgetKind; position: number; categories: string[]; productCodes: string[] }> = {}) => ({
  id,
  domain: BudgetDomain.WMO,
  kind: BudgetKind.STRUCTURAL,
  position: 1,
  categories: [],
  productCodes: [],
  ...o,
});

describe('budget rules', () => {
  it('should land on the most specific line of the category’s domain', () => {
    const lines = [line('catch-all'), line('guidance', { categories: ['02'], position: 2 }), line('code', { categories: ['02'], productCodes: ['02A01'], position: 3 }), line('bw', { domain: BudgetDomain.MAATSCHAPPELIJKE_ZORG })];
    expect(attributeLine(lines, '02', '02A01')?.id).toBe('code');
    expect(attributeLine(lines, '02', '02B01')?.id).toBe('guidance');
    expect(attributeLine(lines, '03', null)?.id).toBe('catch-all');
    expect(attributeLine(lines, '15', null)?.id).toBe('bw');
    expect(attributeLine(lines, '45', null)).toBeUndefined();
  });

  it('should forecast a past month at its realisation and other months at their commitment', () => {
    expect(forecastMonth({ month: '2026-02-01', committedCents: 100, realisedCents: 80 }, '2026-04-10')).toBe(80);
    expect(forecastMonth({ month: '2026-03-01', committedCents: 100, realisedCents: 0 }, '2026-04-10')).toBe(100);
    expect(forecastMonth({ month: '2026-04-01', committedCents: 100, realisedCents: 90 }, '2026-04-10')).toBe(100);
  });

  it('should raise each threshold once', () => {
    expect(percentOf(9_100, 10_000)).toBe(91);
    expect(newThresholds(91, new Set())).toEqual([80, 90]);
    expect(newThresholds(91, new Set([80, 90]))).toEqual([]);
    expect(newThresholds(percentOf(5, 0), new Set())).toEqual([]);
  });
});
