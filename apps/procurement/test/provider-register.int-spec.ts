import { Role } from '@vangnet/contracts';
import { auth, GM_LEIDEN, GM_LEIDERDORP, Procurement, provider, startProcurement } from './support';

// Issue 13, O3 (ADR 0027): the provider register is region-wide master data. Only a contract
// manager acting for every member municipality registers or changes a provider; a change needs
// If-Match; every registration and change is audited with who, when, before and after.
const A = '66680001';
const B = '66680002';

describe('the region’s provider register', () => {
  let p: Procurement;
  const url = (agb: string) => `/api/procurement/v1/providers/${agb}`;

  beforeAll(async () => {
    p = await startProcurement('2026-11-23');
  });

  afterAll(() => p.close());

  it('should refuse a contract manager of one municipality with 403 naming municipalities', async () => {
    const local = await p.ctx.token({ sub: 'leiden-only', org: GM_LEIDEN, roles: [Role.PROCUREMENT_CONTRACT_MANAGER], municipalities: [GM_LEIDEN, GM_LEIDERDORP] });
    const refused = await p.svc.http.post('/api/procurement/v1/providers').set(auth(local)).send(provider(B)).expect(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.invalidParams.map((x: { name: string }) => x.name)).toEqual(['municipalities']);
    expect(refused.body.detail ?? refused.body.title).toMatch(/GM0579/);
    await p.svc.http.get(url(B)).set(auth(p.manager)).expect(404);

    await p.svc.http.post('/api/procurement/v1/providers').set(auth(p.manager)).send(provider(A)).expect(201);
    const change = await p.svc.http.patch(url(A)).set(auth(local)).set('If-Match', 'W/"1"').send({ name: 'Not by Leiden alone' }).expect(403);
    expect(change.body.invalidParams.map((x: { name: string }) => x.name)).toEqual(['municipalities']);
    const unchanged = await p.svc.http.get(url(A)).set(auth(p.manager)).expect(200);
    expect(unchanged.body).toMatchObject({ name: `Provider ${A}`, version: 1 });
  });

  it('should need If-Match for a change: 428 without, 412 when stale, and audit each change with before and after', async () => {
    await p.svc.http.patch(url(A)).set(auth(p.manager)).send({ name: 'Zorg zonder If-Match' }).expect(428);
    await p.svc.http.patch(url(A)).set(auth(p.manager)).set('If-Match', 'W/"7"').send({ name: 'Zorg oud' }).expect(412);
    const read = await p.svc.http.get(url(A)).set(auth(p.manager)).expect(200);
    expect(read.headers.etag).toBe('W/"1"');
    const changed = await p.svc.http.patch(url(A)).set(auth(p.manager)).set('If-Match', read.headers.etag).send({ name: 'Zorggroep Rijnland bv', contact: { phone: '071 123 4567' } }).expect(200);
    expect(changed.headers.etag).toBe('W/"2"');

    const auditor = await p.ctx.token({ sub: 'auditor', org: GM_LEIDERDORP, roles: [Role.AUDITOR], municipalities: [GM_LEIDERDORP] });
    const audit = await p.svc.http.get(`${url(A)}/audit`).set(auth(auditor)).expect(200);
    expect(audit.body.items).toHaveLength(2);
    const [change, registration] = audit.body.items;
    expect(change).toMatchObject({
      agb: A,
      action: 'CHANGED',
      version: 2,
      changedBy: `${GM_LEIDEN}/manager`,
      changedByOrg: GM_LEIDEN,
      before: { name: `Provider ${A}`, version: 1, contact: { email: `info@${A}.example.nl` } },
      after: { name: 'Zorggroep Rijnland bv', version: 2, contact: { phone: '071 123 4567' } },
    });
    expect(new Date(change.changedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(registration).toMatchObject({ action: 'REGISTERED', version: 1, before: null, after: { agb: A, name: `Provider ${A}` } });
    // Refused and stale changes left no audit row and no change.
    const first = await p.svc.http.get(`${url(A)}/audit`).query({ limit: 1 }).set(auth(p.manager)).expect(200);
    expect(first.body.items.map((x: { action: string }) => x.action)).toEqual(['CHANGED']);
    const next = await p.svc.http.get(`${url(A)}/audit`).query({ limit: 1, cursor: first.body.nextCursor }).set(auth(p.manager)).expect(200);
    expect(next.body).toMatchObject({ items: [{ action: 'REGISTERED' }], nextCursor: null });

    // Other roles do not read the audit; an unknown provider has none.
    const caseworker = await p.ctx.token({ org: GM_LEIDEN, roles: [Role.ACCESS_CASEWORKER], municipalities: [GM_LEIDEN] });
    await p.svc.http.get(`${url(A)}/audit`).set(auth(caseworker)).expect(403);
    await p.svc.http.get(`${url('66689999')}/audit`).set(auth(auditor)).expect(404);
  });
});
