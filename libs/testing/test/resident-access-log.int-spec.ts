import { Body, Controller, HttpCode, Module, Post, Type } from '@nestjs/common';
import { Caller, CurrentCaller, ProcessingAction, ProcessingLog, pseudonymize, Roles } from '@vangnet/auth';
import { IsBsn, IsMunicipalityCode, PROCESSING_LOG_RESPONDERS, processingLogSearchSubject, Role, ServiceName } from '@vangnet/contracts';
import { natsPermissions, RpcClient } from '@vangnet/messaging';
import { PlatformModule, ResidentAccessLogModule } from '@vangnet/platform';
import { TestContext, TestService } from '../src';

// The resident's access log (AVG art. 15; issue 18, issue 13 #4; docs/adr/0012): every service
// answers <service>.processing-log.search over NATS, access gathers them in one answer, limited to
// what was made by or for the auditor's municipalities. Three services of the real platform (their
// PlatformModule, processing log, NATS responder) with a route each that reads a resident's data
// and writes its processing-log record, as the domain services do.

const LEIDEN = 'GM0546';
const LEIDERDORP = 'GM0547';

/** Nine digits passing the eleven-proof. */
function bsnFor(seed: number): string {
  for (const prefix of [30_000_000 + seed * 2, 30_000_000 + seed * 2 + 1]) {
    const s = String(prefix);
    let sum = 0;
    for (let k = 0; k < 8; k++) sum += Number(s[k]) * (9 - k);
    if (sum % 11 < 10) return s + String(sum % 11);
  }
  throw new Error('unreachable');
}

class ReadRequest {
  @IsBsn()
  bsn!: string;

  @IsMunicipalityCode()
  municipality!: string;
}

function serviceModule(service: ServiceName, extra: Type<unknown>[] = []): Type<unknown> {
  @Controller('v1/residents')
  class ResidentReads {
    constructor(private readonly log: ProcessingLog) {}

    /** Reads a resident's data for a municipality: one processing-log record. */
    @Post('read')
    @HttpCode(200)
    @Roles(Role.ACCESS_CASEWORKER)
    async read(@Body() body: ReadRequest, @CurrentCaller() caller: Caller): Promise<{ read: true }> {
      if (!caller.municipalities.includes(body.municipality)) throw new Error('test misuse: read outside the caller’s municipalities');
      await this.log.record({ bsn: body.bsn, action: ProcessingAction.READ, purpose: `case file (${service})`, legalBasis: 'Wmo 2015 art. 2.3.2', resource: `${service}-record`, resourceId: body.municipality, municipality: body.municipality });
      return { read: true };
    }
  }

  @Module({ imports: [PlatformModule.forService({ service }), ...extra], controllers: [ResidentReads] })
  class ServiceModule {}
  return ServiceModule;
}

