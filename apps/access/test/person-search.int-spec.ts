import { Role } from '@vangnet/contracts';
import { TestContext, TestService } from '@vangnet/testing';
import { AppModule } from '../src/app.module';
import { ACCESS_APP_OPTIONS } from '../src/app.options';
import { AccessClient, actorsFor, bsnFor, createPerson, LEIDEN, LEIDERDORP } from './support/access';

/**
 * Issue 13, defect 4: a BSN in a URL ends up in access logs and problem `instance`s. The search
 * takes it in a POST body; `GET /v1/persons?bsn=` answers the same for one more version,
 * marked deprecated.
 */
describe('access: finding a person by BSN without the BSN in the URL', () => {
  let ctx: TestContext;
  let svc: TestService;
  let caseworker: AccessClient;
  let elsewhere: AccessClient;
  let auditor: AccessClient;
  let seed = 900;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await ctx.start(AppModule, ACCESS_APP_OPTIONS, { ACCESS_JOB_INTERVAL_MS: '0', VANGNET_OPENAPI: 'true' });
    const actors = await actorsFor(ctx);
    caseworker = new AccessClient(svc, actors.caseworker);
    auditor = new AccessClient(svc, actors.auditor);
    elsewhere = new AccessClient(svc, (await actorsFor(ctx, [LEIDERDORP])).caseworker);
  });

  afterAll(() => ctx.close());

  const personReads = async (bsn: string) =>
    (await auditor.get(`/processing-log?bsn=${bsn}&action=READ`).expect(200)).body.items.filter((i: { resource: string }) => i.resource === 'person');

  it('should answer POST /persons/search exactly as the GET, in the same scope, each logged once', async () => {
    const bsn = bsnFor(++seed);
    const personId = await createPerson(caseworker, { bsn });
    const searched = await caseworker.post('/persons/search', { bsn }).expect(200);
    expect(searched.headers['deprecation']).toBeUndefined();
    expect(searched.body.items.map((p: { id: string }) => p.id)).toEqual([personId]);
    await expect(personReads(bsn)).resolves.toHaveLength(1);

    const legacy = await caseworker.get(`/persons?bsn=${bsn}`).expect(200);
    expect(legacy.body).toEqual(searched.body);
    await expect(personReads(bsn)).resolves.toHaveLength(2);
    const [postRead, getRead] = (await personReads(bsn)).reverse();
    expect({ ...postRead, id: 0, at: 0, correlationId: 0 }).toEqual({ ...getRead, id: 0, at: 0, correlationId: 0 });
    expect(getRead.municipality).toBe(LEIDEN);

    // Another municipality: nothing, as the GET, and no read logged.
    await expect(elsewhere.post('/persons/search', { bsn }).expect(200)).resolves.toMatchObject({ body: { items: [] } });
    await expect(elsewhere.get(`/persons?bsn=${bsn}`).expect(200)).resolves.toMatchObject({ body: { items: [] } });
    // Unknown: nothing.
    await expect(caseworker.post('/persons/search', { bsn: bsnFor(++seed) }).expect(200)).resolves.toMatchObject({ body: { items: [] } });
    await expect(personReads(bsn)).resolves.toHaveLength(2);
  });

  it('should refuse a bad search body naming the field, and keep readers only', async () => {
    const bad = await caseworker.post('/persons/search', { bsn: '123456789' }).expect(400);
    expect(bad.body.invalidParams.map((p: { name: string; code: string }) => `${p.name} ${p.code}`)).toEqual(['bsn INVALID_BSN']);
    expect(bad.body.instance).toBe('/api/access/v1/persons/search');
    const missing = await caseworker.post('/persons/search', {}).expect(400);
    expect(missing.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['bsn']);
    const unknown = await caseworker.post('/persons/search', { bsn: bsnFor(++seed), name: 'x' }).expect(400);
    expect(unknown.body.invalidParams.map((p: { name: string; code: string }) => `${p.name} ${p.code}`)).toEqual(['name UNKNOWN_FIELD']);
    const provider = new AccessClient(svc, await ctx.token({ sub: 'p', org: 'AGB:98000001', roles: [Role.PROVIDER], municipalities: [LEIDEN] }));
    await provider.post('/persons/search', { bsn: bsnFor(++seed) }).expect(403);
  });

  it('should mark the ?bsn= form deprecated, in the answer and in OpenAPI, and point to the search', async () => {
    const legacy = await caseworker.get(`/persons?bsn=${bsnFor(++seed)}`).expect(200);
    expect(legacy.headers['deprecation']).toMatch(/^@\d+$/);
    expect(legacy.headers['link']).toBe('</api/access/v1/persons/search>; rel="successor-version"');
    const docs = (await svc.http.get('/api/access/docs-json').expect(200)).body;
    expect(docs.paths['/api/access/v1/persons'].get.deprecated).toBe(true);
    expect(docs.paths['/api/access/v1/persons/search'].post.deprecated).toBeUndefined();
    expect(docs.paths['/api/access/v1/persons/search'].post.requestBody).toBeDefined();
  });
});
