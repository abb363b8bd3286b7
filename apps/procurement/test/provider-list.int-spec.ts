import { Role } from '@vangnet/contracts';
import { providerPageQuery } from '../src/providers/providers.repository';
import { auth, GM_LEIDEN, Procurement, provider, startProcurement } from './support';

// The register's list read runs one prepared statement per combination of filters (ADR 0062):
// every filter, the cursor, a provider's own scope and the query's validation, through the API.
describe('the provider register’s list', () => {
  let p: Procurement;
  const list = (query: Record<string, string | number>, token = p.manager) => p.svc.http.get('/api/procurement/v1/providers').query(query).set(auth(token));
  const agbs = (res: { body: { items: Array<{ agb: string }> } }) => res.body.items.map((x) => x.agb);

  beforeAll(async () => {
    p = await startProcurement('2026-11-23');
    const register = (body: object) => p.svc.http.post('/api/procurement/v1/providers').set(auth(p.manager)).send(body).expect(201);
    await register(provider('71000001', 'Zorg 100% Thuis'));
    await register(provider('71000002', 'Zorg_Thuis'));
    await register(provider('71000003', 'Zorgthuis Noord'));
    await register({ ...provider('71000004', 'Wonen Thuis'), kind: 'HOUSING_CORPORATION' });
    await register({ ...provider('71000005', 'Buurthuis'), kind: 'SUBSIDISED_ORGANISATION' });
  });

  afterAll(() => p.close());

  it('should page by AGB code with a cursor, in the shape of the register', async () => {
    const first = await list({ limit: 2 }).expect(200);
    expect(agbs(first)).toEqual(['71000001', '71000002']);
    expect(first.body.items[0]).toEqual({
      agb: '71000001',
      kvk: '41000001',
      name: 'Zorg 100% Thuis',
      kind: 'CARE_PROVIDER',
      contact: { email: 'info@71000001.example.nl' },
      version: 1,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const second = await list({ limit: 2, cursor: first.body.nextCursor }).expect(200);
    expect(agbs(second)).toEqual(['71000003', '71000004']);
    const last = await list({ limit: 2, cursor: second.body.nextCursor }).expect(200);
    expect(agbs(last)).toEqual(['71000005']);
    expect(last.body.nextCursor).toBeNull();
  });

  it('should filter on kind and on part of the name, where % and _ match themselves', async () => {
    expect(agbs(await list({ kind: 'HOUSING_CORPORATION' }).expect(200))).toEqual(['71000004']);
    expect(agbs(await list({ name: 'ZORG' }).expect(200))).toEqual(['71000001', '71000002', '71000003']);
    expect(agbs(await list({ name: 'thuis' }).expect(200))).toEqual(['71000001', '71000002', '71000003', '71000004', '71000005']);
    expect(agbs(await list({ name: '%' }).expect(200))).toEqual(['71000001']);
    expect(agbs(await list({ name: '_' }).expect(200))).toEqual(['71000002']);
    expect(agbs(await list({ name: 'thuis', kind: 'CARE_PROVIDER', limit: 1 }).expect(200))).toEqual(['71000001']);
    const after = await list({ name: 'thuis', kind: 'CARE_PROVIDER', limit: 1 }).expect(200);
    expect(agbs(await list({ name: 'thuis', kind: 'CARE_PROVIDER', cursor: after.body.nextCursor }).expect(200))).toEqual(['71000002', '71000003']);
  });

  it('should show a provider only itself, and refuse a corporation', async () => {
    const own = await p.ctx.token({ org: 'AGB:71000003', roles: [Role.PROVIDER] });
    expect(agbs(await list({}, own).expect(200))).toEqual(['71000003']);
    expect(agbs(await list({ kind: 'HOUSING_CORPORATION' }, own).expect(200))).toEqual([]);
    const corporation = await p.ctx.token({ org: 'CORP:30000001', roles: [Role.CORPORATION] });
    await list({}, corporation).expect(403);
    const municipal = await p.ctx.token({ org: GM_LEIDEN, roles: [], municipalities: [GM_LEIDEN] });
    expect(agbs(await list({ limit: 1 }, municipal).expect(200))).toEqual(['71000001']);
  });

  it('should refuse a bad query as 400 problem+json naming the field', async () => {
    for (const [query, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 501 }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ kind: 'SHOP' }, 'kind'],
      [{ cursor: '%%%' }, 'cursor'],
      [{ colour: 'red' }, 'colour'],
    ] as const) {
      const res = await list(query).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.invalidParams.map((x: { name: string }) => x.name)).toContain(field);
    }
    await p.svc.http.get('/api/procurement/v1/providers').expect(401);
  });

  it('should name one statement per combination of filters, each with its own text', () => {
    const plain = providerPageQuery({ limit: 10 });
    expect(plain).toEqual({ name: 'procurement_provider_page_0', text: expect.stringMatching(/FROM provider p ORDER BY p\.agb LIMIT \$1$/), values: [11] });
    const all = providerPageQuery({ kind: 'CARE_PROVIDER' as never, name: 'a%b', onlyAgb: '71000001', after: '70000000', limit: 5 });
    expect(all.name).toBe('procurement_provider_page_15');
    expect(all.values).toEqual([6, 'CARE_PROVIDER', 'a\\%b', '71000001', '70000000']);
    expect(all.text).toContain('WHERE p.kind = $2 AND p.name ILIKE');
    expect(providerPageQuery({ after: 'x', limit: 1 }).name).toBe('procurement_provider_page_8');
    expect(providerPageQuery({ name: '', limit: 1 }).name).toBe('procurement_provider_page_0');
  });
});