describe('the resident’s access log across services', () => {
  let ctx: TestContext;
  let access: TestService;
  let housing: TestService;
  let finance: TestService;
  const resident = bsnFor(1);
  const other = bsnFor(2);

  beforeAll(async () => {
    ctx = await TestContext.create();
    access = await ctx.start(serviceModule('access', [ResidentAccessLogModule]), { service: 'access' });
    housing = await ctx.start(serviceModule('housing'), { service: 'housing' });
    finance = await ctx.start(serviceModule('finance'), { service: 'finance' });
  });

  afterAll(() => ctx.close());

  const read = async (svc: TestService, service: string, token: string, bsn: string, municipality: string) =>
    svc.http.post(`/api/${service}/v1/residents/read`).set('Authorization', `Bearer ${token}`).send({ bsn, municipality }).expect(200);

  it('should list the reads each service made, for the auditor’s municipalities only, in one answer', async () => {
    const leiden = await ctx.token({ sub: 'cw-leiden', org: LEIDEN, roles: [Role.ACCESS_CASEWORKER], municipalities: [LEIDEN] });
    const leiderdorp = await ctx.token({ sub: 'cw-leiderdorp', org: LEIDERDORP, roles: [Role.ACCESS_CASEWORKER], municipalities: [LEIDERDORP] });
    await read(access, 'access', leiden, resident, LEIDEN);
    await read(housing, 'housing', leiden, resident, LEIDEN);
    await read(finance, 'finance', leiden, resident, LEIDEN);
    // Another municipality's reads of the same resident, and another resident's.
    await read(housing, 'housing', leiderdorp, resident, LEIDERDORP);
    await read(finance, 'finance', leiderdorp, resident, LEIDERDORP);
    await read(finance, 'finance', leiden, other, LEIDEN);

    const auditor = await ctx.token({ sub: 'auditor-leiden', org: LEIDEN, roles: [Role.AUDITOR], municipalities: [LEIDEN] });
    const res = await access.http.post('/api/access/v1/resident-access-log').set('Authorization', `Bearer ${auditor}`).send({ bsn: resident }).expect(200);
    const items: Array<Record<string, unknown>> = res.body.items;
    expect(items.map((i) => i.service).sort()).toEqual(['access', 'finance', 'housing']);
    for (const i of items) {
      expect(i).toMatchObject({ organisation: LEIDEN, actor: 'cw-leiden', roles: [Role.ACCESS_CASEWORKER], action: 'READ', municipality: LEIDEN, legalBasis: 'Wmo 2015 art. 2.3.2' });
      expect(i.purpose).toBe(`case file (${i.service})`);
      expect(new Date(i.at as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
    }
    // Newest first.
    expect([...items].sort((a, b) => ((a.at as string) < (b.at as string) ? 1 : -1)).map((i) => i.at)).toEqual(items.map((i) => i.at));
    // Nothing of Leiderdorp's, nothing about the other resident, no BSN or pseudonym in the answer.
    expect(JSON.stringify(res.body)).not.toContain(LEIDERDORP);
    expect(JSON.stringify(res.body)).not.toContain(resident);
    expect(JSON.stringify(res.body)).not.toContain(pseudonymize(resident));
    // Which services answered; the ones not running here are named, and the answer says it is incomplete.
    const outcome = Object.fromEntries(res.body.services.map((s: { service: string; outcome: string }) => [s.service, s.outcome]));
    expect(outcome).toEqual({ access: 'ANSWERED', housing: 'ANSWERED', finance: 'ANSWERED', 'care-plans': 'NO_RESPONDER', procurement: 'NO_RESPONDER', exchange: 'NO_RESPONDER' });
    expect(res.body.complete).toBe(false);

    // Leiderdorp's auditor sees Leiderdorp's reads only.
    const theirAuditor = await ctx.token({ sub: 'auditor-leiderdorp', org: LEIDERDORP, roles: [Role.AUDITOR], municipalities: [LEIDERDORP] });
    const theirs = await access.http.post('/api/access/v1/resident-access-log').set('Authorization', `Bearer ${theirAuditor}`).send({ bsn: resident }).expect(200);
    expect(theirs.body.items.map((i: { service: string; municipality: string }) => `${i.service} ${i.municipality}`).sort()).toEqual(['finance GM0547', 'housing GM0547']);

    // Gathering is itself logged (in access, under the auditor's organisation): the next answer shows it.
    const again = await access.http.post('/api/access/v1/resident-access-log').set('Authorization', `Bearer ${auditor}`).send({ bsn: resident }).expect(200);
    expect(again.body.items.filter((i: { resource: string }) => i.resource === 'resident-access-log')).toEqual([
      expect.objectContaining({ service: 'access', organisation: LEIDEN, actor: 'auditor-leiden', roles: [Role.AUDITOR], municipality: null }),
    ]);
  });

  it('should refuse a bad BSN and a caller without the auditor role', async () => {
    const auditor = await ctx.token({ sub: 'auditor-leiden', org: LEIDEN, roles: [Role.AUDITOR], municipalities: [LEIDEN] });
    const bad = await access.http.post('/api/access/v1/resident-access-log').set('Authorization', `Bearer ${auditor}`).send({ bsn: '123456789' }).expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['bsn']);
    const caseworker = await ctx.token({ org: LEIDEN, roles: [Role.ACCESS_CASEWORKER], municipalities: [LEIDEN] });
    await access.http.post('/api/access/v1/resident-access-log').set('Authorization', `Bearer ${caseworker}`).send({ bsn: resident }).expect(403);
  });

  it('should let only access’s NATS user ask, and each service answer only its own subject (O5)', () => {
    const subjects = PROCESSING_LOG_RESPONDERS.map(processingLogSearchSubject);
    expect(natsPermissions('access').publish.allow).toEqual(expect.arrayContaining(subjects));
    expect(natsPermissions('finance').publish.allow).not.toContain(processingLogSearchSubject('housing'));
    expect(natsPermissions('housing').subscribe.allow).toContain('housing.>');
    expect(natsPermissions('housing').subscribe.allow.some((s) => s.startsWith('finance.'))).toBe(false);
  });

  it('should answer <service>.processing-log.search to access only, and refuse an invalid question', async () => {
    const question = { pseudonym: pseudonymize(resident), municipalities: [LEIDEN] };
    await expect(finance.app.get(RpcClient).request(processingLogSearchSubject('housing'), question)).rejects.toMatchObject({ code: 'CALLER_NOT_ALLOWED' });
    const answer = await access.app.get(RpcClient).request<{ items: unknown[] }>(processingLogSearchSubject('housing'), question);
    expect(answer.items).toEqual([expect.objectContaining({ actorOrg: LEIDEN, municipality: LEIDEN, action: 'READ' })]);
    await expect(access.app.get(RpcClient).request(processingLogSearchSubject('housing'), { pseudonym: 'x', municipalities: [] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      invalidParams: expect.arrayContaining([expect.objectContaining({ name: 'pseudonym' }), expect.objectContaining({ name: 'municipalities' })]),
    });
  });

  it('should search one service’s log by a BSN in the body, and keep the deprecated ?bsn= form for one version', async () => {
    const auditor = await ctx.token({ sub: 'auditor-leiden', org: LEIDEN, roles: [Role.AUDITOR], municipalities: [LEIDEN] });
    const found = await housing.http.post('/api/housing/v1/processing-log/search').set('Authorization', `Bearer ${auditor}`).send({ bsn: resident, action: 'READ' }).expect(200);
    expect(found.body.items).toEqual([expect.objectContaining({ actorOrg: LEIDEN, actorRoles: [Role.ACCESS_CASEWORKER], municipality: LEIDEN })]);
    expect(found.headers['deprecation']).toBeUndefined();
    const missing = await housing.http.post('/api/housing/v1/processing-log/search').set('Authorization', `Bearer ${auditor}`).send({}).expect(400);
    expect(missing.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['bsn']);
    const bad = await housing.http.post('/api/housing/v1/processing-log/search').set('Authorization', `Bearer ${auditor}`).send({ bsn: '12345' }).expect(400);
    expect(bad.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['bsn']);
    expect(JSON.stringify(bad.body)).not.toContain('12345');

    const legacy = await housing.http.get('/api/housing/v1/processing-log').query({ bsn: resident }).set('Authorization', `Bearer ${auditor}`).expect(200);
    expect(legacy.body.items).toEqual(found.body.items);
    expect(legacy.headers['deprecation']).toMatch(/^@\d+$/);
    expect(new Date(legacy.headers['sunset']).getTime()).toBeGreaterThan(Date.now());
    expect(legacy.headers['link']).toBe('</api/housing/v1/processing-log/search>; rel="successor-version"');
  });
});
