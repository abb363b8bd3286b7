import { PlacementErrorCode } from './placements.errors';
import { endProblems, lastNightBefore, overstay, stayDays } from './placements.rules';

describe(stayDays.name, () => {
  it('should count both the first and the last night', () => {
    expect(stayDays('2026-01-01', '2026-01-01', '2026-06-01')).toBe(1);
    expect(stayDays('2026-01-01', '2026-03-31', '2026-06-01')).toBe(90);
    expect(stayDays('2026-01-01', null, '2026-01-10')).toBe(10);
    expect(stayDays('2026-02-01', null, '2026-01-10')).toBe(0);
  });
});

describe(overstay.name, () => {
  it('should flag a stay beyond the reference stay of its type, by the days beyond it', () => {
    expect(overstay({ startDate: '2026-01-01', endDate: null }, 90, '2026-03-31')).toEqual({ stayDays: 90, referenceStayDays: 90, overstayDays: 0, overstay: false });
    expect(overstay({ startDate: '2026-01-01', endDate: null }, 90, '2026-04-02')).toEqual({ stayDays: 92, referenceStayDays: 90, overstayDays: 2, overstay: true });
  });

  it('should never flag a type without a reference stay', () => {
    expect(overstay({ startDate: '2020-01-01', endDate: null }, undefined, '2026-01-01')).toMatchObject({ referenceStayDays: null, overstay: false, overstayDays: 0 });
  });
});

describe(endProblems.name, () => {
  it('should refuse an end before the start, naming endDate', () => {
    expect(endProblems('2026-05-01', '2026-04-30', '2026-06-01')).toEqual([expect.objectContaining({ name: 'endDate', code: PlacementErrorCode.END_BEFORE_START })]);
  });

  it('should refuse an end after today and accept one on the start day', () => {
    expect(endProblems('2026-05-01', '2026-06-02', '2026-06-01')).toEqual([expect.objectContaining({ name: 'endDate', code: PlacementErrorCode.END_IN_FUTURE })]);
    expect(endProblems('2026-05-01', '2026-05-01', '2026-06-01')).toEqual([]);
  });
});

describe(lastNightBefore.name, () => {
  it('should end the stay the night before the lease starts, never before the stay began', () => {
    expect(lastNightBefore('2026-07-01', '2026-01-01')).toBe('2026-06-30');
    expect(lastNightBefore('2026-01-01', '2026-01-01')).toBe('2026-01-01');
  });
});
