import { lastDayOfMonth } from '@vangnet/contracts';
import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { vangnetClient } from './client';
import { RunningPlatform } from './platform';

// One resident's route through the real services, over HTTP only: procurement contracts a
// provider, access decides (asking procurement's check), finance books the commitment and
// assesses the provider's declaration, procurement raises the ceiling alerts from finance's
// spend, and a client stop in procurement refuses the next decision in access with its code.

const ALL = ['GM0546', 'GM0547', 'GM0579', 'GM0626', 'GM0638'];
const AGB = '97000011';
const TODAY = '2026-11-23';

/** A BSN that passes the eleven-proof, distinct per n. */
function bsn(n: number): string {
  for (let i = 0; ; i++) {
    const digits = String(700_000_000 + n * 1000 + i).padStart(9, '0').slice(0, 8);
    const sum = [...digits].reduce((s, d, k) => s + Number(d) * (9 - k), 0);
    const check = sum % 11;
    if (check < 10) return digits + String(check);
  }
}

describe('a resident’s route across the services', () => {
  let p: RunningPlatform;
  let manager: string;
  let caseworker: string;
  let decider: string;
  let controller: string;
  let provider: string;
  const spans = join(mkdtempSync(join(tmpdir(), 'vangnet-spans-')), 'spans.jsonl');

  beforeAll(async () => {
    // A fixed today, so the route's dates (and what may be declared yet) never drift.
    // Every service writes its spans to one file (OpenTelemetry, ADR 0014), so the trace of one
    // decision can be followed across them.
    p = await RunningPlatform.start({ demo: false, today: TODAY, env: { VANGNET_TRACE_TEST_FILE: spans } });
    manager = await p.token({ org: 'GM0546', roles: ['procurement.contract-manager'], municipalities: ALL });
    caseworker = await p.token({ org: 'GM0546', roles: ['access.caseworker'], municipalities: ['GM0546'] });
    decider = await p.token({ org: 'GM0546', roles: ['access.decision-maker'], municipalities: ['GM0546'] });
    controller = await p.token({ org: 'GM0546', roles: ['finance.controller'], municipalities: ['GM0546'] });
    provider = await p.token({ sub: 'zorg-e2e', org: `AGB:${AGB}`, roles: ['provider'] });
  }, 200_000);

  afterAll(() => p?.stop());

  const ok = async (method: string, path: string, token: string, body?: unknown, status = [200, 201]) => {
    const res = await p.request(method, path, { token, body });
    if (!status.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** A person with an open Wmo application in Leiden; returns the application id. */
  const applicant = async (n: number) => {
    const person = await ok('POST', '/api/access/v1/persons', caseworker, {
      bsn: bsn(n),
      familyName: `Route${n}`,
      givenName: 'Sam',
      birthDate: '1975-03-14',
      brpMunicipality: 'GM0546',
      municipality: 'GM0546',
    });
    return (await ok('POST', '/api/access/v1/applications', caseworker, { personId: person.id, municipality: 'GM0546', law: 'WMO' })).id as string;
  };

  const guidance = (start: string, end: string) => ({
    product: { category: '02' },
    deliveryForm: 'IN_KIND',
    providerAgb: AGB,
    volume: { amount: 4, unit: 'HOUR', frequency: 'PER_WEEK' },
    period: { start, end },
  });

  let longProvision: string;
  let shortProvision: string;

  it('should contract a provider for the region in procurement', async () => {
    await ok('POST', '/api/procurement/v1/providers', manager, { agb: AGB, kvk: '70000011', name: 'Zorg E2E', kind: 'CARE_PROVIDER', contact: { email: 'inkoop@e2e.example' } });
    const contract = await ok('POST', '/api/procurement/v1/contracts', manager, {
      reference: 'E2E-2026',
      providerAgb: AGB,
      municipalities: ALL,
      term: { start: '2026-01-01', end: '2027-12-31' },
      products: [
        {
          product: { category: '02' },
          variant: 'EFFORT',
          unit: 'HOUR',
          crisis: false,
          tariffs: [
            { year: 2026, tariffCents: 6000 },
            { year: 2027, tariffCents: 6200 },
          ],
        },
      ],
    });
    expect(contract.status).toBe('ACTIVE');
    await ok('PUT', `/api/procurement/v1/ceilings/${AGB}/GM0546/2026`, manager, { ceilingCents: 100_000 });
  });

  it('should grant an in-kind provision in access after procurement’s check, and book its exact commitment in finance', async () => {
    const decision = await ok('POST', '/api/access/v1/decisions', decider, { applicationId: await applicant(1), provisions: [guidance('2026-12-01', '2027-11-30')] });
    const read = await ok('GET', `/api/access/v1/decisions/${decision.id}`, decider);
    longProvision = read.provisions[0].provisionId;
    expect(read.provisions[0]).toMatchObject({ providerAgb: AGB, tariffCents: 6000, responsibleMunicipality: 'GM0546' });
    // 4 hours a week = 4/7 hour a day: 31 days at € 60 in 2026 and 334 days at € 62 in 2027,
    // rounded once (exactly € 12,896.00), then split over the years by largest remainder.
    const booked = await p.until(`/api/finance/v1/commitments?provisionId=${longProvision}`, controller, (r) => r.status === 200 && r.body.status === 'BOOKED', 20_000);
    expect(booked.body.totalCents).toBe(1_289_600);
    expect(booked.body.years).toEqual([
      { year: 2026, amountCents: 106_286 },
      { year: 2027, amountCents: 1_183_314 },
    ]);
  });

  it('should show one decision as one trace from the gateway through access and procurement to finance', async () => {
    const traceId = [...Array(32)].map((_, i) => '0123456789abcdef'[(i * 7 + 3) % 16]).join('');
    const traceparent = `00-${traceId}-${'a1b2c3d4e5f60718'}-01`;
    const applicationId = await applicant(5);
    const res = await p.request('POST', '/api/access/v1/decisions', { token: decider, body: { applicationId, provisions: [guidance('2026-12-01', '2026-12-31')] }, headers: { traceparent } });
    expect(res.status).toBe(201);
    const read = await ok('GET', `/api/access/v1/decisions/${res.body.id}`, decider);
    await p.until(`/api/finance/v1/commitments?provisionId=${read.provisions[0].provisionId}`, controller, (r) => r.status === 200 && r.body.status === 'BOOKED', 20_000);
    type Span = { service: string; name: string; kind: string; traceId: string; spanId: string; parentSpanId?: string };
    let trace: Span[] = [];
    for (let waited = 0; waited < 10_000; waited += 250) {
      trace = existsSync(spans) ? readFileSync(spans, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Span).filter((s) => s.traceId === traceId) : [];
      if (trace.some((s) => s.service === 'finance' && s.kind === 'CONSUMER')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const services = new Set(trace.map((s) => s.service));
    console.log(`one decision's trace ${traceId}: ${trace.length} spans — ${trace.map((s) => `${s.service}:${s.kind}:${s.name}`).join(', ')}`);
    expect([...services].sort()).toEqual(expect.arrayContaining(['access', 'finance', 'gateway', 'procurement']));
    // The gateway's span is the caller's child; access's server span is the gateway's child.
    const gateway = trace.find((s) => s.service === 'gateway' && s.kind === 'SERVER');
    expect(gateway?.parentSpanId).toBe('a1b2c3d4e5f60718');
    expect(trace.find((s) => s.service === 'access' && s.kind === 'SERVER')?.parentSpanId).toBe(gateway?.spanId);
    // Procurement answered access's contract check, and finance applied the granted event, inside it.
    expect(trace.some((s) => s.service === 'procurement' && s.kind === 'SERVER')).toBe(true);
    expect(trace.some((s) => s.service === 'finance' && s.kind === 'CONSUMER')).toBe(true);
  });

  it('should assess the provider’s declaration in finance and raise procurement’s ceiling alerts from the spend', async () => {
    const decision = await ok('POST', '/api/access/v1/decisions', decider, { applicationId: await applicant(2), provisions: [guidance('2026-09-01', '2026-12-31')] });
    shortProvision = (await ok('GET', `/api/access/v1/decisions/${decision.id}`, decider)).provisions[0].provisionId;
    await p.until(`/api/finance/v1/commitments?provisionId=${shortProvision}`, controller, (r) => r.status === 200 && r.body.status === 'BOOKED', 20_000);
    const line = {
      provisionId: shortProvision,
      product: { category: '02' },
      unit: 'HOUR',
      tariffCents: 6000,
      debitCredit: 'DEBIT',
    };
    const declare = (number: string, month: string, volume: number) => {
      const period = { start: `${month}-01`, end: lastDayOfMonth(`${month}-01`) };
      return ok('POST', '/api/finance/v1/declarations', provider, {
        municipality: 'GM0546',
        declarationNumber: number,
        period,
        lines: [{ ...line, reference: `${number}-L1`, period, volume, amountCents: volume * 6000 }],
      });
    };
    const september = await ok('GET', `/api/finance/v1/declarations/${(await declare('E2E-D1', '2026-09', 16)).id}`, provider);
    expect(september.totals).toMatchObject({ submittedCents: 96_000, approvedCents: 96_000 });
    expect(september.lines[0]).toMatchObject({ status: 'APPROVED', retourCode: '8001' });
    // 4 hours a week over October's 31 days is at most 17.7 hours; 40 is refused with its code.
    const october = await ok('GET', `/api/finance/v1/declarations/${(await declare('E2E-D2', '2026-10', 40)).id}`, provider);
    expect(october.totals).toMatchObject({ submittedCents: 240_000, approvedCents: 0 });
    expect(october.lines[0].retourCode).toMatch(/^932[12]$/);
    // Finance reports € 960 spend against a € 1,000 ceiling: 70 % and 90 % fire, 100 % not yet.
    const ceiling = await p.until(`/api/procurement/v1/ceilings/${AGB}/GM0546/2026`, manager, (r) => r.body?.spendCents === 96_000 && r.body.thresholdsReached.length >= 2, 20_000);
    expect(ceiling.body.thresholdsReached.map((t: { thresholdPercent: number }) => t.thresholdPercent).sort()).toEqual([70, 90]);
  });

  it('should run the route through a client generated from the API catalogue, typed end to end', async () => {
    const asCaseworker = vangnetClient(p.gateway, caseworker);
    const asDecider = vangnetClient(p.gateway, decider);
    const person = await asCaseworker.POST('/api/access/v1/persons', {
      body: { bsn: bsn(4), familyName: 'Client4', givenName: 'Sam', birthDate: '1980-06-01', brpMunicipality: 'GM0546', municipality: 'GM0546' },
    });
    expect(person.response.status).toBe(201);
    const application = await asCaseworker.POST('/api/access/v1/applications', { body: { personId: person.data!.id, municipality: 'GM0546', law: 'WMO' } });
    expect(application.response.status).toBe(201);
    const decision = await asDecider.POST('/api/access/v1/decisions', {
      body: {
        applicationId: application.data!.id,
        provisions: [{ product: { category: '02' }, deliveryForm: 'IN_KIND', providerAgb: AGB, volume: { amount: 2, unit: 'HOUR', frequency: 'PER_WEEK' }, period: { start: '2026-12-01', end: '2026-12-31' } }],
      },
    });
    expect(decision.response.status).toBe(201);
    const read = await asDecider.GET('/api/access/v1/decisions/{id}', { params: { path: { id: decision.data!.id } } });
    expect(read.data!.provisions[0]).toMatchObject({ providerAgb: AGB, tariffCents: 6000 });
    const provisionId = read.data!.provisions[0].provisionId;
    const asController = vangnetClient(p.gateway, controller);
    await p.until(`/api/finance/v1/commitments?provisionId=${provisionId}`, controller, (r) => r.status === 200 && r.body.status === 'BOOKED', 20_000);
    const commitment = await asController.GET('/api/finance/v1/commitments', { params: { query: { provisionId } } });
    expect(commitment.data).toMatchObject({ status: 'BOOKED', totalCents: expect.any(Number), years: [{ year: 2026, amountCents: expect.any(Number) }] });
    const ceiling = await vangnetClient(p.gateway, manager).GET('/api/procurement/v1/ceilings/{agb}/{municipality}/{year}', { params: { path: { agb: AGB, municipality: 'GM0546', year: 2026 } } });
    expect(ceiling.response.status).toBe(200);
    // A problem answer is typed too: bad input names its field.
    const bad = await asCaseworker.POST('/api/access/v1/persons', { body: { bsn: '123', familyName: 'X', municipality: 'GM0546' } });
    expect(bad.response.status).toBe(400);
    expect(bad.error).toMatchObject({ code: expect.any(String), invalidParams: expect.arrayContaining([expect.objectContaining({ name: 'bsn' })]) });
  });

  it('should refuse the next in-kind provision with procurement’s own code once a client stop is set', async () => {
    await ok('POST', '/api/procurement/v1/client-stops', manager, { providerAgb: AGB, municipality: 'GM0546', reason: 'Bestedingsruimte bijna op', period: { start: TODAY } });
    const applicationId = await applicant(3);
    const refused = await p.request('POST', '/api/access/v1/decisions', { token: decider, body: { applicationId, provisions: [guidance('2026-12-01', '2027-05-31')] } });
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body.code).toBe('CLIENT_STOP');
    // Nothing was half-written: the application is still open and can be decided another way (a PGB).
    const pgb = { product: { category: '02' }, deliveryForm: 'PGB', budgetCents: 480_000, period: { start: '2026-12-01', end: '2027-05-31' } };
    await ok('POST', '/api/access/v1/decisions', decider, { applicationId, provisions: [pgb] });
  });
});
