import {
  CONTRACT_ACTIVATED_V1,
  CONTRACT_CHANGED_V1,
  CONTRACT_ENDED_V1,
  ContractSnapshotV1,
  OPTION_DEADLINE_APPROACHING_V1,
  Role,
  TARIFF_PUBLISHED_V1,
  TariffPublishedV1,
} from '@vangnet/contracts';
import { auth, contract, GM_LEIDEN, GM_LEIDERDORP, GM_OEGSTGEEST, GM_ZOETERWOUDE, Procurement, provider, startProcurement } from './support';

// Each test registers its own providers and writes its own contracts (references carry the test's tag).
const term = { start: '2026-01-01', end: '2027-12-31' };
const guidance = (tariffCents = 6500) => ({ product: { category: '02', code: '02A01' }, tariffs: [{ year: 2026, tariffCents }] });

const postTo = (p: Procurement, path: string, body: unknown, token = p.manager) => p.svc.http.post(`/api/procurement/v1${path}`).set(auth(token)).send(body as object);

async function registerIn(p: Procurement, agbs: string[]): Promise<void> {
  for (const agb of agbs) await postTo(p, '/providers', provider(agb)).expect(201);
}

/** A regional contract for Leiden and Leiderdorp with two options (the activation test's); its reference carries `tag`. */
async function regionalIn(p: Procurement, tag: string, agb: string): Promise<string> {
  const res = await postTo(
    p,
    '/contracts',
    contract(`${tag}-K-1`, agb, [GM_LEIDEN, GM_LEIDERDORP], term, [guidance(), { product: { category: '45' }, tariffs: [{ year: 2026, tariffCents: 9000 }], indexationBasisPoints: 250 }], {
      options: [
        { extendsTo: '2028-12-31', decisionDeadline: '2027-06-30' },
        { extendsTo: '2029-12-31', decisionDeadline: '2028-06-30' },
      ],
    }),
  ).expect(201);
  return res.body.contractId;
}

