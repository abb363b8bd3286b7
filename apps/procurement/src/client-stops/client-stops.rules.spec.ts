import { clashingStop, effectivePeriod, stopBlocks } from './client-stops.rules';

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

describe(clashingStop.name, () => {
  const running = { id: 'running', start: '2026-12-01', end: null, liftedOn: null };
  const lifted = { id: 'lifted', start: '2026-10-01', end: null, liftedOn: '2026-11-01' };
  const ended = { id: 'ended', start: '2026-06-01', end: '2026-06-30', liftedOn: null };

  it.each([
    ['a period inside the running stop', { start: '2027-01-01', end: '2027-01-31' }, 'running'],
    ['an open period after the ended stop (the first stop it meets)', { start: '2026-07-01', end: null }, 'lifted'],
    ['a period that ends the day before the running stop', { start: '2026-11-01', end: '2026-11-30' }, undefined],
    ['a period on the days a lifted stop no longer blocks', { start: '2026-11-01', end: '2026-11-15' }, undefined],
    ['a period on the days the lifted stop did block', { start: '2026-10-15', end: '2026-10-20' }, 'lifted'],
    ['a period in the ended stop', { start: '2026-06-15', end: '2026-06-15' }, 'ended'],
  ])('should find for %s: %s', (_what, period, expected) => {
    expect(clashingStop([ended, lifted, running], period)?.id).toBe(expected);
  });
});
