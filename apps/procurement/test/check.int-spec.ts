import { CLIENT_STOP_SET_V1, CONTRACT_CHECK, ContractCheckRefusalCode, Role, TARIFF_GET } from '@vangnet/contracts';
import { RpcClient } from '@vangnet/messaging';
import { Clock } from '@vangnet/platform';
import { waitFor } from '@vangnet/testing';
import { AppModule } from '../src/app.module';
import { PROCUREMENT_APP_OPTIONS } from '../src/app.options';
import { CheckService } from '../src/check/check.service';
import { auth, contract, GM_LEIDEN, GM_LEIDERDORP, GM_OEGSTGEEST, GM_VOORSCHOTEN, GM_ZOETERWOUDE, Procurement, provider, startProcurement } from './support';

const UNKNOWN = '99999999';
const leiden = { category: '02', code: '02A01' };

describe('procurement.contract.check over NATS and HTTP', () => {
  let p: Procurement;
  let rpc: RpcClient;

  const ask = (providerAgb: string, municipality: string, product: { category: string; code?: string }, date: string) =>
    rpc.request<Record<string, unknown>>(CONTRACT_CHECK, { providerAgb, municipality, product, date });
  const askHttp = async (providerAgb: string, municipality: string, product: { category: string; code?: string }, date: string) => {
    const res = await p.svc.http
      .get('/api/procurement/v1/contract-check')
      .query({ providerAgb, municipality, category: product.category, ...(product.code ? { code: product.code } : {}), date })
      .set(auth(p.manager))
      .expect(200);
    return res.body;
  };
  const register = (agb: string) => p.svc.http.post('/api/procurement/v1/providers').set(auth(p.manager)).send(provider(agb)).expect(201);

  /**
   * A provider of the test's own with three contracts: the regional one for Leiden and Leiderdorp
   * (its id is returned), a draft for Oegstgeest and one for Voorschoten whose term is over. The
   * catalogues of Leiden are published before their year starts (they cannot be edited
   * afterwards; publishing them again changes nothing); today is 2026-11-23 afterwards.
   */
  async function contracted(agb: string): Promise<string> {
    p.clock.set('2025-11-01');
    for (const year of [2026, 2027]) {
      await p.svc.http
        .post(`/api/procurement/v1/catalogue/${GM_LEIDEN}/${year}`)
        .set(auth(p.manager))
        .send({ entries: [{ category: '02', code: '02A01', name: 'Begeleiding individueel', unit: 'HOUR' }] })
        .expect(201);
    }
    await register(agb);
    const res = await p.svc.http
      .post('/api/procurement/v1/contracts')
      .set(auth(p.manager))
      .send(
        contract(`K-2026-${agb}`, agb, [GM_LEIDEN, GM_LEIDERDORP], { start: '2026-01-01', end: '2027-12-31' }, [
          { product: { category: '02', code: '02A01' }, tariffs: [{ year: 2026, tariffCents: 6500 }, { year: 2027, tariffCents: 6800 }] },
          { product: { category: '02', code: '02A02' }, tariffs: [{ year: 2026, tariffCents: 7000 }] },
          { product: { category: '45' }, tariffs: [{ year: 2026, tariffCents: 9000 }], indexationBasisPoints: 350 },
          { product: { category: '46' }, crisis: true, tariffs: [{ year: 2026, tariffCents: 15000 }, { year: 2027, tariffCents: 15500 }] },
          { product: { category: '17' }, variant: 'OUTPUT', unit: 'DAY', tariffs: [{ year: 2026, tariffCents: 11000 }, { year: 2027, tariffCents: 11500 }] },
          { product: { category: '07' }, variant: 'EFFORT', unit: 'DAY_PART', tariffs: [{ year: 2026, tariffCents: 5200 }] },
        ]),
      )
      .expect(201);
    await p.svc.http
      .post('/api/procurement/v1/contracts')
      .set(auth(p.manager))
      .send(contract(`K-DRAFT-${agb}`, agb, [GM_OEGSTGEEST], { start: '2026-01-01', end: '2026-12-31' }, [{ product: { category: '02' }, tariffs: [{ year: 2026, tariffCents: 6000 }] }], { draft: true }))
      .expect(201);
    await p.svc.http
      .post('/api/procurement/v1/contracts')
      .set(auth(p.manager))
      .send(contract(`K-2024-${agb}`, agb, [GM_VOORSCHOTEN], { start: '2024-01-01', end: '2025-12-31' }, [{ product: { category: '02' }, tariffs: [{ year: 2025, tariffCents: 6000 }] }]))
      .expect(201);
    p.clock.set('2026-11-23');
    return res.body.contractId;
  }

  beforeAll(async () => {
    p = await startProcurement('2026-11-23');
    rpc = p.svc.app.get(RpcClient);
  });

  afterAll(() => p.close());

  // Each case has its own contracted provider A and registered provider B (without a contract).
  type Args = [string, string, { category: string; code?: string }, string];
  const cases: Array<[string, (A: string, B: string) => Args, ContractCheckRefusalCode]> = [
    ['an unregistered AGB code', () => [UNKNOWN, GM_LEIDEN, leiden, '2026-12-01'], ContractCheckRefusalCode.UNKNOWN_PROVIDER],
    ['a provider without any contract for the municipality', (_A, B) => [B, GM_LEIDEN, leiden, '2026-12-01'], ContractCheckRefusalCode.NO_CONTRACT],
    ['a municipality outside the contract', (A) => [A, GM_ZOETERWOUDE, leiden, '2026-12-01'], ContractCheckRefusalCode.NO_CONTRACT],
    ['a draft contract', (A) => [A, GM_OEGSTGEEST, { category: '02' }, '2026-12-01'], ContractCheckRefusalCode.CONTRACT_NOT_ACTIVE],
    ['a contract whose term is over', (A) => [A, GM_VOORSCHOTEN, { category: '02' }, '2026-12-01'], ContractCheckRefusalCode.CONTRACT_NOT_ACTIVE],
    ['a date after the term', (A) => [A, GM_LEIDEN, leiden, '2028-01-01'], ContractCheckRefusalCode.CONTRACT_NOT_ACTIVE],
    ['a category that is not contracted', (A) => [A, GM_LEIDEN, { category: '03' }, '2026-12-01'], ContractCheckRefusalCode.PRODUCT_NOT_CONTRACTED],
    ['a code that is not contracted', (A) => [A, GM_LEIDEN, { category: '02', code: '02A09' }, '2026-12-01'], ContractCheckRefusalCode.PRODUCT_NOT_CONTRACTED],
    ['a contracted code missing from the catalogue', (A) => [A, GM_LEIDEN, { category: '02', code: '02A02' }, '2026-12-01'], ContractCheckRefusalCode.PRODUCT_NOT_CONTRACTED],
    ['a category contracted per code, asked without one', (A) => [A, GM_LEIDEN, { category: '02' }, '2026-12-01'], ContractCheckRefusalCode.PRODUCT_NOT_CONTRACTED],
    ['a year without a tariff and without indexation', (A) => [A, GM_LEIDEN, { category: '07' }, '2027-03-01'], ContractCheckRefusalCode.NO_TARIFF],
  ];

  it.each(cases.map((c, i) => [...c, i] as const))('should refuse %s with the same code over NATS and HTTP', async (_what, argsOf, code, i) => {
    const [A, B] = [String(11112000 + 2 * i), String(11112001 + 2 * i)];
    await contracted(A);
    await register(B);
    const args = argsOf(A, B);
    const nats = await ask(...args);
    expect(nats).toMatchObject({ ok: false, code });
    expect(nats.message).toEqual(expect.any(String));
    await expect(askHttp(...args)).resolves.toEqual(nats);
  });

  it('should use the next year’s tariff from 1 January, and derive a missing year by indexation rounded half up', async () => {
    const A = '11110001';
    const contractId = await contracted(A);
    await expect(ask(A, GM_LEIDEN, leiden, '2026-12-31')).resolves.toEqual({ ok: true, contractId, variant: 'EFFORT', unit: 'HOUR', tariffCents: 6500, crisis: false });
    await expect(ask(A, GM_LEIDEN, leiden, '2027-01-01')).resolves.toMatchObject({ ok: true, tariffCents: 6800 });
    // 9000 × 1.035 = 9315 in 2027; the second municipality of the regional contract answers the same.
    await expect(ask(A, GM_LEIDERDORP, { category: '45' }, '2027-01-01')).resolves.toMatchObject({ ok: true, tariffCents: 9315 });
    await expect(askHttp(A, GM_LEIDEN, leiden, '2027-01-01')).resolves.toMatchObject({ ok: true, tariffCents: 6800, contractId });
    await expect(rpc.request(TARIFF_GET, { providerAgb: A, municipality: GM_LEIDEN, product: leiden, date: '2027-01-01' })).resolves.toEqual({
      contractId,
      variant: 'EFFORT',
      unit: 'HOUR',
      tariffCents: 6800,
      year: 2027,
    });
  });

  it('should fail procurement.tariff.get with the refusal code, and an invalid question with the fields named', async () => {
    const [A, B] = ['11110011', '11110012'];
    await register(B);
    await expect(rpc.request(TARIFF_GET, { providerAgb: B, municipality: GM_LEIDEN, product: leiden, date: '2026-12-01' })).rejects.toMatchObject({ code: 'NO_CONTRACT' });
    const err = await ask('1234', 'Leiden', { category: '99', code: 'TOO-LONG' }, '2026-02-30').catch((e) => e);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(err.invalidParams.map((x: { name: string }) => x.name).sort()).toEqual(['date', 'municipality', 'product.category', 'product.code', 'providerAgb']);
    const noProduct = await rpc.request(CONTRACT_CHECK, { providerAgb: A, municipality: GM_LEIDEN, date: '2026-12-01' }).catch((e) => e);
    expect(noProduct).toMatchObject({ code: 'VALIDATION_FAILED', invalidParams: [expect.objectContaining({ name: 'product', code: 'REQUIRED' })] });
    const http = await p.svc.http.get('/api/procurement/v1/contract-check').query({ providerAgb: A, municipality: GM_LEIDEN, category: '99' }).set(auth(p.manager)).expect(400);
    expect(http.body.invalidParams).toEqual([expect.objectContaining({ name: 'category', code: 'UNKNOWN_VALUE' })]);
  });

  it('should refuse right after a client stop is set, except crisis care, and approve again once it is lifted', async () => {
    const A = '11110021';
    await contracted(A);
    // Warm the read model first: the stop must reach the very next check.
    await expect(ask(A, GM_LEIDEN, leiden, '2026-12-01')).resolves.toMatchObject({ ok: true });
    const probe = await p.ctx.probe(CLIENT_STOP_SET_V1);
    const set = await p.svc.http
      .post('/api/procurement/v1/client-stops')
      .set(auth(p.manager))
      .send({ providerAgb: A, municipality: GM_LEIDEN, reason: 'ceiling 90 % reached', period: { start: '2026-11-23' } })
      .expect(201);
    await expect(ask(A, GM_LEIDEN, leiden, '2026-12-01')).resolves.toMatchObject({ ok: false, code: 'CLIENT_STOP', clientStopId: set.body.id });
    await expect(askHttp(A, GM_LEIDEN, leiden, '2026-12-01')).resolves.toMatchObject({ ok: false, code: 'CLIENT_STOP', clientStopId: set.body.id });
    // Before the stop starts, and for the other municipality of the contract, nothing changes.
    await expect(ask(A, GM_LEIDEN, leiden, '2026-11-22')).resolves.toMatchObject({ ok: true });
    await expect(ask(A, GM_LEIDERDORP, { category: '45' }, '2026-12-01')).resolves.toMatchObject({ ok: true });
    // Crisis care: category 17 always, and a product contracted as crisis.
    await expect(ask(A, GM_LEIDEN, { category: '17' }, '2026-12-01')).resolves.toMatchObject({ ok: true, crisis: true, tariffCents: 11000 });
    await expect(ask(A, GM_LEIDEN, { category: '46' }, '2026-12-01')).resolves.toMatchObject({ ok: true, crisis: true });
    // Pricing care already assigned is not blocked.
    await expect(rpc.request(TARIFF_GET, { providerAgb: A, municipality: GM_LEIDEN, product: leiden, date: '2026-12-01' })).resolves.toMatchObject({ tariffCents: 6500 });
    const event = await probe.next((e) => (e.data as { stopId: string }).stopId === set.body.id);
    expect(event).toMatchObject({ municipality: GM_LEIDEN, data: { providerAgb: A, municipality: GM_LEIDEN, period: { start: '2026-11-23' } } });

    await p.svc.http.delete(`/api/procurement/v1/client-stops/${set.body.id}`).query({ reason: 'agreed after consultation' }).set(auth(p.manager)).expect(200);
    await expect(ask(A, GM_LEIDEN, leiden, '2026-12-01')).resolves.toMatchObject({ ok: true });
  });

  it('should see a new provider and a new contract on the very next check', async () => {
    const C = '11110003';
    await expect(ask(C, GM_ZOETERWOUDE, { category: '01' }, '2026-12-01')).resolves.toMatchObject({ code: 'UNKNOWN_PROVIDER' });
    await p.svc.http.post('/api/procurement/v1/providers').set(auth(p.manager)).send(provider(C)).expect(201);
    await expect(ask(C, GM_ZOETERWOUDE, { category: '01' }, '2026-12-01')).resolves.toMatchObject({ code: 'NO_CONTRACT' });
    await p.svc.http
      .post('/api/procurement/v1/contracts')
      .set(auth(p.manager))
      .send(contract('K-2026-HH', C, [GM_ZOETERWOUDE], { start: '2026-01-01', end: '2026-12-31' }, [{ product: { category: '01' }, tariffs: [{ year: 2026, tariffCents: 3400 }] }]))
      .expect(201);
    await expect(ask(C, GM_ZOETERWOUDE, { category: '01' }, '2026-12-01')).resolves.toMatchObject({ ok: true, tariffCents: 3400 });
  });

  it('should let a provider check only its own contracts over HTTP', async () => {
    const [A, B] = ['11110041', '11110042'];
    await contracted(A);
    await register(B);
    const own = await p.ctx.token({ org: `AGB:${A}`, roles: [Role.PROVIDER] });
    await p.svc.http.get('/api/procurement/v1/contract-check').query({ providerAgb: A, municipality: GM_LEIDEN, category: '02', code: '02A01', date: '2026-12-01' }).set(auth(own)).expect(200);
    const res = await p.svc.http.get('/api/procurement/v1/contract-check').query({ providerAgb: B, municipality: GM_LEIDEN, category: '02', date: '2026-12-01' }).set(auth(own)).expect(403);
    expect(res.body).toMatchObject({ code: 'OUT_OF_SCOPE', invalidParams: [expect.objectContaining({ name: 'providerAgb', code: 'OUT_OF_SCOPE' })] });
  });

  it('should reach another replica’s read model through the database once a write commits', async () => {
    const A = '11110051';
    await contracted(A);
    const replica = await p.ctx.start(AppModule, PROCUREMENT_APP_OPTIONS, { PROCUREMENT_JOB_INTERVAL_MS: '0' });
    replica.app.get(Clock).set('2026-11-23');
    const other = replica.app.get(CheckService);
    const q = { providerAgb: A, municipality: GM_LEIDERDORP, product: { category: '45' as never }, date: '2026-12-01' };
    await expect(other.check(q)).resolves.toMatchObject({ ok: true });
    expect(other.cached(q)).toMatchObject({ ok: true }); // warm: answered from memory
    const set = await p.svc.http
      .post('/api/procurement/v1/client-stops')
      .set(auth(p.manager))
      .send({ providerAgb: A, municipality: GM_LEIDERDORP, reason: 'intake paused', period: { start: '2026-11-23' } })
      .expect(201);
    await expect(waitFor(async () => ((await other.check(q)).ok === false ? other.check(q) : undefined), 3000, 'the other replica to see the stop')).resolves.toMatchObject({
      code: 'CLIENT_STOP',
      clientStopId: set.body.id,
    });
    await replica.close();
  });
});
