import { CEILING_THRESHOLD_REACHED_V1, CeilingThresholdReachedV1, Role, SPEND_REPORTED_V1, SpendReportedV1 } from '@vangnet/contracts';
import { EventProbe } from '@vangnet/testing';
import { auth, GM_LEIDEN, GM_LEIDERDORP, Procurement, provider, publishEvent, startProcurement } from './support';

// Each test registers its own providers (their AGB codes are the test's own).

describe('spend ceilings and their thresholds', () => {
  let p: Procurement;
  let fired: EventProbe<CeilingThresholdReachedV1>;
  const put = (agb: string, municipality: string, year: number, ceilingCents: unknown, token = p.manager) =>
    p.svc.http.put(`/api/procurement/v1/ceilings/${agb}/${municipality}/${year}`).set(auth(token)).send({ ceilingCents });
  const spend = (agb: string, municipality: string, spendCents: number, sequence: number, id?: string) =>
    publishEvent<SpendReportedV1>(p.ctx, SPEND_REPORTED_V1, { providerAgb: agb, municipality, year: 2026, spendCents, sequence }, { id, municipality });
  const percents = (agb: string, municipality: string) =>
    fired.matching((e) => e.data.providerAgb === agb && e.data.municipality === municipality).map((e) => e.data.thresholdPercent);

  const register = async (...agbs: string[]) => {
    for (const agb of agbs) await p.svc.http.post('/api/procurement/v1/providers').set(auth(p.manager)).send(provider(agb)).expect(201);
  };

  beforeAll(async () => {
    p = await startProcurement('2026-06-01');
    fired = await p.ctx.probe<CeilingThresholdReachedV1>(CEILING_THRESHOLD_REACHED_V1);
  });

  afterAll(() => p.close());

  it('should fire 70, 90 and 100 % once each, whatever repeats or arrives out of order', async () => {
    const A = '44440001';
    await register(A);
    await put(A, GM_LEIDEN, 2026, 1_000_000).expect(201);
    await spend(A, GM_LEIDEN, 500_000, 1);
    const third = await spend(A, GM_LEIDEN, 950_000, 3); // overtakes the second
    await spend(A, GM_LEIDEN, 750_000, 2); // late: ignored
    await spend(A, GM_LEIDEN, 950_000, 3, third.id); // the same event again (redelivery)
    await spend(A, GM_LEIDEN, 960_000, 3); // a new report with an old sequence
    await spend(A, GM_LEIDEN, 1_000_000, 4);
    // The stream is consumed in order: once 100 % has fired, every earlier report has been handled.
    await fired.next((e) => e.data.providerAgb === A && e.data.thresholdPercent === 100);
    await spend(A, GM_LEIDEN, 1_200_000, 5);
    await expect(waitForSpend(A, GM_LEIDEN, 5)).resolves.toMatchObject({ ceilingCents: 1_000_000, spendCents: 1_200_000, usedBasisPoints: 12_000 });
    expect(percents(A, GM_LEIDEN)).toEqual([70, 90, 100]);
    const seventy = fired.matching((e) => e.data.providerAgb === A && e.data.thresholdPercent === 70)[0];
    expect(seventy).toMatchObject({ municipality: GM_LEIDEN, data: { year: 2026, spendCents: 950_000, ceilingCents: 1_000_000 } });
    // Published after everything A's reports for Leiden could have caused: still once each.
    await put(A, GM_LEIDERDORP, 2026, 1000).expect(201);
    await spend(A, GM_LEIDERDORP, 1000, 1);
    await fired.next((e) => e.data.providerAgb === A && e.data.municipality === GM_LEIDERDORP && e.data.thresholdPercent === 100);
    expect(percents(A, GM_LEIDEN).sort()).toEqual([100, 70, 90]);
  });

  it('should fire at PUT time when a ceiling is set at or below the spend already reported', async () => {
    const B = '44440012';
    await register(B);
    await spend(B, GM_LEIDERDORP, 800_000, 1); // no ceiling yet: nothing to compare with
    const before = await waitForSpend(B, GM_LEIDERDORP, 1);
    expect(before).toMatchObject({ ceilingCents: null, spendCents: 800_000, thresholdsReached: [] });
    const first = await put(B, GM_LEIDERDORP, 2026, 1_000_000).expect(201);
    expect(first.body.thresholdsReached.map((t: { thresholdPercent: number }) => t.thresholdPercent)).toEqual([70]);
    const stale = await put(B, GM_LEIDERDORP, 2026, 800_000).set('If-Match', 'W/"5"').expect(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    const lowered = await put(B, GM_LEIDERDORP, 2026, 800_000).set('If-Match', first.headers.etag).expect(200);
    expect(lowered.body.thresholdsReached.map((t: { thresholdPercent: number }) => t.thresholdPercent)).toEqual([70, 90, 100]);
    await put(B, GM_LEIDERDORP, 2026, 700_000).expect(200); // lower again: nothing new fires
    await fired.next((e) => e.data.providerAgb === B && e.data.thresholdPercent === 100);
    expect(percents(B, GM_LEIDERDORP).sort()).toEqual([100, 70, 90]);
  });

  it('should refuse bad ceilings naming the field, and show a provider only its own', async () => {
    const [A, B] = ['44440021', '44440022'];
    await register(A, B);
    await put(A, GM_LEIDEN, 2026, 1_000_000).expect(201);
    await put(B, GM_LEIDERDORP, 2026, 1_000_000).expect(201);
    const unknown = await put('55550000', GM_LEIDEN, 2026, 1000).expect(422);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_PROVIDER', invalidParams: [expect.objectContaining({ name: 'agb' })] });
    const negative = await put(A, GM_LEIDEN, 2026, -5).expect(400);
    expect(negative.body.invalidParams).toEqual([expect.objectContaining({ name: 'ceilingCents', code: 'INVALID_AMOUNT' })]);
    const badPath = await p.svc.http.get(`/api/procurement/v1/ceilings/123/${GM_LEIDEN}/1999`).set(auth(p.manager)).expect(400);
    expect(badPath.body.invalidParams.map((x: { name: string }) => x.name).sort()).toEqual(['agb', 'year']);

    const providerA = await p.ctx.token({ org: `AGB:${A}`, roles: [Role.PROVIDER] });
    await p.svc.http.get(`/api/procurement/v1/ceilings/${A}/${GM_LEIDEN}/2026`).set(auth(providerA)).expect(200);
    await p.svc.http.get(`/api/procurement/v1/ceilings/${B}/${GM_LEIDERDORP}/2026`).set(auth(providerA)).expect(403);
    const list = await p.svc.http.get('/api/procurement/v1/ceilings').query({ year: 2026 }).set(auth(providerA)).expect(200);
    expect(list.body.items.map((c: { providerAgb: string }) => c.providerAgb)).toEqual([A]);
    await put(A, GM_LEIDEN, 2026, 1000, providerA).expect(403);
    const leiderdorp = await p.ctx.token({ org: GM_LEIDERDORP, roles: [Role.PROCUREMENT_CONTRACT_MANAGER], municipalities: [GM_LEIDERDORP] });
    await put(A, GM_LEIDEN, 2026, 1000, leiderdorp).expect(403);
    await p.svc.http.get(`/api/procurement/v1/ceilings/${A}/${GM_LEIDEN}/2026`).set(auth(leiderdorp)).expect(403);
  });

  async function waitForSpend(agb: string, municipality: string, sequence: number) {
    for (let i = 0; i < 100; i++) {
      const r = await p.svc.http.get(`/api/procurement/v1/ceilings/${agb}/${municipality}/2026`).set(auth(p.manager));
      if (r.status === 200 && r.body.spendSequence === sequence) return r.body;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error(`spend ${sequence} for ${agb} did not arrive`);
  }
});