describe('contracts, catalogue and their rules', () => {
  let p: Procurement;
  const post = (path: string, body: unknown, token = p.manager) => postTo(p, path, body, token);
  const register = (...agbs: string[]) => registerIn(p, agbs);
  const regional = (tag: string, agb: string) => regionalIn(p, tag, agb);

  beforeAll(async () => {
    p = await startProcurement('2026-03-01');
  });

  afterAll(() => p.close());

  it('should refuse bad input with a 4xx that names the field', async () => {
    const A = '22220001';
    p.clock.set('2026-03-01');
    await register(A);
    const dup = await post('/providers', provider(A)).expect(409);
    expect(dup.body.invalidParams).toEqual([expect.objectContaining({ name: 'agb', code: 'PROVIDER_EXISTS' })]);

    const unknown = await post('/contracts', contract('X-1', '33330000', [GM_LEIDEN], term, [guidance()])).expect(422);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_PROVIDER', invalidParams: [expect.objectContaining({ name: 'providerAgb' })] });

    const backwards = await post('/contracts', contract('X-2', A, [GM_LEIDEN], { start: '2026-06-01', end: '2026-05-31' }, [guidance()])).expect(400);
    expect(backwards.body.invalidParams).toEqual([expect.objectContaining({ name: 'term.end', code: 'END_BEFORE_START' })]);

    const negative = await post('/contracts', contract('X-3', A, [GM_LEIDEN], term, [guidance(-1)])).expect(400);
    expect(negative.body.invalidParams).toEqual([expect.objectContaining({ name: 'products[0].tariffs[0].tariffCents', code: 'INVALID_AMOUNT' })]);

    const outside = await post('/contracts', contract('X-4', A, [GM_LEIDEN], term, [{ ...guidance(), tariffs: [{ year: 2029, tariffCents: 1 }] }])).expect(400);
    expect(outside.body.invalidParams).toEqual([expect.objectContaining({ name: 'products[0].tariffs[0].year', code: 'TARIFF_YEAR_OUTSIDE_TERM' })]);

    const badOption = await post('/contracts', contract('X-5', A, [GM_LEIDEN], term, [guidance()], { options: [{ extendsTo: '2027-06-30', decisionDeadline: '2028-01-01' }] })).expect(400);
    expect(badOption.body.invalidParams.map((x: { name: string }) => x.name).sort()).toEqual(['options[0].decisionDeadline', 'options[0].extendsTo']);

    const missing = await post('/contracts', { reference: 'X-6', providerAgb: A, municipalities: [], term: { start: '2026-01-01' }, products: [] }).expect(400);
    expect(missing.body.invalidParams.map((x: { name: string }) => x.name).sort()).toEqual(['municipalities', 'products', 'term.end']);
    // Nothing half-written: none of these contracts exists.
    const list = await p.svc.http.get('/api/procurement/v1/contracts').query({ providerAgb: A }).set(auth(p.manager)).expect(200);
    expect(list.body.items).toEqual([]);
  });

  it('should activate a regional contract with its events, and refuse an overlapping one naming the product', async () => {
    const [A, B] = ['22220011', '22220012'];
    p.clock.set('2026-03-01');
    await register(A, B);
    const activated = await p.ctx.probe<ContractSnapshotV1>(CONTRACT_ACTIVATED_V1);
    const tariffs = await p.ctx.probe<TariffPublishedV1>(TARIFF_PUBLISHED_V1);
    const res = await post(
      '/contracts',
      contract('T2-K-1', A, [GM_LEIDEN, GM_LEIDERDORP], term, [guidance(), { product: { category: '45' }, tariffs: [{ year: 2026, tariffCents: 9000 }], indexationBasisPoints: 250 }], {
        options: [
          { extendsTo: '2028-12-31', decisionDeadline: '2027-06-30' },
          { extendsTo: '2029-12-31', decisionDeadline: '2028-06-30' },
        ],
      }),
    ).expect(201);
    expect(res.headers.etag).toBe('W/"1"');
    expect(res.body).toMatchObject({ status: 'ACTIVE', revision: 1, municipalities: [GM_LEIDEN, GM_LEIDERDORP] });
    const id = res.body.contractId;
    const event = await activated.next((e) => e.data.contractId === id);
    expect(event.municipality).toBeNull(); // region-wide
    expect(event.data).toMatchObject({ reference: 'T2-K-1', providerAgb: A, term, revision: 1, options: [{ index: 1, status: 'OPEN' }, { index: 2, status: 'OPEN' }] });
    // 02A01: 2026 only (no indexation); 45: 2026 and the indexed 2027 (9000 × 1.025 = 9225).
    await tariffs.next((e) => e.data.contractId === id && e.data.product.category === '45' && e.data.year === 2027);
    expect(tariffs.matching((e) => e.data.contractId === id).map((e) => `${e.data.product.category}/${e.data.year}/${e.data.tariffCents}`).sort()).toEqual([
      '02/2026/6500',
      '45/2026/9000',
      '45/2027/9225',
    ]);

    const overlap = await post('/contracts', contract('T2-K-2', A, [GM_LEIDERDORP, GM_ZOETERWOUDE], { start: '2027-06-01', end: '2028-05-31' }, [{ product: { category: '03' }, tariffs: [] }, { product: { category: '02' }, tariffs: [] }])).expect(409);
    expect(overlap.body).toMatchObject({ code: 'CONTRACT_OVERLAP', invalidParams: [expect.objectContaining({ name: 'products[1].product', code: 'CONTRACT_OVERLAP' })] });
    // Another municipality, the period after the term, or another provider: no overlap.
    await post('/contracts', contract('T2-K-3', A, [GM_ZOETERWOUDE], term, [guidance()])).expect(201);
    await post('/contracts', contract('T2-K-4', A, [GM_LEIDEN], { start: '2030-01-01', end: '2030-12-31' }, [{ product: { category: '02', code: '02A01' }, tariffs: [] }])).expect(201);
    await post('/contracts', contract('T2-K-5', B, [GM_LEIDEN], term, [guidance()])).expect(201);
    const same = await post('/contracts', contract('T2-K-1', B, [GM_OEGSTGEEST], term, [guidance()])).expect(409);
    expect(same.body.invalidParams).toEqual([expect.objectContaining({ name: 'reference', code: 'CONTRACT_REFERENCE_EXISTS' })]);
  });

  it('should let municipal staff read their municipalities’ contracts and a provider only its own; writing needs the role', async () => {
    const [A, B] = ['22220021', '22220022'];
    p.clock.set('2026-03-01');
    await register(A, B);
    await regional('T3', A);
    await post('/contracts', contract('T3-K-5', B, [GM_LEIDEN], term, [guidance()])).expect(201);
    const k1 = (await p.svc.http.get('/api/procurement/v1/contracts').query({ reference: 'T3-K-1' }).set(auth(p.manager)).expect(200)).body.items[0];
    const leiderdorp = await p.ctx.token({ org: GM_LEIDERDORP, roles: [Role.ACCESS_CASEWORKER], municipalities: [GM_LEIDERDORP] });
    const oegstgeest = await p.ctx.token({ org: GM_OEGSTGEEST, roles: [Role.AUDITOR], municipalities: [GM_OEGSTGEEST] });
    const providerA = await p.ctx.token({ org: `AGB:${A}`, roles: [Role.PROVIDER] });
    const providerB = await p.ctx.token({ org: `AGB:${B}`, roles: [Role.PROVIDER] });
    await p.svc.http.get(`/api/procurement/v1/contracts/${k1.contractId}`).set(auth(leiderdorp)).expect(200);
    await p.svc.http.get(`/api/procurement/v1/contracts/${k1.contractId}`).set(auth(oegstgeest)).expect(404);
    await p.svc.http.get(`/api/procurement/v1/contracts/${k1.contractId}`).set(auth(providerA)).expect(200);
    await p.svc.http.get(`/api/procurement/v1/contracts/${k1.contractId}`).set(auth(providerB)).expect(404);
    // Of this test's providers' contracts (municipal staff); a provider's token sees its own only.
    const refsOf = async (token: string, agb?: string) =>
      (await p.svc.http.get('/api/procurement/v1/contracts').query(agb ? { providerAgb: agb } : {}).set(auth(token)).expect(200)).body.items.map((c: { reference: string }) => c.reference);
    const refs = async (token: string) => [...(await refsOf(token, A)), ...(await refsOf(token, B))];
    await expect(refs(leiderdorp)).resolves.toEqual(['T3-K-1']);
    await expect(refs(oegstgeest)).resolves.toEqual([]);
    await expect(refsOf(providerB)).resolves.toEqual(['T3-K-5']);
    await post('/contracts', contract('T3-K-9', B, [GM_LEIDERDORP], term, [guidance()]), leiderdorp).expect(403);
    await post('/contracts', contract('T3-K-9', B, [GM_OEGSTGEEST], term, [guidance()]), providerB).expect(403);
    // A contract manager of one municipality cannot sign for the region.
    const leidenOnly = await p.ctx.token({ org: GM_LEIDEN, roles: [Role.PROCUREMENT_CONTRACT_MANAGER], municipalities: [GM_LEIDEN] });
    const region = await post('/contracts', contract('T3-K-9', B, [GM_LEIDEN, GM_OEGSTGEEST], { start: '2030-01-01', end: '2030-12-31' }, [guidance()]), leidenOnly).expect(403);
    expect(region.body).toMatchObject({ code: 'OUT_OF_SCOPE', invalidParams: [{ name: 'municipalities[1]', code: 'OUT_OF_SCOPE', reason: `this token does not grant ${GM_OEGSTGEEST}` }] });
  });

  it('should publish next year’s tariff and refuse to change one in force', async () => {
    const A = '22220031';
    p.clock.set('2026-03-01');
    await register(A);
    const k1 = { contractId: await regional('T4', A) };
    const changed = await p.ctx.probe<ContractSnapshotV1>(CONTRACT_CHANGED_V1);
    const tariffs = await p.ctx.probe<TariffPublishedV1>(TARIFF_PUBLISHED_V1);
    const url = `/api/procurement/v1/contracts/${k1.contractId}/tariffs`;
    const stale = await p.svc.http.put(url).set(auth(p.manager)).set('If-Match', 'W/"7"').send({ product: { category: '02', code: '02A01' }, year: 2027, tariffCents: 6800 }).expect(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    const res = await p.svc.http.put(url).set(auth(p.manager)).set('If-Match', 'W/"1"').send({ product: { category: '02', code: '02A01' }, year: 2027, tariffCents: 6800 }).expect(200);
    expect(res.body.revision).toBe(2);
    await changed.next((e) => e.data.contractId === k1.contractId && e.data.revision === 2);
    await tariffs.next((e) => e.data.contractId === k1.contractId && e.data.year === 2027 && e.data.tariffCents === 6800 && e.data.validFrom === '2027-01-01');
    const started = await p.svc.http.put(url).set(auth(p.manager)).send({ product: { category: '02', code: '02A01' }, year: 2026, tariffCents: 7000 }).expect(409);
    expect(started.body).toMatchObject({ code: 'TARIFF_PERIOD_STARTED', invalidParams: [expect.objectContaining({ name: 'year' })] });
    const notThere = await p.svc.http.put(url).set(auth(p.manager)).send({ product: { category: '07' }, year: 2027, tariffCents: 7000 }).expect(422);
    expect(notThere.body.invalidParams).toEqual([expect.objectContaining({ name: 'product', code: 'PRODUCT_NOT_IN_CONTRACT' })]);
  });

  it('should list contracts by provider, municipality, category, status and date, a page at a time', async () => {
    const A = '22220061';
    p.clock.set('2026-03-01');
    await register(A);
    await post('/contracts', contract('T8-K-1', A, [GM_LEIDEN], term, [guidance()])).expect(201);
    await post('/contracts', contract('T8-K-2', A, [GM_OEGSTGEEST], term, [{ product: { category: '45' }, tariffs: [{ year: 2026, tariffCents: 9000 }] }])).expect(201);
    await post('/contracts', contract('T8-K-3', A, [GM_ZOETERWOUDE], { start: '2028-01-01', end: '2028-12-31' }, [{ ...guidance(), tariffs: [{ year: 2028, tariffCents: 6500 }] }], { draft: true })).expect(201);
    const refs = async (query: Record<string, string | number>) =>
      (await p.svc.http.get('/api/procurement/v1/contracts').query({ providerAgb: A, ...query }).set(auth(p.manager)).expect(200)).body.items.map((c: { reference: string }) => c.reference);
    await expect(refs({})).resolves.toEqual(['T8-K-1', 'T8-K-2', 'T8-K-3']);
    await expect(refs({ municipality: GM_OEGSTGEEST })).resolves.toEqual(['T8-K-2']);
    await expect(refs({ category: '02' })).resolves.toEqual(['T8-K-1', 'T8-K-3']);
    await expect(refs({ status: 'DRAFT' })).resolves.toEqual(['T8-K-3']);
    await expect(refs({ activeOn: '2026-06-01' })).resolves.toEqual(['T8-K-1', 'T8-K-2']);
    const first = await p.svc.http.get('/api/procurement/v1/contracts').query({ providerAgb: A, limit: 2 }).set(auth(p.manager)).expect(200);
    expect(first.body.items.map((c: { reference: string; products: unknown[] }) => [c.reference, c.products.length])).toEqual([
      ['T8-K-1', 1],
      ['T8-K-2', 1],
    ]);
    const next = await p.svc.http.get('/api/procurement/v1/contracts').query({ providerAgb: A, limit: 2, cursor: first.body.nextCursor }).set(auth(p.manager)).expect(200);
    expect(next.body).toMatchObject({ items: [expect.objectContaining({ reference: 'T8-K-3', municipalities: [GM_ZOETERWOUDE] })], nextCursor: null });
  });

  it('should refuse a catalogue edit for a period that has started, and take a change as a new version from a future date', async () => {
    p.clock.set('2027-10-01');
    const url = (year: number) => `/api/procurement/v1/catalogue/${GM_LEIDEN}/${year}`;
    const entry = { category: '02', code: '02B01', name: 'Begeleiding groep', unit: 'DAY_PART' };
    // Today is 2027-10-01: 2027 has started. Its first registration may be late; later additions may not.
    const first = await p.svc.http.post(url(2027)).set(auth(p.manager)).send({ entries: [{ ...entry, code: '02A01', name: 'Begeleiding individueel' }] }).expect(201);
    expect(first.body).toMatchObject({ initialLoad: true, changes: { added: 1 } });
    const late = await p.svc.http.post(url(2027)).set(auth(p.manager)).send({ entries: [entry] }).expect(409);
    expect(late.body).toMatchObject({ code: 'CATALOGUE_PERIOD_STARTED', invalidParams: [expect.objectContaining({ name: 'entries[0]', code: 'CATALOGUE_PERIOD_STARTED' })] });
    const outside = await p.svc.http.post(url(2028)).set(auth(p.manager)).send({ entries: [{ ...entry, validFrom: '2029-01-01' }] }).expect(400);
    expect(outside.body.invalidParams).toEqual([expect.objectContaining({ name: 'entries[0].validFrom', code: 'ENTRY_OUTSIDE_YEAR' })]);
    await p.svc.http.post(url(2028)).set(auth(p.manager)).send({ entries: [entry] }).expect(201);
    const renamed = await p.svc.http.post(url(2028)).set(auth(p.manager)).send({ entries: [{ ...entry, name: 'Begeleiding in groepen' }] }).expect(201);
    expect(renamed.body.changes).toEqual({ added: 0, changed: 1, unchanged: 0 });

    p.clock.set('2028-02-01');
    const started = await p.svc.http.post(url(2028)).set(auth(p.manager)).send({ entries: [{ ...entry, name: 'Groepsbegeleiding' }] }).expect(409);
    expect(started.body.code).toBe('CATALOGUE_PERIOD_STARTED');
    await p.svc.http.post(url(2028)).set(auth(p.manager)).send({ entries: [{ ...entry, name: 'Groepsbegeleiding', validFrom: '2028-06-01' }] }).expect(201);
    const removeStarted = await p.svc.http.delete(`${url(2028)}/02/02B01`).set(auth(p.manager)).expect(409);
    expect(removeStarted.body.invalidParams).toEqual([expect.objectContaining({ name: 'from', code: 'CATALOGUE_PERIOD_STARTED' })]);
    await p.svc.http.delete(`${url(2028)}/02/02B01`).query({ from: '2028-09-01' }).set(auth(p.manager)).expect(200);
    const versions = await p.svc.http.get(url(2028)).set(auth(p.manager)).expect(200);
    expect(versions.body.entries.map((e: { name: string; validFrom: string; validTo: string }) => [e.name, e.validFrom, e.validTo])).toEqual([
      ['Begeleiding in groepen', '2028-01-01', '2028-05-31'],
      ['Groepsbegeleiding', '2028-06-01', '2028-08-31'],
    ]);
    const onDay = await p.svc.http.get(url(2028)).query({ date: '2028-09-01' }).set(auth(p.manager)).expect(200);
    expect(onDay.body.entries).toEqual([]);
    const otherTown = await p.ctx.token({ org: GM_OEGSTGEEST, roles: [], municipalities: [GM_OEGSTGEEST] });
    await p.svc.http.get(url(2028)).set(auth(otherTown)).expect(403);
  });
});

// The calendar runs over every contract of the service: these tests have a service of their own,
// so that only their own contracts' options and terms count.
describe('the contract calendar', () => {
  let p: Procurement;
  const post = (path: string, body: unknown, token = p.manager) => postTo(p, path, body, token);
  const register = (...agbs: string[]) => registerIn(p, agbs);
  const regional = (tag: string, agb: string) => regionalIn(p, tag, agb);
  beforeAll(async () => {
    p = await startProcurement('2026-03-01');
  });

  afterAll(() => p.close());

  it('should announce an option deadline once, within three months, list it, and record the extension with its evaluation', async () => {
    const A = '22220041';
    p.clock.set('2026-03-01');
    await register(A);
    const k1 = { contractId: await regional('T5', A) };
    const approaching = await p.ctx.probe<{ contractId: string; optionIndex: number }>(OPTION_DEADLINE_APPROACHING_V1);
    p.clock.set('2027-03-29'); // the deadline 2027-06-30 is three months away tomorrow
    await expect(p.runCalendar()).resolves.toEqual({ ended: 0, announced: 0 });
    p.clock.set('2027-03-30');
    await expect(p.runCalendar()).resolves.toEqual({ ended: 0, announced: 1 });
    await expect(p.runCalendar()).resolves.toEqual({ ended: 0, announced: 0 });
    await approaching.next((e) => e.data.contractId === k1.contractId && e.data.optionIndex === 1);
    const listed = await p.svc.http.get('/api/procurement/v1/contracts/option-deadlines').query({ withinDays: 92 }).set(auth(p.manager)).expect(200);
    expect(listed.body.items).toEqual([expect.objectContaining({ contractId: k1.contractId, optionIndex: 1, decisionDeadline: '2027-06-30', daysLeft: 92, notified: true })]);

    const evaluation = { qualityScore: 8, clientSatisfactionScore: 7, municipalitySatisfied: true, evaluatedOn: '2027-03-15', notes: 'waiting times within the norm' };
    const outOfOrder = await post(`/contracts/${k1.contractId}/extensions`, { optionIndex: 2, decision: 'EXERCISE', evaluation }).expect(409);
    expect(outOfOrder.body.code).toBe('OPTION_OUT_OF_ORDER');
    const noEvaluation = await post(`/contracts/${k1.contractId}/extensions`, { optionIndex: 1, decision: 'EXERCISE' }).expect(400);
    expect(noEvaluation.body.invalidParams).toEqual([expect.objectContaining({ name: 'evaluation', code: 'REQUIRED' })]);
    const changed = await p.ctx.probe<ContractSnapshotV1>(CONTRACT_CHANGED_V1);
    const extended = await post(`/contracts/${k1.contractId}/extensions`, { optionIndex: 1, decision: 'EXERCISE', evaluation }).expect(201);
    expect(extended.body).toMatchObject({ term: { start: '2026-01-01', end: '2028-12-31' }, options: [{ index: 1, status: 'EXERCISED', evaluation }, { index: 2, status: 'OPEN' }] });
    await changed.next((e) => e.data.contractId === k1.contractId && e.data.term.end === '2028-12-31');
    const again = await post(`/contracts/${k1.contractId}/extensions`, { optionIndex: 1, decision: 'EXERCISE', evaluation }).expect(409);
    expect(again.body.code).toBe('OPTION_ALREADY_DECIDED');
    await post(`/contracts/${k1.contractId}/extensions`, { optionIndex: 2, decision: 'DECLINE', evaluation: { ...evaluation, qualityScore: 4, municipalitySatisfied: false } }).expect(201);
  });

  it('should end a contract whose last day has passed, once', async () => {
    const A = '22220051';
    p.clock.set('2026-03-01');
    await register(A);
    const k3 = (await post('/contracts', contract('T6-K-3', A, [GM_ZOETERWOUDE], term, [guidance()])).expect(201)).body;
    p.clock.set('2027-03-30');
    const ended = await p.ctx.probe<ContractSnapshotV1>(CONTRACT_ENDED_V1);
    const early = await post(`/contracts/${k3.contractId}/end`, { endDate: '2027-03-29', reason: 'hardly used' }).expect(422);
    expect(early.body.invalidParams).toEqual([expect.objectContaining({ name: 'endDate', code: 'END_DATE_IN_PAST' })]);
    await post(`/contracts/${k3.contractId}/end`, { endDate: '2027-09-30', reason: 'hardly used' }).expect(200);
    p.clock.set('2027-10-01');
    await expect(p.runCalendar()).resolves.toEqual({ ended: 1, announced: 0 });
    await expect(p.runCalendar()).resolves.toEqual({ ended: 0, announced: 0 });
    const event = await ended.next((e) => e.data.contractId === k3.contractId);
    expect(event.data).toMatchObject({ status: 'ENDED', endedOn: '2027-09-30', endReason: 'hardly used', term: { end: '2027-09-30' } });
  });
});
