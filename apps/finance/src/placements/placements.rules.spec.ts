import { FacilityType, PlacementDestination } from '@vangnet/contracts';
import { PlacementStart, stayOf, withEnd, withStart } from './placements.rules';

const start: PlacementStart = {
  placementId: '00000000-0000-4000-8000-0000000000d1',
  personId: '00000000-0000-4000-8000-0000000000d2',
  facilityType: FacilityType.HOUSING_FIRST,
  facilityMunicipality: 'GM0546',
  responsibleMunicipality: 'GM0546',
  provisionLineageId: null,
  providerAgb: null,
  startDate: '2026-03-01',
};
const end = { placementId: start.placementId, endDate: '2026-06-30', destination: PlacementDestination.WLZ };
const at = (iso: string) => new Date(iso);

describe('a placement from its events', () => {
  it('should be whole whichever event comes first', () => {
    const a = withEnd(withStart(undefined, start, at('2026-03-01T09:00:00Z')), end, at('2026-07-01T09:00:00Z'));
    const b = withStart(withEnd(undefined, end, at('2026-07-01T09:00:00Z')), start, at('2026-03-01T09:00:00Z'));
    expect(a).toEqual(b);
    expect(a && stayOf(a)).toEqual({ personId: start.personId, facilityType: FacilityType.HOUSING_FIRST, start: '2026-03-01', end: '2026-06-30' });
  });

  it('should take a later publication and leave an older one out', () => {
    const first = withStart(undefined, start, at('2026-03-01T09:00:00Z'));
    expect(withStart(first, { ...start, startDate: '2026-02-01' }, at('2026-02-01T09:00:00Z'))).toBeUndefined();
    expect(withStart(first, { ...start, startDate: '2026-03-02' }, at('2026-03-02T09:00:00Z'))?.startDate).toBe('2026-03-02');
    expect(withStart(first, start, at('2026-03-01T09:00:00Z'))).toEqual(first);
  });

  it('should be no stay until its start is known', () => {
    const onlyEnd = withEnd(undefined, end, at('2026-07-01T09:00:00Z'));
    expect(onlyEnd && stayOf(onlyEnd)).toBeUndefined();
  });
});
