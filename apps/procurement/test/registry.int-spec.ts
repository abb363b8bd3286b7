import { Role, SUBSIDY_GRANTED_V1, SubsidyGrantedV1 } from '@vangnet/contracts';
import { expectSchemaMatchesEntities } from '@vangnet/testing';
import { auth, contract, GM_LEIDEN, GM_LEIDERDORP, GM_OEGSTGEEST, Procurement, provider, startProcurement } from './support';

// Each test registers its own providers; the lowest AGB codes are the paging test's, so its first page is its own.
const A = '66660001';
const ORG = '66660002';

describe('providers, rounds, waiting times and subsidies', () => {
  let p: Procurement;
  const post = (path: string, body: unknown, token = p.manager) => p.svc.http.post(`/api/procurement/v1${path}`).set(auth(token)).send(body as object);

  const register = async (agb: string, org: string) => {
    await post('/providers', provider(agb, 'Zorggroep Rijnland')).expect(201);
    await post('/providers', { ...provider(org, 'Vrijwilligerscentrale'), kind: 'SUBSIDISED_ORGANISATION' }).expect(201);
  };

  beforeAll(async () => {
    p = await startProcurement('2026-11-23', { VANGNET_OPENAPI: 'true' });
  });

  afterAll(() => p.close());

  it('should have entities that match its migrated schema', () => expectSchemaMatchesEntities(p.svc));

  it('should register providers, name bad fields, update with If-Match and show a provider only itself', async () => {
    await register(A, ORG);
    const bad = await post('/providers', { agb: '123', kvk: 'x', name: '', kind: 'SHOP', contact: { email: 'no' } }).expect(400);
    expect(bad.body.invalidParams.map((x: { name: string }) => x.name).sort()).toEqual(['agb', 'contact.email', 'kind', 'kvk', 'name']);
    const url = `/api/procurement/v1/providers/${A}`;
    await p.svc.http.patch(url).set(auth(p.manager)).set('If-Match', 'W/"9"').send({ name: 'Zorggroep Rijnland bv' }).expect(412);
    const patched = await p.svc.http.patch(url).set(auth(p.manager)).set('If-Match', 'W/"1"').send({ name: 'Zorggroep Rijnland bv' }).expect(200);
    expect(patched.body).toMatchObject({ name: 'Zorggroep Rijnland bv', version: 2, contact: { email: `info@${A}.example.nl` } });
    const own = await p.ctx.token({ org: `AGB:${A}`, roles: [Role.PROVIDER] });
    const list = await p.svc.http.get('/api/procurement/v1/providers').set(auth(own)).expect(200);
    expect(list.body.items.map((x: { agb: string }) => x.agb)).toEqual([A]);
    await p.svc.http.get(`/api/procurement/v1/providers/${ORG}`).set(auth(own)).expect(404);
    const corporation = await p.ctx.token({ org: 'CORP:30000001', roles: [Role.CORPORATION] });
    await p.svc.http.get('/api/procurement/v1/providers').set(auth(corporation)).expect(403);
    const page = await p.svc.http.get('/api/procurement/v1/providers').query({ limit: 1 }).set(auth(p.manager)).expect(200);
    expect(page.body.items).toHaveLength(1);
    const next = await p.svc.http.get('/api/procurement/v1/providers').query({ limit: 1, cursor: page.body.nextCursor }).set(auth(p.manager)).expect(200);
    expect(next.body.items.map((x: { agb: string }) => x.agb)).toEqual([ORG]);
  });

  it('should hold a contract to its round’s lots and municipalities', async () => {
    const [A, ORG] = ['66660011', '66660012'];
    await register(A, ORG);
    const round = await post('/rounds', { name: 'Wmo begeleiding 2027', municipalities: [GM_LEIDEN, GM_LEIDERDORP], lots: [{ code: 'L1', name: 'Begeleiding' }] }).expect(201);
    const term = { start: '2027-01-01', end: '2028-12-31' };
    const products = [{ product: { category: '02' }, tariffs: [{ year: 2027, tariffCents: 6600 }] }];
    const res = await post('/contracts', contract('R-1', A, [GM_LEIDEN, GM_OEGSTGEEST], term, products, { roundId: round.body.id, lot: 'L9' })).expect(422);
    expect(res.body.code).toBe('LOT_NOT_IN_ROUND');
    const outside = await post('/contracts', contract('R-1', A, [GM_LEIDEN, GM_OEGSTGEEST], term, products, { roundId: round.body.id, lot: 'L1' })).expect(422);
    expect(outside.body.invalidParams).toEqual([expect.objectContaining({ name: 'municipalities[1]', code: 'MUNICIPALITY_NOT_IN_ROUND' })]);
    const ok = await post('/contracts', contract('R-1', A, [GM_LEIDEN], term, products, { roundId: round.body.id, lot: 'L1', subcontractors: [ORG] })).expect(201);
    expect(ok.body).toMatchObject({ roundId: round.body.id, lot: 'L1', subcontractors: [ORG] });
  });

  it('should compare reported waiting times with the norm, the code’s own before the category’s', async () => {
    const [A, ORG] = ['66660021', '66660022'];
    await register(A, ORG);
    const own = await p.ctx.token({ org: `AGB:${A}`, roles: [Role.PROVIDER] });
    await p.svc.http.put('/api/procurement/v1/waiting-time-norms').set(auth(p.manager)).send({ product: { category: '02' }, normDays: 42 }).expect(200);
    await p.svc.http.put('/api/procurement/v1/waiting-time-norms').set(auth(p.manager)).send({ product: { category: '02', code: '02A01' }, normDays: 28 }).expect(200);
    await post('/waiting-times', { providerAgb: A, product: { category: '02', code: '02A01' }, waitingDays: 30, measuredOn: '2026-11-01' }, own).expect(201);
    await post('/waiting-times', { providerAgb: A, product: { category: '02' }, waitingDays: 30, measuredOn: '2026-11-01' }, own).expect(201);
    await post('/waiting-times', { providerAgb: ORG, product: { category: '02' }, waitingDays: 3, measuredOn: '2026-11-01' }, own).expect(403);
    const future = await post('/waiting-times', { providerAgb: A, product: { category: '02' }, waitingDays: 3, measuredOn: '2026-12-01' }, own).expect(400);
    expect(future.body.invalidParams).toEqual([expect.objectContaining({ name: 'measuredOn' })]);
    const list = await p.svc.http.get('/api/procurement/v1/waiting-times').query({ providerAgb: A }).set(auth(p.manager)).expect(200);
    expect(list.body.items).toEqual([
      { providerAgb: A, product: { category: '02' }, waitingDays: 30, measuredOn: '2026-11-01', normDays: 42, exceedsNorm: false },
      { providerAgb: A, product: { category: '02', code: '02A01' }, waitingDays: 30, measuredOn: '2026-11-01', normDays: 28, exceedsNorm: true },
    ]);
  });

  it('should grant a subsidy with instalments adding up to the grant, and tell finance', async () => {
    const [A, ORG] = ['66660031', '66660032'];
    await register(A, ORG);
    const granted = await p.ctx.probe<SubsidyGrantedV1>(SUBSIDY_GRANTED_V1);
    const wrong = await post('/subsidies', { organisationAgb: ORG, municipality: GM_LEIDEN, year: 2027, amountCents: 100_000, purpose: 'Vrijwilligerswerk', conditions: [], instalments: [{ dueDate: '2027-01-01', amountCents: 99_999 }] }).expect(400);
    expect(wrong.body.invalidParams).toEqual([expect.objectContaining({ name: 'instalments', code: 'INSTALMENTS_SUM_MISMATCH' })]);
    const res = await post('/subsidies', { reference: 'S-2027-1', organisationAgb: ORG, municipality: GM_LEIDEN, year: 2027, amountCents: 100_001, purpose: 'Vrijwilligerswerk', conditions: ['jaarverslag vóór 1 mei'] }).expect(201);
    expect(res.body.instalments.map((i: { amountCents: number }) => i.amountCents)).toEqual([25_001, 25_000, 25_000, 25_000]);
    const event = await granted.next((e) => e.data.subsidyId === res.body.subsidyId);
    expect(event).toMatchObject({ municipality: GM_LEIDEN, data: { organisationAgb: ORG, amountCents: 100_001, reference: 'S-2027-1' } });
    const own = await p.ctx.token({ org: `AGB:${ORG}`, roles: [Role.PROVIDER] });
    await p.svc.http.get(`/api/procurement/v1/subsidies/${res.body.subsidyId}`).set(auth(own)).expect(200);
    const other = await p.ctx.token({ org: `AGB:${A}`, roles: [Role.PROVIDER] });
    await p.svc.http.get(`/api/procurement/v1/subsidies/${res.body.subsidyId}`).set(auth(other)).expect(404);
  });

  it('should describe its API in OpenAPI from the same classes that validate', async () => {
    const docs = await p.svc.http.get('/api/procurement/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/procurement/v1/contracts', '/api/procurement/v1/contract-check', '/api/procurement/v1/ceilings/{agb}/{municipality}/{year}']));
    expect(docs.body.components.schemas.CreateContractRequest.required).toEqual(expect.arrayContaining(['reference', 'providerAgb', 'term', 'products']));
  });
});
