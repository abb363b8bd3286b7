import { PlaceStatus } from './facilities.entity';
import { FacilityErrorCode } from './facilities.errors';
import { capacityPlan, occupancy, PlaceState } from './facilities.rules';

const places = (...statuses: PlaceStatus[]): PlaceState[] => statuses.map((status, i) => ({ id: `p${i + 1}`, label: String(i + 1), status }));

describe(capacityPlan.name, () => {
  it('should refuse a capacity below the occupied and reserved places, naming capacity', () => {
    const { problem, plan } = capacityPlan(places('OCCUPIED', 'RESERVED', 'FREE'), 1);
    expect(plan).toBeUndefined();
    expect(problem).toEqual(expect.objectContaining({ name: 'capacity', code: FacilityErrorCode.CAPACITY_BELOW_OCCUPANCY }));
  });

  it('should retire free places before blocked ones, the highest labels first', () => {
    expect(capacityPlan(places('FREE', 'BLOCKED', 'OCCUPIED', 'FREE'), 2).plan).toEqual({ reactivate: [], add: [], retire: ['p4', 'p1'] });
    expect(capacityPlan(places('FREE', 'BLOCKED', 'OCCUPIED', 'FREE'), 1).plan).toEqual({ reactivate: [], add: [], retire: ['p4', 'p1', 'p2'] });
  });

  it('should bring retired places back before numbering new ones after the highest label', () => {
    expect(capacityPlan(places('OCCUPIED', 'RETIRED', 'FREE'), 5).plan).toEqual({ reactivate: ['p2'], add: ['4', '5'], retire: [] });
    expect(capacityPlan([], 2).plan).toEqual({ reactivate: [], add: ['1', '2'], retire: [] });
  });

  it('should change nothing at the same capacity', () => {
    expect(capacityPlan(places('FREE', 'RETIRED'), 1).plan).toEqual({ reactivate: [], add: [], retire: [] });
  });
});

describe(occupancy.name, () => {
  it('should count places by status and leave retired ones out', () => {
    expect(occupancy(places('FREE', 'OCCUPIED', 'OCCUPIED', 'BLOCKED', 'RESERVED', 'RETIRED'))).toEqual({ free: 1, reserved: 1, occupied: 2, blocked: 1 });
  });
});
