import { Role } from '@vangnet/contracts';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { activeScheme, auth, entry, facility, GM_LEIDEN, GM_LEIDERDORP, GM_OEGSTGEEST, GM_VOORSCHOTEN, Housing, startHousing } from './support';

// Facilities and places, matching, and offers that hold a place for one person at a time.

describe('facilities, matching and offers', () => {
  let h: Housing;
  const offer = (placeId: string, entryId: string) => h.svc.http.post('/api/housing/v1/offers').set(auth(h.officer)).send({ placeId, entryId });

  beforeAll(async () => {
    h = await startHousing('2026-11-23');
    await activeScheme(h, [
      { factor: 'WAITING_DAYS', weight: 1 },
      { factor: 'URGENCY', weight: 100 },
    ]);
  });

  afterAll(() => h.close());

  it('should refuse a capacity below occupancy and an unknown facility type, naming the field', async () => {
    const unknown = await h.svc.http.post('/api/housing/v1/facilities').set(auth(h.officer)).send({ name: 'X', type: 'CASTLE', municipality: GM_LEIDEN, neighbourhood: 'Centrum', capacity: -1 }).expect(400);
    expect([...new Set(unknown.body.invalidParams.map((p: { name: string }) => p.name))].sort()).toEqual(['capacity', 'type']);
    const f = await facility(h, { type: 'HOUSING_FIRST', capacity: 3 });
    const e1 = await entry(h, { facilityType: 'HOUSING_FIRST' });
    const e2 = await entry(h, { facilityType: 'HOUSING_FIRST' });
    await offer(f.places[0].id, e1.id).expect(201);
    await offer(f.places[1].id, e2.id).expect(201);
    const below = await h.svc.http.patch(`/api/housing/v1/facilities/${f.id}`).set(auth(h.officer)).send({ capacity: 1 }).expect(422);
    expect(below.body).toMatchObject({ code: 'CAPACITY_BELOW_OCCUPANCY', invalidParams: [expect.objectContaining({ name: 'capacity' })] });
    const down = await h.svc.http.patch(`/api/housing/v1/facilities/${f.id}`).set(auth(h.officer)).send({ capacity: 2 }).expect(200);
    expect(down.body).toMatchObject({ capacity: 2, occupancy: { free: 0, reserved: 2, occupied: 0, blocked: 0 } });
    const up = await h.svc.http.patch(`/api/housing/v1/facilities/${f.id}`).set(auth(h.officer)).set('If-Match', down.headers.etag).send({ capacity: 4 }).expect(200);
    expect(up.body.places.map((p: { label: string; status: string }) => [p.label, p.status])).toEqual([
      ['1', 'RESERVED'],
      ['2', 'RESERVED'],
      ['3', 'FREE'],
      ['4', 'FREE'],
    ]);
  });

  it('should let a provider see only its own facilities and report a place blocked or free', async () => {
    const agb = '97100001';
    const own = await facility(h, { type: 'NIGHT_SHELTER', providerAgb: agb, capacity: 2 });
    const other = await facility(h, { type: 'NIGHT_SHELTER', providerAgb: '97100002', capacity: 1 });
    const provider = await h.ctx.token({ org: `AGB:${agb}`, roles: [Role.PROVIDER] });
    const list = await h.svc.http.get('/api/housing/v1/facilities').set(auth(provider)).expect(200);
    expect(list.body.items.map((f: { id: string }) => f.id)).toEqual([own.id]);
    await h.svc.http.get(`/api/housing/v1/facilities/${other.id}`).set(auth(provider)).expect(404);
    const places = await h.svc.http.get('/api/housing/v1/places').set(auth(provider)).expect(200);
    expect(places.body.items.map((p: { facilityId: string }) => p.facilityId)).toEqual([own.id, own.id]);
    const blocked = await h.svc.http.post(`/api/housing/v1/places/${own.places[0].id}/status`).set(auth(provider)).send({ status: 'BLOCKED', reason: 'waterschade' }).expect(200);
    expect(blocked.body).toMatchObject({ status: 'BLOCKED', blockedReason: 'waterschade' });
    const noReason = await h.svc.http.post(`/api/housing/v1/places/${own.places[1].id}/status`).set(auth(provider)).send({ status: 'BLOCKED' }).expect(400);
    expect(noReason.body.invalidParams[0].name).toBe('reason');
    await h.svc.http.post(`/api/housing/v1/places/${other.places[0].id}/status`).set(auth(provider)).send({ status: 'BLOCKED', reason: 'x' }).expect(404);
    await h.svc.http.post(`/api/housing/v1/places/${own.places[0].id}/status`).set(auth(provider)).send({ status: 'FREE' }).expect(200);
    await h.svc.http.post('/api/housing/v1/facilities').set(auth(provider)).send({ name: 'X', type: 'NIGHT_SHELTER', municipality: GM_LEIDEN, neighbourhood: 'C', capacity: 1 }).expect(403);
    // A reserved place cannot be blocked.
    const e = await entry(h, { facilityType: 'NIGHT_SHELTER' });
    await offer(own.places[1].id, e.id).expect(201);
    const inUse = await h.svc.http.post(`/api/housing/v1/places/${own.places[1].id}/status`).set(auth(provider)).send({ status: 'BLOCKED', reason: 'x' }).expect(409);
    expect(inUse.body.code).toBe('PLACE_IN_USE');
  });

  it('should rank the candidates for a place by position among the entries of its type whose needs it meets', async () => {
    const type = 'DAY_AND_NIGHT_SHELTER';
    const f = await facility(h, { type, municipality: GM_LEIDERDORP, features: ['PETS_ALLOWED'], capacity: 1 });
    const first = await entry(h, { facilityType: type, urgency: 2, needs: ['PETS_ALLOWED'] });
    const second = await entry(h, { facilityType: type, urgency: 1 });
    await entry(h, { facilityType: type, urgency: 3, needs: ['ACCESSIBLE'] }); // does not fit
    const leiderdorps = await entry(h, { facilityType: type, municipality: GM_LEIDERDORP });
    const res = await h.svc.http.get(`/api/housing/v1/places/${f.places[0].id}/candidates`).set(auth(h.officer)).expect(200);
    expect(res.body.eligible).toBe(3);
    expect(res.body.items.map((c: { entryId: string }) => c.entryId)).toEqual([first.id, second.id, leiderdorps.id]);
    expect(res.body.items.map((c: { position: number }) => c.position)).toEqual([2, 3, 4]);
    expect(res.body.items[0].contributions).toEqual([
      { factor: 'WAITING_DAYS', weight: 1, value: 175, points: 175 },
      { factor: 'URGENCY', weight: 100, value: 2, points: 200 },
    ]);
    // Leiderdorp's officer sees Leiden's candidates by position only.
    const leiderdorp = await h.ctx.token({ org: GM_LEIDERDORP, roles: [Role.HOUSING_PLACEMENT_OFFICER], municipalities: [GM_LEIDERDORP] });
    const theirs = await h.svc.http.get(`/api/housing/v1/places/${f.places[0].id}/candidates`).set(auth(leiderdorp)).expect(200);
    expect(theirs.body.items).toEqual([{ restricted: true, position: 2 }, { restricted: true, position: 3 }, expect.objectContaining({ restricted: false, entryId: leiderdorps.id, position: 4 })]);
    await h.svc.http.get(`/api/housing/v1/places/${randomUUID()}/candidates`).set(auth(h.officer)).expect(404);
  });

  it('should assign the free places of the whole list filling the hardest-to-fill first, with explanations', async () => {
    const type = 'PROTECTED_HOUSING_LIGHT';
    const accessible = await facility(h, { type, municipality: GM_VOORSCHOTEN, features: ['ACCESSIBLE'], capacity: 1 });
    const plain = await facility(h, { type, municipality: GM_VOORSCHOTEN, capacity: 1 });
    const best = await entry(h, { facilityType: type, urgency: 3 });
    const needsAccess = await entry(h, { facilityType: type, urgency: 1, needs: ['ACCESSIBLE'] });
    const res = await h.svc.http.get('/api/housing/v1/matching/assignment').query({ municipality: GM_VOORSCHOTEN, facilityType: type }).set(auth(h.officer)).expect(200);
    // "plain" fits only `best` (one candidate): it goes first; then `needsAccess` gets the accessible place.
    expect(res.body.assignments.map((a: { round: number; place: { placeId: string }; candidate: { entryId: string }; eligibleCandidates: number }) => [a.round, a.place.placeId, a.candidate.entryId, a.eligibleCandidates])).toEqual([
      [1, plain.places[0].id, best.id, 1],
      [2, accessible.places[0].id, needsAccess.id, 1],
    ]);
    expect(res.body.assignments[0].explanation).toMatch(/round 1: 1 unassigned entry fitted/);
    expect(res.body.assignments[1].candidate.contributions.reduce((a: number, c: { points: number }) => a + c.points, 0)).toBe(res.body.assignments[1].candidate.score);
    expect(res.body.unfilled).toEqual([]);
  });

  it('should never offer one place to two people, even when the offers race', async () => {
    const type = 'RESPITE_HOUSE';
    const places = (await facility(h, { type, municipality: GM_OEGSTGEEST, capacity: 4 })).places;
    const entries: Array<{ id: string }> = [];
    for (let i = 0; i < 8; i++) entries.push(await entry(h, { facilityType: type }));
    const results = await Promise.all(places.flatMap((p: { id: string }, i: number) => [offer(p.id, entries[2 * i].id), offer(p.id, entries[2 * i + 1].id)]));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body).toMatchObject({ code: 'PLACE_ALREADY_OFFERED', invalidParams: [expect.objectContaining({ name: 'placeId' })] });
    const held = await h.svc.http.get('/api/housing/v1/offers').query({ status: 'OPEN', limit: 500 }).set(auth(h.officer)).expect(200);
    const ours = held.body.items.filter((o: { placeId: string }) => places.some((p: { id: string }) => p.id === o.placeId));
    expect(ours.map((o: { placeId: string }) => o.placeId).sort()).toEqual(places.map((p: { id: string }) => p.id).sort());
    const waiting = await h.svc.http.get('/api/housing/v1/waitlist').query({ facilityType: type, status: 'OFFERED' }).set(auth(h.officer)).expect(200);
    expect(waiting.body.items).toHaveLength(4);
    // The constraint itself, under whatever code: a second open offer of a held place is refused by PostgreSQL.
    const db = h.svc.app.get(DataSource);
    const loser = entries.find((e) => !ours.some((o: { entryId: string }) => o.entryId === e.id))!;
    await expect(
      db.query(
        `INSERT INTO offer (id, place_id, entry_id, municipality, facility_municipality, facility_type, status, offered_on, answer_due, created_by)
         VALUES ($1, $2, $3, 'GM0546', 'GM0579', $4, 'OPEN', '2026-11-23', '2026-11-30', 'test')`,
        [randomUUID(), places[0].id, loser.id, type],
      ),
    ).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '23505', constraint: 'offer_place_held' }) });
  });

  it('should take an answer: a decline with its reason frees the place, an acceptance keeps it reserved', async () => {
    const type = 'INTERMEDIATE_FACILITY';
    const f = await facility(h, { type, capacity: 1 });
    const e = await entry(h, { facilityType: type });
    const o = (await offer(f.places[0].id, e.id).expect(201)).body;
    expect(o).toMatchObject({ status: 'OPEN', offeredOn: '2026-11-23', answerDue: '2026-11-30', stalled: false });
    const noReason = await h.svc.http.post(`/api/housing/v1/offers/${o.id}/answer`).set(auth(h.officer)).send({ accepted: false }).expect(400);
    expect(noReason.body.invalidParams[0].name).toBe('reason');
    const declined = await h.svc.http.post(`/api/housing/v1/offers/${o.id}/answer`).set(auth(h.officer)).send({ accepted: false, reason: 'te ver van familie' }).expect(200);
    expect(declined.body).toMatchObject({ status: 'DECLINED', reason: 'te ver van familie' });
    expect((await h.svc.http.get(`/api/housing/v1/places/${f.places[0].id}`).set(auth(h.officer))).body.status).toBe('FREE');
    expect((await h.svc.http.get(`/api/housing/v1/waitlist/${e.id}`).set(auth(h.officer))).body.status).toBe('WAITING');
    const again = (await offer(f.places[0].id, e.id).expect(201)).body;
    await h.svc.http.post(`/api/housing/v1/offers/${again.id}/answer`).set(auth(h.officer)).send({ accepted: true }).expect(200);
    expect((await h.svc.http.get(`/api/housing/v1/places/${f.places[0].id}`).set(auth(h.officer))).body.status).toBe('RESERVED');
    expect((await h.svc.http.get(`/api/housing/v1/waitlist/${e.id}`).set(auth(h.officer))).body.status).toBe('ACCEPTED');
    const twice = await h.svc.http.post(`/api/housing/v1/offers/${again.id}/answer`).set(auth(h.officer)).send({ accepted: true }).expect(409);
    expect(twice.body.code).toBe('OFFER_NOT_OPEN');
  });

  it('should refuse an offer of a place that does not fit, naming the place and what it lacks', async () => {
    const f = await facility(h, { type: 'CRISIS_SINGLE', capacity: 1 });
    const e = await entry(h, { facilityType: 'CRISIS_SINGLE', needs: ['ACCESSIBLE', 'PETS_ALLOWED'] });
    const res = await offer(f.places[0].id, e.id).expect(422);
    expect(res.body).toMatchObject({ code: 'PLACE_DOES_NOT_FIT', missing: ['ACCESSIBLE', 'PETS_ALLOWED'], invalidParams: [expect.objectContaining({ name: 'placeId' })] });
  });

  it('should signal an offer without an answer after the working days it had', async () => {
    const type = 'WOMENS_SHELTER';
    const f = await facility(h, { type, capacity: 1 });
    const e = await entry(h, { facilityType: type });
    const o = (await offer(f.places[0].id, e.id).expect(201)).body;
    try {
      h.clock.set('2026-11-30'); // the last day to answer
      expect((await h.svc.http.get(`/api/housing/v1/offers/${o.id}`).set(auth(h.officer))).body.stalled).toBe(false);
      h.clock.set('2026-12-02');
      const stalled = await h.svc.http.get('/api/housing/v1/offers').query({ stalled: 'true', limit: 500 }).set(auth(h.officer)).expect(200);
      expect(stalled.body.items.find((x: { id: string }) => x.id === o.id)).toMatchObject({ stalled: true, workingDaysOverdue: 2 });
    } finally {
      h.clock.set('2026-11-23');
    }
  });

  it('should give an offered place back when its entry leaves the list', async () => {
    const f = await facility(h, { type: 'SMALL_DETACHED_HOME', capacity: 1 });
    const e = await entry(h, { facilityType: 'SMALL_DETACHED_HOME' });
    const o = (await offer(f.places[0].id, e.id).expect(201)).body;
    await h.svc.http.post(`/api/housing/v1/waitlist/${e.id}/leave`).set(auth(h.officer)).send({ reason: 'NO_LONGER_NEEDED' }).expect(200);
    expect((await h.svc.http.get(`/api/housing/v1/offers/${o.id}`).set(auth(h.officer))).body.status).toBe('WITHDRAWN');
    expect((await h.svc.http.get(`/api/housing/v1/places/${f.places[0].id}`).set(auth(h.officer))).body.status).toBe('FREE');
  });
});
