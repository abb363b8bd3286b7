import { PARTNER_CHANGED_V1, PARTNER_REGISTERED_V1, PartnerSnapshotV1, Role } from '@vangnet/contracts';
import { Clock, DEMO_REGION } from '@vangnet/platform';
import { expectSchemaMatchesEntities, TestContext, TestService } from '@vangnet/testing';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AppModule } from '../src/app.module';
import { GATEWAY_OPTIONS } from '../src/gateway.app';
import { PartnerAnnouncer } from '../src/partners/partners.announcer';

describe('gateway partner registry', () => {
  let ctx: TestContext;
  let gateway: TestService;
  let dataDir: string;
  let admin: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    dataDir = mkdtempSync(join(tmpdir(), 'vangnet-gw-partners-'));
    gateway = await ctx.start(AppModule, GATEWAY_OPTIONS, { VANGNET_DATA_DIR: dataDir });
    admin = await ctx.token({ sub: 'rita', org: 'GM0546', roles: [Role.REGION_ADMINISTRATOR], municipalities: [...DEMO_REGION.municipalities] });
  });

  afterAll(async () => {
    await ctx.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const path = (org: string) => `/api/gateway/v1/partners/${encodeURIComponent(org)}`;

  it('should have a schema that matches its entities', async () => {
    await expectSchemaMatchesEntities(gateway);
  });

  it('should register an ORG: access team for member municipalities, audited and published once through the outbox', async () => {
    const registered = await ctx.probe<PartnerSnapshotV1>(PARTNER_REGISTERED_V1);
    const res = await gateway.http
      .post('/api/gateway/v1/partners')
      .set('Authorization', `Bearer ${admin}`)
      .send({ org: 'ORG:12345678', name: 'Sociaal Team Leiden', scopes: ['api.access'], accessTeamFor: ['GM0546', 'GM0547'] })
      .expect(201);
    expect(res.headers.etag).toBe('W/"1"');
    expect(res.body).toMatchObject({ org: 'ORG:12345678', kind: 'ORG', scopes: ['api.access'], accessTeamFor: ['GM0546', 'GM0547'], active: true, revision: 1, rateLimitPerMinute: null });
    const event = await registered.next((e) => e.data.org === 'ORG:12345678');
    expect(event.data).toEqual({ org: 'ORG:12345678', kind: 'ORG', name: 'Sociaal Team Leiden', scopes: ['api.access'], accessTeamFor: ['GM0546', 'GM0547'], active: true, revision: 1 });
    expect(event.municipality).toBeNull();
    const again = await gateway.http.post('/api/gateway/v1/partners').set('Authorization', `Bearer ${admin}`).send({ org: 'ORG:12345678', name: 'Twice', scopes: [] }).expect(409);
    expect(again.body.code).toBe('PARTNER_EXISTS');
    expect(registered.matching((e) => e.data.org === 'ORG:12345678')).toHaveLength(1);
  });

  it('should refuse bad input as 400 naming the field', async () => {
    const post = (body: object) => gateway.http.post('/api/gateway/v1/partners').set('Authorization', `Bearer ${admin}`).send(body).expect(400);
    const cases: Array<[object, string, string]> = [
      [{ org: 'AGB:12345678', name: 'Zorg BV', scopes: ['api.finance', 'api.everything'] }, 'scopes[1]', 'UNKNOWN_SCOPE'],
      [{ org: 'CORP:87654321', name: 'Woonstichting', scopes: ['webhooks.assignments'] }, 'scopes[0]', 'SCOPE_NOT_FOR_KIND'],
      [{ org: 'ORG:', name: 'Nobody', scopes: [] }, 'org', 'INVALID_ORG'],
      [{ org: 'GM0546', name: 'A municipality', scopes: [] }, 'org', 'INVALID_ORG'],
      [{ org: 'AGB:12345678', name: 'Zorg BV', scopes: [], accessTeamFor: ['GM0546'] }, 'accessTeamFor', 'ACCESS_TEAM_ONLY_FOR_ORG'],
      [{ org: 'ORG:11112222', name: 'Elders', scopes: [], accessTeamFor: ['GM0546', 'GM0363'] }, 'accessTeamFor[1]', 'NOT_A_MEMBER'],
    ];
    for (const [body, name, code] of cases) {
      const res = await post(body);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect({ name, code, got: res.body.invalidParams }).toEqual({ name, code, got: [expect.objectContaining({ name, code })] });
    }
    const shape = await post({ org: 'AGB:12345678', name: '', scopes: 'api.finance', rateLimitPerMinute: 0 });
    expect([...new Set(shape.body.invalidParams.map((p: { name: string }) => p.name))].sort()).toEqual(['name', 'rateLimitPerMinute', 'scopes']);
  });

  it('should let only a region administrator acting for every member municipality change the registry', async () => {
    const partial = await ctx.token({ sub: 'piet', org: 'GM0546', roles: [Role.REGION_ADMINISTRATOR], municipalities: ['GM0546'] });
    const res = await gateway.http.post('/api/gateway/v1/partners').set('Authorization', `Bearer ${partial}`).send({ org: 'AGB:22223333', name: 'Zorg', scopes: [] }).expect(403);
    expect(res.body.code).toBe('OUT_OF_SCOPE');
    const caseworker = await ctx.token({ org: 'GM0546', roles: [Role.ACCESS_CASEWORKER], municipalities: [...DEMO_REGION.municipalities] });
    await gateway.http.post('/api/gateway/v1/partners').set('Authorization', `Bearer ${caseworker}`).send({ org: 'AGB:22223333', name: 'Zorg', scopes: [] }).expect(403);
    await gateway.http.get('/api/gateway/v1/partners').set('Authorization', `Bearer ${caseworker}`).expect(403);
    await gateway.http.get('/api/gateway/v1/partners').expect(401);
  });

  it('should change a partner only with a current If-Match, audit each revision and publish the change', async () => {
    const changed = await ctx.probe<PartnerSnapshotV1>(PARTNER_CHANGED_V1);
    await gateway.http.post('/api/gateway/v1/partners').set('Authorization', `Bearer ${admin}`).send({ org: 'AGB:33334444', name: 'Zorg Zuid', scopes: ['api.finance'] }).expect(201);
    const got = await gateway.http.get(path('AGB:33334444')).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(got.headers.etag).toBe('W/"1"');
    const change = { name: 'Zorg Zuid BV', scopes: ['api.finance', 'webhooks.declarations'], active: true, rateLimitPerMinute: 120 };
    const missing = await gateway.http.put(path('AGB:33334444')).set('Authorization', `Bearer ${admin}`).send(change).expect(428);
    expect(missing.body.code).toBe('PRECONDITION_REQUIRED');
    const ok = await gateway.http.put(path('AGB:33334444')).set('Authorization', `Bearer ${admin}`).set('If-Match', 'W/"1"').send(change).expect(200);
    expect(ok.headers.etag).toBe('W/"2"');
    expect(ok.body).toMatchObject({ revision: 2, rateLimitPerMinute: 120, scopes: ['api.finance', 'webhooks.declarations'] });
    const stale = await gateway.http.put(path('AGB:33334444')).set('Authorization', `Bearer ${admin}`).set('If-Match', 'W/"1"').send({ ...change, active: false }).expect(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    const same = await gateway.http.put(path('AGB:33334444')).set('Authorization', `Bearer ${admin}`).set('If-Match', 'W/"2"').send(change).expect(422);
    expect(same.body.code).toBe('NOTHING_TO_CHANGE');
    const event = await changed.next((e) => e.data.org === 'AGB:33334444');
    expect(event.data).toMatchObject({ revision: 2, name: 'Zorg Zuid BV', active: true });
    const audit = await gateway.http.get(`${path('AGB:33334444')}/revisions`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(audit.body.items.map((r: { revision: number; changedBy: string }) => [r.revision, r.changedBy])).toEqual([
      [1, 'GM0546/rita'],
      [2, 'GM0546/rita'],
    ]);
    const unknown = await gateway.http.put(path('AGB:99998888')).set('Authorization', `Bearer ${admin}`).set('If-Match', 'W/"1"').send(change).expect(404);
    expect(unknown.body.code).toBe('PARTNER_NOT_FOUND');
    const list = await gateway.http.get('/api/gateway/v1/partners').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(list.body.items.map((p: { org: string }) => p.org)).toEqual(expect.arrayContaining(['AGB:33334444', 'ORG:12345678']));
  });

  it('should publish every partner again before its last event can expire from the stream, once per period, as it was', async () => {
    const announcer = gateway.app.get(PartnerAnnouncer);
    const clock = gateway.app.get(Clock);
    const registered = await ctx.probe<PartnerSnapshotV1>(PARTNER_REGISTERED_V1);
    const changed = await ctx.probe<PartnerSnapshotV1>(PARTNER_CHANGED_V1);
    // Just announced (the tests above): nothing is due.
    expect(await announcer.run()).toBe(0);
    // Half the streams' max_age (15 of 30 days) later, each partner's current revision is due.
    clock.advance(15 * 24 * 3600_000 + 60_000);
    expect(await announcer.run()).toBeGreaterThanOrEqual(2);
    const again = await registered.next((e) => e.data.org === 'ORG:12345678' && !!e.correlationId?.startsWith('job:PartnerAnnouncer'));
    expect(again.data).toEqual({ org: 'ORG:12345678', kind: 'ORG', name: 'Sociaal Team Leiden', scopes: ['api.access'], accessTeamFor: ['GM0546', 'GM0547'], active: true, revision: 1 });
    expect((await changed.next((e) => e.data.org === 'AGB:33334444' && !!e.correlationId?.startsWith('job:PartnerAnnouncer'))).data).toMatchObject({ revision: 2, name: 'Zorg Zuid BV' });
    // Asked again at once: each partner was announced once, and nothing is due for another period.
    const [a, b] = await Promise.all([announcer.run(), announcer.run()]);
    expect(a + b).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    const byAnnouncer = (e: { correlationId?: string | null }) => !!e.correlationId?.startsWith('job:PartnerAnnouncer');
    expect(registered.matching((e) => e.data.org === 'ORG:12345678' && byAnnouncer(e))).toHaveLength(1);
    expect(changed.matching((e) => e.data.org === 'AGB:33334444' && byAnnouncer(e))).toHaveLength(1);
    // No revision was made by it: the audit trail is the administrators' changes only.
    const history = await gateway.http.get(`${path('ORG:12345678')}/revisions`).set('Authorization', `Bearer ${admin}`).expect(200);
    expect(history.body.items ?? history.body).toHaveLength(1);
  });
});
