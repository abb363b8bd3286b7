import { effectivePeriod, stopBlocks } from './client-stops.rules';

describe(effectivePeriod.name, () => {
  it('should end a lifted stop the day before it was lifted, and drop one lifted before it began', () => {
    expect(effectivePeriod({ start: '2026-12-01', end: null, liftedOn: null })).toEqual({ start: '2026-12-01', end: null });
    expect(effectivePeriod({ start: '2026-12-01', end: null, liftedOn: '2027-01-15' })).toEqual({ start: '2026-12-01', end: '2027-01-14' });
    expect(effectivePeriod({ start: '2026-12-01', end: '2026-12-10', liftedOn: '2027-01-15' })).toEqual({ start: '2026-12-01', end: '2026-12-10' });
    expect(effectivePeriod({ start: '2026-12-01', end: null, liftedOn: '2026-12-01' })).toBeUndefined();
  });

  it('should block from the first to the last day inclusive', () => {
    const s = { start: '2026-12-01', end: '2026-12-31' };
    expect([stopBlocks(s, '2026-11-30'), stopBlocks(s, '2026-12-01'), stopBlocks(s, '2026-12-31'), stopBlocks(s, '2027-01-01')]).toEqual([false, true, true, false]);
  });
});
