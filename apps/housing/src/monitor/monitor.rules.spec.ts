import { PlacementDestination } from '@vangnet/contracts';
import { flows, isThroughflow, MonitorPlacement, mobility, occupancyByType, percentile, waiting, waitingOverTime } from './monitor.rules';

const p = (o: Partial<MonitorPlacement>): MonitorPlacement => ({
  personId: 'a',
  facilityType: 'BW',
  facilityMunicipality: 'GM0001',
  originMunicipality: 'GM0001',
  startDate: '2026-01-10',
  endDate: null,
  destination: null,
  ...o,
});

describe(isThroughflow.name, () => {
  it('should count an end followed within 30 days by another placement of the same person, or to an intermediate facility', () => {
    const crisis = p({ facilityType: 'CRISIS', endDate: '2026-02-01', destination: PlacementDestination.UNKNOWN });
    const next = p({ startDate: '2026-03-03' });
    expect(isThroughflow(crisis, [crisis, next])).toBe(true);
    expect(isThroughflow(crisis, [crisis, p({ startDate: '2026-03-04' })])).toBe(false);
    expect(isThroughflow(crisis, [crisis, p({ personId: 'b', startDate: '2026-02-02' })])).toBe(false);
    expect(isThroughflow(p({ endDate: '2026-02-01', destination: PlacementDestination.INTERMEDIATE_FACILITY }), [])).toBe(true);
  });
});

describe(flows.name, () => {
  it('should count starts as inflow and ends as throughflow or outflow, per month and type, with outflow to the Wlz', () => {
    const list = [
      p({ personId: 'a', facilityType: 'CRISIS', startDate: '2026-01-05', endDate: '2026-01-31', destination: PlacementDestination.UNKNOWN }),
      p({ personId: 'a', facilityType: 'BW', startDate: '2026-02-01' }),
      p({ personId: 'b', facilityType: 'BW', startDate: '2025-06-01', endDate: '2026-02-10', destination: PlacementDestination.WLZ }),
      p({ personId: 'c', facilityType: 'BW', startDate: '2026-02-15', endDate: '2026-02-20', destination: PlacementDestination.INDEPENDENT_WITH_SUPPORT }),
      p({ personId: 'd', facilityType: 'BW', startDate: '2026-04-01' }),
    ];
    expect(flows(list, ['2026-01', '2026-02', '2026-03'])).toEqual([
      { month: '2026-01', facilityType: 'CRISIS', inflow: 1, throughflow: 1, outflow: 0, outflowToWlz: 0 },
      { month: '2026-02', facilityType: 'BW', inflow: 2, throughflow: 0, outflow: 2, outflowToWlz: 1 },
    ]);
  });
});

describe(percentile.name, () => {
  it('should take the nearest rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });
});

describe(waiting.name, () => {
  it('should give the list’s size and waiting time today, and the waiting time of those placed in the period', () => {
    const entries = [
      { facilityType: 'BW', waitingSince: '2026-01-01', open: true, leftOn: null, leftReason: null },
      { facilityType: 'BW', waitingSince: '2026-03-01', open: true, leftOn: null, leftReason: null },
      { facilityType: 'BW', waitingSince: '2026-01-01', open: false, leftOn: '2026-02-01', leftReason: 'PLACED' },
      { facilityType: 'BW', waitingSince: '2026-01-01', open: false, leftOn: '2026-02-01', leftReason: 'MOVED' },
      { facilityType: 'BW', waitingSince: '2025-01-01', open: false, leftOn: '2025-06-01', leftReason: 'PLACED' },
    ];
    expect(waiting(entries, '2026-04-01', '2026-01-01', '2026-03-31')).toEqual([
      { facilityType: 'BW', size: 2, waitingDaysMedian: 31, waitingDaysP90: 90, placed: 1, placedAfterDaysMedian: 31, placedAfterDaysP90: 31 },
    ]);
  });
});

describe(waitingOverTime.name, () => {
  const entries = [
    { facilityType: 'BW', waitingSince: '2026-01-10', open: true, leftOn: null, leftReason: null },
    { facilityType: 'MO', waitingSince: '2026-02-15', open: false, leftOn: '2026-03-10', leftReason: 'PLACED' },
    { facilityType: 'BW', waitingSince: '2026-03-31', open: true, leftOn: null, leftReason: null },
    // Left on the last day of February: no longer on the list that evening.
    { facilityType: 'BW', waitingSince: '2026-01-01', open: false, leftOn: '2026-02-28', leftReason: 'MOVED' },
    // Closed without a date: cannot be placed in time.
    { facilityType: 'BW', waitingSince: '2025-01-01', open: false, leftOn: null, leftReason: null },
  ];

  it('should give the list at the end of each month: who was on it and how long they had waited', () => {
    expect(waitingOverTime(entries, ['2026-01', '2026-02', '2026-03'], '2026-06-01')).toEqual([
      { month: '2026-01', measuredOn: '2026-01-31', size: 2, waitingDaysMedian: 21, waitingDaysP90: 30 },
      { month: '2026-02', measuredOn: '2026-02-28', size: 2, waitingDaysMedian: 13, waitingDaysP90: 49 },
      { month: '2026-03', measuredOn: '2026-03-31', size: 2, waitingDaysMedian: 0, waitingDaysP90: 80 },
    ]);
  });

  it('should measure the running month today and leave out the months still to come', () => {
    expect(waitingOverTime(entries, ['2026-01', '2026-02', '2026-03', '2026-04'], '2026-02-20')).toEqual([
      { month: '2026-01', measuredOn: '2026-01-31', size: 2, waitingDaysMedian: 21, waitingDaysP90: 30 },
      { month: '2026-02', measuredOn: '2026-02-20', size: 3, waitingDaysMedian: 41, waitingDaysP90: 50 },
    ]);
  });
});

describe(occupancyByType.name, () => {
  it('should count places by status per type, retired ones not at all', () => {
    const places = ['OCCUPIED', 'OCCUPIED', 'OCCUPIED', 'FREE', 'RETIRED'].map((status) => ({ facilityType: 'BW', status }));
    expect(occupancyByType(places)).toEqual([{ facilityType: 'BW', places: 4, occupied: 3, reserved: 0, blocked: 0, free: 1, occupancyBasisPoints: 7500 }]);
  });
});

describe(mobility.name, () => {
  it('should count placements started in the period by origin and facility municipality', () => {
    const list = [p({ originMunicipality: 'GM0002' }), p({}), p({ originMunicipality: 'GM0002' }), p({ startDate: '2025-01-01', originMunicipality: 'GM0003' })];
    expect(mobility(list, '2026-01-01', '2026-12-31')).toEqual({
      flows: [
        { from: 'GM0001', to: 'GM0001', placements: 1 },
        { from: 'GM0002', to: 'GM0001', placements: 2 },
      ],
      elsewhereBasisPoints: 6667,
    });
  });
});
