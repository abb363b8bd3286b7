import { PLACEMENT_ENDED_V1, PLACEMENT_STARTED_V1, PlacementEndedV1, PlacementStartedV1, PROVISION_GRANTED_V1, Role, WAITLIST_LEFT_V1, WaitlistLeftV1, ProductCategory } from '@vangnet/contracts';
import { EventProbe } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { aGrant, auth, entry, eventually, facility, GM_LEIDEN, GM_LEIDERDORP, GM_ZOETERWOUDE, Housing, placed, pseudonym, publishEvent, startHousing } from './support';

// Placements from an accepted offer or direct (crisis), their end with a destination, the
// overstay signal, and the monitor counting exactly the placements made.

describe('placements', () => {
  let h: Housing;
  let started: EventProbe<PlacementStartedV1>;
  let ended: EventProbe<PlacementEndedV1>;
  let left: EventProbe<WaitlistLeftV1>;

  beforeAll(async () => {
    h = await startHousing('2026-11-23');
    started = await h.ctx.probe<PlacementStartedV1>(PLACEMENT_STARTED_V1);
    ended = await h.ctx.probe<PlacementEndedV1>(PLACEMENT_ENDED_V1);
    left = await h.ctx.probe<WaitlistLeftV1>(WAITLIST_LEFT_V1);
  });

  afterAll(() => h.close());

  it('should start a placement from an accepted offer: the place occupied, the entry placed, placement.started published', async () => {
    const { facility: f, entry: e, placement: p } = await placed(h, { facility: { providerAgb: '97200001', municipality: GM_LEIDERDORP }, entry: { originMunicipality: GM_LEIDEN }, startDate: '2026-11-20' });
    const now = (await h.svc.http.get(`/api/housing/v1/placements/${p.id}`).set(auth(h.officer)).expect(200)).body;
    expect(now).toMatchObject({ placeId: f.places[0].id, facilityType: 'INTRAMURAL_PROTECTED_HOUSING', facilityMunicipality: GM_LEIDERDORP, entryId: e.id, startDate: '2026-11-20', endDate: null, stayDays: 4, referenceStayDays: 1461, overstay: false });
    expect((await h.svc.http.get(`/api/housing/v1/places/${f.places[0].id}`).set(auth(h.officer))).body.status).toBe('OCCUPIED');
    expect((await h.svc.http.get(`/api/housing/v1/waitlist/${e.id}`).set(auth(h.officer))).body).toMatchObject({ status: 'PLACED', leftReason: 'PLACED', leftOn: '2026-11-20' });
    const event = await started.next((x) => x.data.placementId === p.id);
    expect(event.data).toEqual({
      placementId: p.id,
      personId: e.personId,
      personPseudonym: e.personPseudonym,
      facilityId: f.id,
      facilityType: 'INTRAMURAL_PROTECTED_HOUSING',
      placeId: f.places[0].id,
      facilityMunicipality: GM_LEIDERDORP,
      responsibleMunicipality: GM_LEIDEN,
      providerAgb: '97200001',
      startDate: '2026-11-20',
    });
    expect((await left.next((x) => x.data.entryId === e.id)).data.reason).toBe('PLACED');
  });

  it('should end a placement with a destination, never before its start nor after today, and free the place', async () => {
    const { facility: f, placement: p } = await placed(h, { startDate: '2026-11-10' });
    const before = await h.svc.http.post(`/api/housing/v1/placements/${p.id}/end`).set(auth(h.officer)).send({ endDate: '2026-11-09', destination: 'WLZ' }).expect(422);
    expect(before.body).toMatchObject({ code: 'END_BEFORE_START', invalidParams: [expect.objectContaining({ name: 'endDate' })] });
    const future = await h.svc.http.post(`/api/housing/v1/placements/${p.id}/end`).set(auth(h.officer)).send({ endDate: '2026-12-01', destination: 'WLZ' }).expect(422);
    expect(future.body.invalidParams[0]).toMatchObject({ name: 'endDate', code: 'END_IN_FUTURE' });
    const nowhere = await h.svc.http.post(`/api/housing/v1/placements/${p.id}/end`).set(auth(h.officer)).send({ endDate: '2026-11-22', destination: 'THE_MOON' }).expect(400);
    expect(nowhere.body.invalidParams[0].name).toBe('destination');
    const done = await h.svc.http.post(`/api/housing/v1/placements/${p.id}/end`).set(auth(h.officer)).send({ endDate: '2026-11-22', destination: 'WLZ' }).expect(200);
    expect(done.body).toMatchObject({ endDate: '2026-11-22', destination: 'WLZ', stayDays: 13 });
    expect((await ended.next((x) => x.data.placementId === p.id)).data).toEqual({ placementId: p.id, endDate: '2026-11-22', destination: 'WLZ' });
    expect((await h.svc.http.get(`/api/housing/v1/places/${f.places[0].id}`).set(auth(h.officer))).body.status).toBe('FREE');
    const twice = await h.svc.http.post(`/api/housing/v1/placements/${p.id}/end`).set(auth(h.officer)).send({ endDate: '2026-11-22', destination: 'WLZ' }).expect(409);
    expect(twice.body.code).toBe('PLACEMENT_ENDED');
  });

  it('should place an emergency-shelter provision directly, in a crisis place only', async () => {
    const grant = aGrant({ product: { category: ProductCategory.EMERGENCY_SHELTER }, crisis: true });
    await publishEvent(h.ctx, PROVISION_GRANTED_V1, grant);
    const direct = await eventually(async () => {
      const res = await h.svc.http.get('/api/housing/v1/direct-placements').set(auth(h.officer)).expect(200);
      return res.body.items.find((x: { provisionLineageId: string }) => x.provisionLineageId === grant.lineageId);
    });
    const bw = await facility(h, { type: 'INTRAMURAL_PROTECTED_HOUSING', capacity: 1 });
    const refused = await h.svc.http.post('/api/housing/v1/placements').set(auth(h.officer)).send({ entryId: direct.id, placeId: bw.places[0].id, startDate: '2026-11-23' }).expect(422);
    expect(refused.body).toMatchObject({ code: 'NOT_A_CRISIS_PLACE', invalidParams: [expect.objectContaining({ name: 'placeId' })] });
    const crisis = await facility(h, { type: 'CRISIS_FAMILY', capacity: 1 });
    const p = await h.svc.http.post('/api/housing/v1/placements').set(auth(h.officer)).send({ entryId: direct.id, placeId: crisis.places[0].id, startDate: '2026-11-23' }).expect(201);
    expect(p.body).toMatchObject({ direct: true, facilityType: 'CRISIS_FAMILY', provisionLineageId: grant.lineageId, referenceStayDays: 90 });
    // The direct route is not the list: no waitlist.left for it.
    await started.next((x) => x.data.placementId === p.body.id);
    expect(left.matching((x) => x.data.entryId === direct.id)).toEqual([]);
    const again = await h.svc.http.post('/api/housing/v1/placements').set(auth(h.officer)).send({ personId: grant.personId, personPseudonym: grant.personPseudonym, municipality: GM_LEIDEN, placeId: crisis.places[0].id, startDate: '2026-11-23' }).expect(409);
    expect(again.body.code).toBe('PERSON_ALREADY_PLACED');
  });

  it('should refuse a placement without a source or a start after today, naming the field', async () => {
    const none = await h.svc.http.post('/api/housing/v1/placements').set(auth(h.officer)).send({ startDate: '2026-11-23' }).expect(400);
    expect(none.body.invalidParams[0]).toMatchObject({ name: 'placeId', code: 'PLACEMENT_SOURCE' });
    const later = await h.svc.http.post('/api/housing/v1/placements').set(auth(h.officer)).send({ offerId: randomUUID(), startDate: '2026-11-24' }).expect(422);
    expect(later.body.invalidParams[0]).toMatchObject({ name: 'startDate', code: 'START_IN_FUTURE' });
    const notAccepted = await h.svc.http.post('/api/housing/v1/placements').set(auth(h.officer)).send({ offerId: randomUUID(), startDate: '2026-11-23' }).expect(404);
    expect(notAccepted.body.code).toBe('OFFER_NOT_FOUND');
  });

  it('should signal a stay beyond its type’s configurable reference stay', async () => {
    const crisis = await facility(h, { type: 'CRISIS_SINGLE', capacity: 1 });
    const personId = randomUUID();
    const p = (await h.svc.http.post('/api/housing/v1/placements').set(auth(h.officer)).send({ personId, personPseudonym: pseudonym(personId), municipality: GM_LEIDEN, placeId: crisis.places[0].id, startDate: '2026-08-01' }).expect(201)).body;
    expect(p).toMatchObject({ stayDays: 115, referenceStayDays: 90, overstayDays: 25, overstay: true });
    const list = await h.svc.http.get('/api/housing/v1/placements').query({ overstay: 'true', limit: 500 }).set(auth(h.officer)).expect(200);
    expect(list.body.items.map((x: { id: string }) => x.id)).toContain(p.id);
    expect(list.body.items.every((x: { overstay: boolean }) => x.overstay)).toBe(true);
    const settings = await h.svc.http.get('/api/housing/v1/settings').set(auth(h.officer)).expect(200);
    expect(settings.body.referenceStays).toEqual(expect.arrayContaining([{ facilityType: 'CRISIS_SINGLE', days: 90 }, { facilityType: 'WOMENS_SHELTER', days: 183 }]));
    await h.svc.http.put('/api/housing/v1/settings/reference-stays/CRISIS_SINGLE').set(auth(h.officer)).send({ days: 120 }).expect(200);
    try {
      expect((await h.svc.http.get(`/api/housing/v1/placements/${p.id}`).set(auth(h.officer))).body).toMatchObject({ referenceStayDays: 120, overstay: false });
      const badType = await h.svc.http.put('/api/housing/v1/settings/reference-stays/CASTLE').set(auth(h.officer)).send({ days: 30 }).expect(400);
      expect(badType.body.invalidParams.map((x: { name: string }) => x.name)).toEqual(['facilityType']);
      const badDays = await h.svc.http.put('/api/housing/v1/settings/reference-stays/CRISIS_SINGLE').set(auth(h.officer)).send({ days: 0 }).expect(400);
      expect(badDays.body.invalidParams.map((x: { name: string }) => x.name)).toEqual(['days']);
    } finally {
      await h.svc.http.put('/api/housing/v1/settings/reference-stays/CRISIS_SINGLE').set(auth(h.officer)).send({ days: 90 }).expect(200);
    }
  });

  it('should show a provider the placements in its own facilities only', async () => {
    const agb = '97200002';
    const mine = await placed(h, { facility: { providerAgb: agb } });
    await placed(h, { facility: { providerAgb: '97200003' } });
    const provider = await h.ctx.token({ org: `AGB:${agb}`, roles: [Role.PROVIDER] });
    const list = await h.svc.http.get('/api/housing/v1/placements').set(auth(provider)).expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([mine.placement.id]);
    await h.svc.http.post(`/api/housing/v1/placements/${mine.placement.id}/end`).set(auth(provider)).send({ endDate: '2026-11-23', destination: 'UNKNOWN' }).expect(403);
  });

  it('should count in the monitor exactly the placements made, per type and month, with the list and occupancy', async () => {
    // Zoeterwoude's women's shelter: nothing else in this file places there.
    const type = 'WOMENS_SHELTER';
    const a = await placed(h, { facility: { type, municipality: GM_ZOETERWOUDE }, entry: { originMunicipality: GM_LEIDEN, waitingSince: '2026-09-01' }, startDate: '2026-10-05' });
    const b = await placed(h, { facility: { type, municipality: GM_ZOETERWOUDE }, entry: { municipality: GM_LEIDEN, waitingSince: '2026-10-01' }, startDate: '2026-11-02' });
    await h.svc.http.post(`/api/housing/v1/placements/${a.placement.id}/end`).set(auth(h.officer)).send({ endDate: '2026-11-15', destination: 'WLZ' }).expect(200);
    await entry(h, { facilityType: type, waitingSince: '2026-11-13' }); // still waiting: 10 days
    const analyst = await h.ctx.token({ org: 'ORG:55555555', roles: [Role.REGIONAL_ANALYST] });
    const m = (await h.svc.http.get('/api/housing/v1/monitor').query({ from: '2026-10', to: '2026-11', municipality: GM_ZOETERWOUDE }).set(auth(analyst)).expect(200)).body;
    expect(m.flows).toEqual([
      { month: '2026-10', facilityType: type, inflow: 1, throughflow: 0, outflow: 0, outflowToWlz: 0 },
      { month: '2026-11', facilityType: type, inflow: 1, throughflow: 0, outflow: 1, outflowToWlz: 1 },
    ]);
    expect(m.outflowToWlz).toBe(1);
    expect(m.occupancy).toEqual([{ facilityType: type, places: 2, occupied: 1, reserved: 0, blocked: 0, free: 1, occupancyBasisPoints: 5000 }]);
    expect(m.mobility.flows).toEqual(expect.arrayContaining([{ from: GM_LEIDEN, to: GM_ZOETERWOUDE, placements: 2 }]));
    // The entries are Leiden's lists: Zoeterwoude's list has none of them.
    expect(m.waitingList).toEqual([]);
    const leiden = (await h.svc.http.get('/api/housing/v1/monitor').query({ from: '2026-10', to: '2026-11', municipality: GM_LEIDEN }).set(auth(analyst)).expect(200)).body;
    const shelter = leiden.waitingList.find((w: { facilityType: string }) => w.facilityType === type);
    expect(shelter).toMatchObject({ size: 1, waitingDaysMedian: 10, placed: 2 });
    expect(JSON.stringify(m)).not.toMatch(new RegExp([a.entry.personId, b.entry.personId, a.placement.id].join('|')));
    // Aggregates only: the analyst reads no person.
    await h.svc.http.get('/api/housing/v1/placements').set(auth(analyst)).expect(403);
    await h.svc.http.get('/api/housing/v1/waitlist').set(auth(analyst)).expect(403);
    const bad = await h.svc.http.get('/api/housing/v1/monitor').query({ from: '2026-13' }).set(auth(analyst)).expect(400);
    expect(bad.body.invalidParams[0].name).toBe('from');
  });
});
