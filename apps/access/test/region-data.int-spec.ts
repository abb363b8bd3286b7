import { Role } from '@vangnet/contracts';
import { TestContext, TestService } from '@vangnet/testing';
import { AccessClient, actorsFor, LEIDEN, LEIDERDORP, OEGSTGEEST, REGION, startAccess } from './support/access';

type Change = { kind: string; key: string; version: number; changedBy: string; changedAt: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null };

/**
 * Issue 13, O3: the region's master data in access — life domains, decreed days, responsibility
 * rule sets, mandates — is changed only by a region administrator acting for every member
 * municipality, with If-Match, and every change is audited before and after.
 */
describe('access: region-wide master data, guarded and audited', () => {
  let ctx: TestContext;
  let svc: TestService;
  let admin: AccessClient;
  let partial: AccessClient;
  let decider: AccessClient;
  let auditor: AccessClient;
  let caseworker: AccessClient;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startAccess(ctx);
    admin = new AccessClient(svc, await ctx.token({ sub: 'ra-1', org: LEIDEN, roles: [Role.REGION_ADMINISTRATOR], municipalities: REGION }));
    partial = new AccessClient(svc, await ctx.token({ sub: 'ra-2', org: LEIDEN, roles: [Role.REGION_ADMINISTRATOR], municipalities: [LEIDEN, LEIDERDORP] }));
    // The right municipalities, the wrong role.
    decider = new AccessClient(svc, await ctx.token({ sub: 'dm-1', org: LEIDEN, roles: [Role.ACCESS_DECISION_MAKER], municipalities: REGION }));
    const actors = await actorsFor(ctx, [LEIDERDORP]);
    auditor = new AccessClient(svc, actors.auditor);
    caseworker = new AccessClient(svc, actors.caseworker);
  });

  afterAll(() => ctx.close());

  const changes = async (kind: string): Promise<Change[]> => (await auditor.get(`/region-data/changes?kind=${kind}`).expect(200)).body.items;

  /** The refusals every kind shares: wrong role, a token short of the region, no If-Match, a stale one. */
  async function expectGuarded(send: (client: AccessClient, headers: Record<string, string>) => Promise<{ status: number; body: { code?: string; invalidParams?: Array<{ name: string; code: string }> } }>, etag: string, stale: string) {
    await expect(send(decider, { 'If-Match': etag }).then((r) => r.status)).resolves.toBe(403);
    const short = await send(partial, { 'If-Match': etag });
    expect(short.status).toBe(403);
    expect(short.body.code).toBe('OUT_OF_SCOPE');
    expect(short.body.invalidParams).toEqual([expect.objectContaining({ name: 'municipalities', code: 'OUT_OF_SCOPE' })]);
    const missing = await send(admin, {});
    expect([missing.status, missing.body.code]).toEqual([428, 'PRECONDITION_REQUIRED']);
    const staleAnswer = await send(admin, { 'If-Match': stale });
    expect([staleAnswer.status, staleAnswer.body.code]).toEqual([412, 'PRECONDITION_FAILED']);
  }

  it('should guard and audit a life domain: a change with If-Match, an addition with If-None-Match', async () => {
    const before = (await admin.get('/life-domains').expect(200)).body.items.find((d: { code: string }) => d.code === 'FINANCES');
    const body = { label: 'Geld en schulden', active: true };
    await expectGuarded((c, h) => c.put('/life-domains/FINANCES', body, h), `W/"${before.revision}"`, 'W/"99"');
    const changed = await admin.put('/life-domains/FINANCES', body, { 'If-Match': `W/"${before.revision}"` }).expect(200);
    expect(changed.headers.etag).toBe(`W/"${before.revision + 1}"`);
    // An addition: If-None-Match: *, or 428; If-Match on a domain that does not exist is 412.
    await expect(admin.put('/life-domains/LOCAL_SPORT', { label: 'Sport', active: true }).then((r) => r.status)).resolves.toBe(428);
    await expect(admin.put('/life-domains/LOCAL_SPORT', { label: 'Sport', active: true }, { 'If-Match': 'W/"1"' }).then((r) => r.status)).resolves.toBe(412);
    await admin.put('/life-domains/LOCAL_SPORT', { label: 'Sport', active: true }, { 'If-None-Match': '*' }).expect(200);

    const trail = await changes('LIFE_DOMAIN');
    expect(trail.map((c) => [c.key, c.version, c.changedBy])).toEqual([
      ['LOCAL_SPORT', 1, `${LEIDEN}/ra-1`],
      ['FINANCES', before.revision + 1, `${LEIDEN}/ra-1`],
    ]);
    expect(trail[1].before).toMatchObject({ code: 'FINANCES', label: before.label, revision: before.revision });
    expect(trail[1].after).toMatchObject({ code: 'FINANCES', label: 'Geld en schulden', revision: before.revision + 1 });
    expect(trail[0].before).toBeNull();
    expect(new Date(trail[0].changedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('should guard and audit a decreed day against the calendar’s version', async () => {
    const calendar = await caseworker.get('/calendar/decreed-days').expect(200);
    const etag = calendar.headers.etag;
    expect(etag).toBe(`W/"${calendar.body.calendarVersion}"`);
    const day = { date: '2030-05-14', decree: 'Besluit gelijkstelling 2030' };
    await expectGuarded((c, h) => c.post('/calendar/decreed-days', day, h), etag, 'W/"0"');
    const added = await admin.post('/calendar/decreed-days', day, { 'If-Match': etag }).expect(201);
    expect(added.headers.etag).toBe(`W/"${calendar.body.calendarVersion + 1}"`);
    // The old ETag is stale now.
    await admin.post('/calendar/decreed-days', { ...day, date: '2030-05-15' }, { 'If-Match': etag }).expect(412);
    const [change] = await changes('DECREED_DAY');
    expect(change).toMatchObject({ key: '2030-05-14', version: calendar.body.calendarVersion + 1, changedBy: `${LEIDEN}/ra-1`, before: null, after: { ...day, calendarVersion: calendar.body.calendarVersion + 1 } });
  });

  it('should guard and audit a rule set, recording the open-ended one it closes before and after', async () => {
    const list = await caseworker.get('/responsibility-rule-sets').expect(200);
    const etag = list.headers.etag;
    const body = { scope: 'WMO_PROTECTED_HOUSING', regime: 'WOONPLAATSBEGINSEL_36288', centralMunicipality: LEIDEN, validFrom: '2035-01-01' };
    await expectGuarded((c, h) => c.post('/responsibility-rule-sets', body, h), etag, 'W/"99"');
    const added = await admin.post('/responsibility-rule-sets', body, { 'If-Match': etag }).expect(201);
    const version = Number(/W\/"(\d+)"/.exec(etag)?.[1]) + 1;
    expect(added.headers.etag).toBe(`W/"${version}"`);
    await expect(caseworker.get('/responsibility-rule-sets').then((r) => r.headers.etag)).resolves.toBe(`W/"${version}"`);
    const trail = await changes('RESPONSIBILITY_RULE_SET');
    const addition = trail.find((c) => c.key === added.body.id);
    expect(addition).toMatchObject({ version, before: null, after: { id: added.body.id, regime: 'WOONPLAATSBEGINSEL_36288', validFrom: '2035-01-01' } });
    const closed = trail.find((c) => c.key !== added.body.id);
    expect(closed).toMatchObject({ version, before: { validTo: null }, after: { validTo: '2034-12-31' } });
  });

  it('should guard and audit a mandate', async () => {
    const etag = (await caseworker.get('/mandates').expect(200)).headers.etag;
    const body = { mandatingMunicipality: LEIDEN, mandatedTeam: OEGSTGEEST, scopes: ['JEUGDWET'], validFrom: '2030-01-01' };
    await expectGuarded((c, h) => c.post('/mandates', body, h), etag, 'W/"99"');
    const added = await admin.post('/mandates', body, { 'If-Match': etag }).expect(201);
    await admin.post('/mandates', body, { 'If-Match': etag }).expect(412);
    const [change] = await changes('MANDATE');
    expect(change).toMatchObject({ key: added.body.id, changedBy: `${LEIDEN}/ra-1`, before: null, after: { id: added.body.id, mandatingMunicipality: LEIDEN, mandatedTeam: OEGSTGEEST } });
  });

  it('should show the audit trail to auditors and region administrators only, a page at a time', async () => {
    await caseworker.get('/region-data/changes').expect(403);
    const first = await admin.get('/region-data/changes?limit=2').expect(200);
    expect(first.body.items).toHaveLength(2);
    const next = await admin.get(`/region-data/changes?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(next.body.items[0]).not.toEqual(first.body.items[0]);
    const bad = await admin.get('/region-data/changes?kind=PERSON').expect(400);
    expect(bad.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['kind']);
    await admin.get(`/region-data/changes?cursor=${Buffer.from(JSON.stringify({ seq: 'x' })).toString('base64url')}`).expect(400);
  });
});
