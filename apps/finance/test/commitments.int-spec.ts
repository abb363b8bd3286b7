import { PROVISION_CHANGED_V1, PROVISION_ENDED_V1, PROVISION_GRANTED_V1, TARIFF_PUBLISHED_V1, Unit, Frequency } from '@vangnet/contracts';
import { TestContext, TestService, waitFor } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import {
  aChange,
  aContractedProvider,
  aGrant,
  anEnd,
  aTariff,
  commitmentOf,
  LEIDEN,
  LEIDERDORP,
  OEGSTGEEST,
  ProcurementTariffStandIn,
  publishEvent,
  startFinance,
  Tokens,
  tokens,
  waitForCommitment,
  yearsOf,
} from './support/finance';

describe('commitments from provision events', () => {
  let ctx: TestContext;
  let svc: TestService;
  let t: Tokens;
  let db: DataSource;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startFinance(ctx, '2026-06-15');
    db = svc.app.get(DataSource);
    t = await tokens(ctx);
  });

  /** A provider of the test's own whose contract procurement published: 65.00 an hour in 2026, 67.00 in 2027. */
  const aProvider = () => aContractedProvider(ctx, [{ year: 2026, tariffCents: 6500 }, { year: 2027, tariffCents: 6700, validFrom: '2027-01-01' }]);

  afterAll(() => ctx.close());

  it('should book the exact commitment per year for 4 hours a week over 18 months across a year boundary', async () => {
    const grant = aGrant({ providerAgb: await aProvider(), validFrom: '2026-07-01', period: { start: '2026-07-01', end: '2027-12-31' } });
    await publishEvent(ctx, PROVISION_GRANTED_V1, grant);
    const body = await waitForCommitment(svc, t.controller, grant.provisionId, (b) => b.status === 'BOOKED');
    // 2026: 184 days × 4/7 h × € 65 = € 6834.2857…; 2027: 365 days × 4/7 h × € 67 = € 13974.2857…
    // One rounding of the total (€ 20808.57), then largest remainder over the years.
    expect(body.totalCents).toBe(2_080_857);
    expect(yearsOf(body)).toEqual([
      { year: 2026, amountCents: 683_429 },
      { year: 2027, amountCents: 1_397_428 },
    ]);
    const months = body.months as Array<{ month: string; year: number; amountCents: number; tariffCents: number }>;
    expect(months).toHaveLength(18);
    expect(months.filter((m) => m.year === 2027).every((m) => m.tariffCents === 6700)).toBe(true);
    expect(months.filter((m) => m.year === 2026).reduce((a, m) => a + m.amountCents, 0)).toBe(683_429);

    // Ending it early (last day 31 March 2027) releases the rest.
    await publishEvent(ctx, PROVISION_ENDED_V1, anEnd(grant, '2027-03-31'));
    const ended = await waitForCommitment(svc, t.controller, grant.provisionId, (b) => b.endDate === '2027-03-31');
    // 2027 now 90 days: 90 × 4/7 × 6700 = 344571.43 → total 683428.57 + 344571.43 = 1028000.00
    expect(ended.totalCents).toBe(1_028_000);
    expect(yearsOf(ended)).toEqual([
      { year: 2026, amountCents: 683_429 },
      { year: 2027, amountCents: 344_571 },
    ]);
    const mutations = ended.mutations as Array<{ year: number; kind: string; deltaCents: number }>;
    expect(mutations).toEqual(
      expect.arrayContaining([
        // The tariffs and the grant come on two streams: when the grant is first, 2026 is booked and
        // the lineage PARTLY_PRICED until 2027's tariff completes it (journal REBOOKED, issue 12);
        // otherwise both years are booked at once (BOOKED). The amounts are the same either way.
        expect.objectContaining({ year: 2027, kind: expect.stringMatching(/^(BOOKED|REBOOKED)$/), deltaCents: 1_397_428 }),
        expect.objectContaining({ year: 2027, kind: 'RELEASED', deltaCents: 344_571 - 1_397_428 }),
      ]),
    );
    // The list per municipality and year shows it, and routes accept any version's id.
    const list = await svc.http.get(`/api/finance/v1/commitments?municipality=${LEIDEN}&year=2027`).set('Authorization', `Bearer ${t.controller}`).expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ lineageId: grant.lineageId, yearCents: 344_571 })]);
    expect(list.body.totalCents).toBe(344_571);
  });

  it('should end up with the same commitments whether events arrive in order, reordered or replayed', async () => {
    const v1 = aGrant({ providerAgb: await aProvider(), validFrom: '2026-03-01', period: { start: '2026-03-01', end: '2027-02-28' } });
    const v2 = aChange(v1, { validFrom: '2026-09-01', volume: { amount: 6, unit: Unit.HOUR, frequency: Frequency.PER_WEEK }, responsibleMunicipality: LEIDERDORP });
    const end = anEnd(v1, '2027-01-31');
    // In order, for a twin lineage.
    const twin1 = aGrant({ ...v1, provisionId: randomUUID(), lineageId: undefined as unknown as string });
    twin1.lineageId = twin1.provisionId;
    const twin2 = aChange(twin1, { validFrom: v2.validFrom, volume: v2.volume, responsibleMunicipality: LEIDERDORP });
    await publishEvent(ctx, PROVISION_GRANTED_V1, twin1);
    await publishEvent(ctx, PROVISION_CHANGED_V1, twin2);
    await publishEvent(ctx, PROVISION_ENDED_V1, anEnd(twin1, '2027-01-31'));
    // Reordered: the end first, then the change, then the grant; and each replayed under a new event id.
    await publishEvent(ctx, PROVISION_ENDED_V1, end);
    await publishEvent(ctx, PROVISION_CHANGED_V1, v2);
    const early = await waitForCommitment(svc, t.controller, v2.provisionId, (b) => b.status === 'BOOKED');
    expect((early.versions as unknown[]).length).toBe(1);
    await publishEvent(ctx, PROVISION_GRANTED_V1, v1);
    for (const [type, data] of [[PROVISION_GRANTED_V1, v1], [PROVISION_CHANGED_V1, v2], [PROVISION_ENDED_V1, end]] as const) {
      await publishEvent(ctx, type, data);
    }
    const inOrder = await waitForCommitment(svc, t.controller, twin1.provisionId, (b) => b.endDate === '2027-01-31' && (b.versions as unknown[]).length === 2);
    const reordered = await waitForCommitment(svc, t.controller, v1.provisionId, (b) => b.endDate === '2027-01-31' && (b.versions as unknown[]).length === 2);
    const strip = (b: Record<string, unknown>) => ({
      totalCents: b.totalCents,
      years: b.years,
      months: (b.months as Array<Record<string, unknown>>).map(({ provisionId: _p, ...m }) => m),
    });
    expect(strip(reordered)).toEqual(strip(inOrder));
    // From 1 September the change is Leiderdorp's to pay.
    const months = reordered.months as Array<{ month: string; municipality: string }>;
    expect(months.find((m) => m.month === '2026-08')?.municipality).toBe(LEIDEN);
    expect(months.find((m) => m.month === '2026-09')?.municipality).toBe(LEIDERDORP);
    // A replay stored nothing twice.
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM provision_version WHERE lineage_id = $1', [v1.lineageId]);
    expect(n).toBe(2);
  });

  it('should wait for a tariff it does not know, ask procurement, and book once it answers', async () => {
    const providerAgb = await aProvider();
    const standIn = await new ProcurementTariffStandIn({ '02|2026': 6500, '07|2026': 4200 }).start(ctx);
    try {
      // Day activities (07) has no published tariff: procurement's tariff.get answers 42.00.
      const grant = aGrant({ providerAgb, product: { category: '07' as never }, volume: { amount: 2, unit: Unit.HOUR, frequency: Frequency.PER_DAY }, period: { start: '2026-05-01', end: '2026-05-31' }, validFrom: '2026-05-01' });
      await publishEvent(ctx, PROVISION_GRANTED_V1, grant);
      const body = await waitForCommitment(svc, t.controller, grant.provisionId, (b) => b.status === 'BOOKED');
      expect(body.totalCents).toBe(31 * 2 * 4200);
      expect(standIn.asked).toEqual([expect.objectContaining({ providerAgb: grant.providerAgb, municipality: LEIDEN, product: { category: '07' }, date: '2026-05-01' })]);

      // 2028 is unknown everywhere: the lineage waits (no wrong amount) until the tariff is published.
      const later = aGrant({ providerAgb, validFrom: '2028-01-01', period: { start: '2028-01-01', end: '2028-01-31' } });
      await publishEvent(ctx, PROVISION_GRANTED_V1, later);
      const pending = await waitForCommitment(svc, t.controller, later.provisionId, (b) => b.status === 'PENDING_TARIFF');
      expect(pending.totalCents).toBe(0);
      expect(pending.months).toEqual([]);
      await publishEvent(ctx, TARIFF_PUBLISHED_V1, aTariff({ providerAgb, year: 2028, tariffCents: 7000, validFrom: '2028-01-01' }), { municipality: null });
      const booked = await waitForCommitment(svc, t.controller, later.provisionId, (b) => b.status === 'BOOKED');
      // 31 days × 4/7 h × 70.00 = 1240.00
      expect(booked.totalCents).toBe(124_000);
    } finally {
      await standIn.stop();
    }
  });

  it('should book a provision past the contract’s term for the priced years, list the rest, and complete it when the tariff is published', async () => {
    // Issue 12: the contract has tariffs for 2026 and 2027; the provision runs to 31 March 2028.
    // Oegstgeest decides and pays, so its 2028 budget report holds this lineage alone.
    const contractId = randomUUID();
    const providerAgb = await aContractedProvider(ctx, [
      { contractId, year: 2026, tariffCents: 6500 },
      { contractId, year: 2027, tariffCents: 6700, validFrom: '2027-01-01' },
    ]);
    const grant = aGrant({ providerAgb, validFrom: '2026-07-01', period: { start: '2026-07-01', end: '2028-03-31' }, municipality: OEGSTGEEST, responsibleMunicipality: OEGSTGEEST });
    // The tariffs and the grant come on two streams: this case is about 2028 alone, so both
    // published years are known before the grant arrives (else 2027 is briefly unpriced too).
    await waitFor(async () => (await db.query('SELECT count(*)::int AS n FROM tariff WHERE provider_agb = $1', [providerAgb]))[0].n === 2, 10_000, 'the 2026 and 2027 tariffs');
    await publishEvent(ctx, PROVISION_GRANTED_V1, grant, { municipality: OEGSTGEEST });
    const partly = await waitForCommitment(svc, t.otherMunicipality, grant.provisionId, (b) => b.status === 'PARTLY_PRICED');
    // 2026 and 2027 booked as in the first case (one rounding over the priced years); 2028 listed, not booked.
    expect(partly.totalCents).toBe(2_080_857);
    expect(yearsOf(partly)).toEqual([
      { year: 2026, amountCents: 683_429 },
      { year: 2027, amountCents: 1_397_428 },
    ]);
    expect(partly.unpricedYears).toEqual([2028]);
    // Indicative: Jan–Mar 2028 (91 days) × 4/7 h × 67.00 (2027's tariff) = 348 400.
    expect(partly.unpriced).toEqual([{ year: 2028, provisionId: grant.provisionId, municipality: OEGSTGEEST, estimateCents: 348_400, estimateTariffYear: 2027 }]);
    expect(partly.reason).toContain('2028');

    // The budget forecast of 2028 shows the unpriced part apart from committed and forecast.
    const report = async () => (await svc.http.get(`/api/finance/v1/reports/budget?municipality=${OEGSTGEEST}&year=2028`).set('Authorization', `Bearer ${t.otherMunicipality}`).expect(200)).body;
    const before = await report();
    expect(before.totals).toMatchObject({ committedCents: 0, forecastCents: 0, unpriced: { lineages: 1, estimateCents: 348_400, withoutEstimate: 0 } });
    expect(before.unallocated).toEqual([expect.objectContaining({ domain: 'WMO', committedCents: 0, unpriced: { lineages: 1, estimateCents: 348_400, withoutEstimate: 0 } })]);

    // Procurement publishes 2028 (the contract is extended): the commitment is completed.
    await publishEvent(ctx, TARIFF_PUBLISHED_V1, aTariff({ contractId, providerAgb, year: 2028, tariffCents: 7000, validFrom: '2028-01-01' }), { municipality: null });
    const booked = await waitForCommitment(svc, t.otherMunicipality, grant.provisionId, (b) => b.status === 'BOOKED');
    // 683 428.57… + 1 397 428.57… + 91 × 4/7 × 70.00 (364 000) = 2 444 857.14… → 2 444 857
    expect(booked.totalCents).toBe(2_444_857);
    expect(yearsOf(booked).map((y) => y.year)).toEqual([2026, 2027, 2028]);
    expect(yearsOf(booked).reduce((a, y) => a + y.amountCents, 0)).toBe(2_444_857);
    expect(booked.unpricedYears).toEqual([]);
    expect(booked.reason).toBeNull();
    expect(booked.mutations).toEqual(expect.arrayContaining([expect.objectContaining({ year: 2028, kind: 'REBOOKED' })]));
    const after = await report();
    expect(after.totals).toMatchObject({ committedCents: yearsOf(booked)[2].amountCents, unpriced: { lineages: 0, estimateCents: 0, withoutEstimate: 0 } });
  });

  it('should dead-letter a version that claims another provision’s place and keep the commitment', async () => {
    const grant = aGrant({ providerAgb: await aProvider() });
    await publishEvent(ctx, PROVISION_GRANTED_V1, grant);
    await waitForCommitment(svc, t.controller, grant.provisionId, (b) => b.status === 'BOOKED');
    const impostor = { ...grant, provisionId: randomUUID() };
    const id = await publishEvent(ctx, PROVISION_GRANTED_V1, impostor);
    await waitForCommitment(svc, t.controller, grant.provisionId, () => true);
    const letters = await (async () => {
      for (let i = 0; i < 100; i++) {
        const rows = await db.query('SELECT error_code FROM dead_letter WHERE message_id = $1', [id]);
        if (rows.length) return rows;
        await new Promise((r) => setTimeout(r, 100));
      }
      return [];
    })();
    expect(letters).toEqual([{ error_code: 'VERSION_CONFLICT' }]);
  });

  it('should show a provision only to controllers of its municipalities and refuse a query without a key', async () => {
    const grant = aGrant({ providerAgb: await aProvider() });
    await publishEvent(ctx, PROVISION_GRANTED_V1, grant);
    await waitForCommitment(svc, t.controller, grant.provisionId, (b) => b.status === 'BOOKED');
    await expect(commitmentOf(svc, t.otherMunicipality, grant.provisionId)).resolves.toMatchObject({ status: 404 });
    await svc.http.get(`/api/finance/v1/commitments?provisionId=${grant.provisionId}`).set('Authorization', `Bearer ${t.provider}`).expect(403);
    const bad = await svc.http.get('/api/finance/v1/commitments').set('Authorization', `Bearer ${t.controller}`).expect(400);
    expect(bad.body.invalidParams).toEqual([expect.objectContaining({ name: 'provisionId', code: 'QUERY_NEEDS_PROVISION_OR_MUNICIPALITY_YEAR' })]);
    const notUuid = await svc.http.get('/api/finance/v1/commitments?provisionId=nope').set('Authorization', `Bearer ${t.controller}`).expect(400);
    expect(notUuid.body.invalidParams).toEqual([expect.objectContaining({ name: 'provisionId', code: 'INVALID_UUID' })]);
  });
});
