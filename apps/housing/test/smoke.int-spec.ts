import { expectSchemaMatchesEntities } from '@vangnet/testing';
import { auth, GM_LEIDEN, Housing, startHousing } from './support';

describe('smoke', () => {
  let h: Housing;
  beforeAll(async () => {
    h = await startHousing('2026-11-23');
  });
  afterAll(() => h.close());

  it('should migrate to what the entities declare', async () => {
    await expectSchemaMatchesEntities(h.svc);
  });

  it('should create a facility and a scheme', async () => {
    const f = await h.svc.http.post('/api/housing/v1/facilities').set(auth(h.officer)).send({ name: 'De Brug', type: 'INTRAMURAL_PROTECTED_HOUSING', municipality: GM_LEIDEN, neighbourhood: 'Centrum', capacity: 3, features: ['ACCESSIBLE'] });
    expect(f.status).toBe(201);
    expect(f.body.places).toHaveLength(3);
    const s = await h.svc.http.post('/api/housing/v1/priority-schemes').set(auth(h.officer)).send({ name: 'x', factors: [{ factor: 'WAITING_DAYS', weight: 1 }, { factor: 'URGENCY', weight: 30.5 }, { factor: 'ORIGIN_MUNICIPALITY', weight: 10 }] });
    expect(s.status).toBe(201);
    const a = await h.svc.http.post(`/api/housing/v1/priority-schemes/${s.body.id}/activate`).set(auth(h.officer)).send({ activeFrom: '2026-11-23' });
    expect(a.body).toMatchObject({ status: 'ACTIVE', inForce: true });
    const e = await h.svc.http.post('/api/housing/v1/waitlist').set(auth(h.officer)).send({ personId: '3f0c5a8e-1c7a-4d3b-9a51-1c2f3e4d5a6b', bsn: '111222333', municipality: GM_LEIDEN, facilityType: 'INTRAMURAL_PROTECTED_HOUSING', waitingSince: '2026-01-01' });
    expect(e.status).toBe(201);
    console.log(JSON.stringify(e.body));
    const x = await h.svc.http.get(`/api/housing/v1/waitlist/${e.body.id}/explanation`).set(auth(h.officer));
    console.log(JSON.stringify(x.body));
  });
});
