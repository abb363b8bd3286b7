import { Role } from '@vangnet/contracts';
import { auth, entry, GM_LEIDEN, GM_ZOETERWOUDE, Housing, placed, startHousing } from './support';

// Who reads what (ARCHITECTURE §6, README "Roles and scope"): an entry and a placement belong to
// the municipality that made them; the facility's municipality sees its places, not who lives
// there. The region's schemes and settings are for municipal tokens and the regional analyst.

describe('scope', () => {
  let h: Housing;
  let zoeterwoude: string;

  beforeAll(async () => {
    h = await startHousing('2026-11-23');
    // Acting for GM0638 alone, with every role a municipal token can hold here.
    zoeterwoude = await h.ctx.token({
      sub: 'zoeterwoude',
      org: GM_ZOETERWOUDE,
      roles: [Role.HOUSING_PLACEMENT_OFFICER, Role.AUDITOR, Role.REGIONAL_ANALYST, Role.REGION_ADMINISTRATOR],
      municipalities: [GM_ZOETERWOUDE],
    });
  });

  afterAll(() => h.close());

  it('should not show a GM0546 resident’s entry or placement to a GM0638-only token, also when the facility is in GM0638', async () => {
    const waiting = await entry(h, { municipality: GM_LEIDEN });
    const { facility: f, entry: e, placement: p } = await placed(h, { facility: { municipality: GM_ZOETERWOUDE }, entry: { municipality: GM_LEIDEN } });
    const ids = (items: Array<{ id: string; personId: string }>) => items.flatMap((i) => [i.id, i.personId]);

    // The municipality that made them sees them (so the checks below can fail).
    const leidenOpen = (await h.svc.http.get('/api/housing/v1/waitlist').set(auth(h.officer)).expect(200)).body.items;
    expect(ids(leidenOpen)).toContain(waiting.id);
    expect((await h.svc.http.get(`/api/housing/v1/placements/${p.id}`).set(auth(h.officer)).expect(200)).body.personId).toBe(e.personId);
    expect(ids((await h.svc.http.get('/api/housing/v1/placements').query({ facilityId: f.id }).set(auth(h.officer)).expect(200)).body.items)).toContain(p.id);

    // Lists: nothing of GM0546's residents, whatever the filter.
    for (const status of ['OPEN', 'PLACED']) {
      const list = (await h.svc.http.get('/api/housing/v1/waitlist').query({ status }).set(auth(zoeterwoude)).expect(200)).body.items;
      expect(ids(list)).not.toContain(waiting.id);
      expect(ids(list)).not.toContain(e.id);
      expect(ids(list)).not.toContain(e.personId);
    }
    const placements = (await h.svc.http.get('/api/housing/v1/placements').set(auth(zoeterwoude)).expect(200)).body.items;
    expect(ids(placements)).not.toContain(p.id);
    expect((await h.svc.http.get('/api/housing/v1/placements').query({ facilityId: f.id }).set(auth(zoeterwoude)).expect(200)).body.items).toEqual([]);
    expect((await h.svc.http.get('/api/housing/v1/placements').query({ personId: e.personId }).set(auth(zoeterwoude)).expect(200)).body.items).toEqual([]);
    const named = await h.svc.http.get('/api/housing/v1/placements').query({ municipality: GM_LEIDEN }).set(auth(zoeterwoude));
    expect(named.status === 403 || (named.status === 200 && named.body.items.length === 0)).toBe(true);

    // Details: 404, as for any record of another tenant.
    await h.svc.http.get(`/api/housing/v1/waitlist/${waiting.id}`).set(auth(zoeterwoude)).expect(404);
    await h.svc.http.get(`/api/housing/v1/waitlist/${e.id}`).set(auth(zoeterwoude)).expect(404);
    await h.svc.http.get(`/api/housing/v1/placements/${p.id}`).set(auth(zoeterwoude)).expect(404);

    // The facility's municipality still sees its place taken: occupancy, not the person.
    const place = (await h.svc.http.get(`/api/housing/v1/places/${f.places[0].id}`).set(auth(zoeterwoude)).expect(200)).body;
    expect(place.status).toBe('OCCUPIED');
    expect(JSON.stringify(place)).not.toContain(e.personId);
  });

  it('should refuse the region’s schemes and settings to a token without a role that reads them', async () => {
    const corporation = await h.ctx.token({ org: 'CORP:30000011', roles: [], municipalities: [GM_LEIDEN] });
    const provider = await h.ctx.token({ org: 'AGB:97200001', roles: [Role.PROVIDER], municipalities: [GM_LEIDEN] });
    for (const token of [corporation, provider]) {
      for (const path of ['/api/housing/v1/settings', '/api/housing/v1/priority-schemes']) {
        const res = await h.svc.http.get(path).set(auth(token)).expect(403);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
    }
    const analyst = await h.ctx.token({ org: 'ORG:12345678', roles: [Role.REGIONAL_ANALYST] });
    for (const token of [analyst, zoeterwoude, h.officer]) {
      await h.svc.http.get('/api/housing/v1/settings').set(auth(token)).expect(200);
      await h.svc.http.get('/api/housing/v1/priority-schemes').set(auth(token)).expect(200);
    }
  });
});
