import { DomainError } from '@vangnet/contracts';
import { monthRange, monthsBetween } from './month-range';

describe(monthsBetween.name, () => {
  it('should list the months from and to, both included, over a year end', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-03', '2026-03')).toEqual(['2026-03']);
  });
});

describe(monthRange.name, () => {
  it('should default to the twelve months up to today, with their first and last day', () => {
    expect(monthRange({}, '2026-11-23')).toMatchObject({ from: '2025-12', to: '2026-11', start: '2025-12-01', end: '2026-11-30' });
    expect(monthRange({ to: '2026-03' }, '2026-11-23').months).toHaveLength(12);
  });

  it('should refuse a period backwards or longer than 36 months, naming to', () => {
    expect(monthRange({ from: '2024-01', to: '2026-12' }, '2026-11-23').months).toHaveLength(36);
    for (const q of [{ from: '2026-05', to: '2026-04' }, { from: '2024-01', to: '2027-01' }]) {
      let error: unknown;
      try {
        monthRange(q, '2026-11-23');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).invalidParams?.[0]).toMatchObject({ name: 'to', code: 'INVALID_PERIOD' });
    }
  });
});
