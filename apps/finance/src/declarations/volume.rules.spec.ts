import { FinancingVariant, Frequency, Unit } from '@vangnet/contracts';
import { isoWeeksTouched, maxForProductPeriod, maxForSegment, sundaysIn } from './volume.rules';

const weekly = (variant: string, category = '02') => ({ amount: 3, unit: Unit.HOUR, frequency: Frequency.PER_WEEK, variant, category });

describe('volume maxima (IV077)', () => {
  it('should count calendar weeks for an effort-based weekly volume', () => {
    // The rule report's example: 3 h/week from 11-10-2022 to 28-12-2022.
    expect(isoWeeksTouched('2022-10-11', '2022-10-31')).toBe(4);
    expect(isoWeeksTouched('2022-11-01', '2022-11-30')).toBe(5);
    expect(isoWeeksTouched('2022-12-01', '2022-12-28')).toBe(5);
    expect(maxForSegment(weekly(FinancingVariant.EFFORT), '2022-10-11', '2022-12-28')).toBe(36);
  });

  it('should count Sundays, plus the last broken week, for an output-based weekly volume', () => {
    const v = weekly(FinancingVariant.OUTPUT);
    expect(sundaysIn('2022-10-11', '2022-10-31')).toBe(3);
    expect(maxForProductPeriod(v, '2022-12-01', '2022-12-31', '2022-10-11', '2022-12-31')).toBe(15);
    expect(maxForProductPeriod(v, '2022-11-01', '2022-11-30', '2022-10-11', '2022-12-31')).toBe(12);
  });

  it('should allow household help six weeks per product period', () => {
    expect(maxForProductPeriod(weekly(FinancingVariant.EFFORT, '01'), '2026-02-01', '2026-02-28', '2026-01-01', null)).toBe(18);
  });

  it('should have no lineage maximum for an open-ended non-total volume', () => {
    expect(maxForSegment(weekly(FinancingVariant.EFFORT), '2026-01-01', null)).toBe(Infinity);
    expect(maxForSegment({ ...weekly(FinancingVariant.EFFORT), frequency: Frequency.TOTAL }, '2026-01-01', null)).toBe(3);
  });
});
