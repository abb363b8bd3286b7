import { BUDGET_EXHAUSTION_ALERT_V1, BudgetExhaustionAlertV1 } from '@vangnet/contracts';
import { EventProbe, TestContext, TestService } from '@vangnet/testing';
import { DataSource } from 'typeorm';
import { aContractedProvider, aDeclarationBody, aGrant, aLineBody, controllerToken, grantAll, LEIDEN, LEIDERDORP, OEGSTGEEST, providerToken, startFinance, Tokens, tokens } from './support/finance';

// Each test works in a municipality of its own where it adds up figures (budgets in Zoeterwoude,
// payments in Voorschoten), with a provider of its own.
const ZOETERWOUDE = 'GM0638';
const VOORSCHOTEN = 'GM0626';

describe('budgets, funds, payments, reports and settlement', () => {
  let ctx: TestContext;
  let svc: TestService;
  let t: Tokens;
  let db: DataSource;
  let alerts: EventProbe<BudgetExhaustionAlertV1>;
  const api = '/api/finance/v1';

  const post = (path: string, token: string, body: object) => svc.http.post(`${api}${path}`).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token: string) => svc.http.get(`${api}${path}`).set('Authorization', `Bearer ${token}`);
  const declare = (provider: string, provisionId: string, month = '05', municipality = LEIDEN) => {
    const period = { start: `2026-${month}-01`, end: `2026-${month}-31` };
    return post('/declarations', provider, aDeclarationBody([aLineBody(provisionId, { period })], { municipality, period })).expect(201);
  };

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startFinance(ctx, '2026-06-15', { VANGNET_OPENAPI: 'true' });
    db = svc.app.get(DataSource);
    t = await tokens(ctx);
    alerts = await ctx.probe<BudgetExhaustionAlertV1>(BUDGET_EXHAUSTION_ALERT_V1);
  });

  afterAll(() => ctx.close());

  it('should be ready and describe its API in OpenAPI, bulk declarations included', async () => {
    await svc.http.get('/api/finance/health/ready').expect(200);
    const docs = await svc.http.get('/api/finance/docs-json').expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/finance/v1/declarations', '/api/finance/v1/funds/{id}/distribution', '/api/finance/v1/payment-batches/{id}/approval']));
    expect(docs.body.components.schemas.DeclarationLineDto.properties).toHaveProperty('amountCents');
  });

  it('should keep budgets per municipality, year, domain and kind, and alert once per threshold per line', async () => {
    // Guidance 4 h/week all of 2026 at € 65: 365 × 4/7 × 6500 = 1 355 714 cents committed on Zoeterwoude.
    const controller = await controllerToken(ctx, [ZOETERWOUDE]);
    const providerAgb = await aContractedProvider(ctx, [{ municipalities: [ZOETERWOUDE] }]);
    await grantAll(ctx, svc, controller, [aGrant({ providerAgb, municipality: ZOETERWOUDE, responsibleMunicipality: ZOETERWOUDE })]);
    const created = await post('/budgets', controller, {
      municipality: ZOETERWOUDE,
      year: 2026,
      domain: 'WMO',
      kind: 'STRUCTURAL',
      lines: [
        { name: 'Begeleiding', amountCents: 1_500_000, categories: ['02'], programme: 'Actielijn 2: thuis in de wijk' },
        { name: 'Overig Wmo', amountCents: 10_000_000 },
      ],
    }).expect(201);
    expect(created.body).toMatchObject({ municipality: ZOETERWOUDE, year: 2026, totalCents: 11_500_000, version: 1 });
    expect(created.headers.etag).toBe('W/"1"');
    const begeleiding = created.body.lines[0].id as string;

    // 1 355 714 of 1 500 000 is 90 %: the 80 and 90 % alerts, each once.
    const a90 = await alerts.next((e) => e.data.budgetLineId === begeleiding && e.data.thresholdPercent === 90);
    expect(a90.data).toMatchObject({ municipality: ZOETERWOUDE, year: 2026, percent: 90, committedCents: 1_355_714, budgetCents: 1_500_000 });
    await alerts.next((e) => e.data.budgetLineId === begeleiding && e.data.thresholdPercent === 80);
    await post(`/budgets/${created.body.id}/lines`, controller, { lines: [{ name: 'Extra', amountCents: 1 }] }).set('If-Match', 'W/"1"').expect(201);
    await post(`/budgets/${created.body.id}/lines`, controller, { lines: [{ name: 'Stale', amountCents: 1 }] }).set('If-Match', 'W/"1"').expect(412);

    const report = await get(`/reports/budget?municipality=${ZOETERWOUDE}&year=2026`, t.analyst).expect(200);
    const line = report.body.lines.find((l: { budgetLineId: string }) => l.budgetLineId === begeleiding);
    expect(line).toMatchObject({ committedCents: 1_355_714, forecastCents: 1_355_714, percent: 90, alertedThresholds: [80, 90], programme: 'Actielijn 2: thuis in de wijk' });
    expect(line.months).toHaveLength(12);
    expect(line.months.reduce((a: number, m: { committedCents: number }) => a + m.committedCents, 0)).toBe(1_355_714);
    expect(alerts.matching((e) => e.data.budgetLineId === begeleiding)).toHaveLength(2);

    // Bad input and scope.
    const dup = await post('/budgets', controller, { municipality: ZOETERWOUDE, year: 2026, domain: 'WMO', kind: 'STRUCTURAL', lines: [{ name: 'x', amountCents: 1 }] }).expect(409);
    expect(dup.body.code).toBe('BUDGET_EXISTS');
    const bad = await post('/budgets', controller, { municipality: ZOETERWOUDE, year: 2026, domain: 'JEUGD', kind: 'INCIDENTAL', lines: [{ name: 'x', amountCents: 1.5, categories: ['02'] }] }).expect(400);
    expect(bad.body.invalidParams).toEqual([expect.objectContaining({ name: 'lines[0].amountCents', code: 'INVALID_AMOUNT' })]);
    const domain = await post('/budgets', controller, { municipality: ZOETERWOUDE, year: 2026, domain: 'JEUGD', kind: 'INCIDENTAL', lines: [{ name: 'x', amountCents: 1, categories: ['02'] }] }).expect(400);
    expect(domain.body.invalidParams).toEqual([expect.objectContaining({ name: 'lines[0].categories[0]', code: 'CATEGORY_NOT_IN_DOMAIN' })]);
    const foreign = await post('/budgets', t.otherMunicipality, { municipality: ZOETERWOUDE, year: 2027, domain: 'WMO', kind: 'STRUCTURAL', lines: [{ name: 'x', amountCents: 1 }] }).expect(403);
    expect(foreign.body).toMatchObject({ code: 'OUT_OF_SCOPE', invalidParams: [expect.objectContaining({ name: 'municipality', code: 'OUT_OF_SCOPE' })] });
    const outOfScope = await get(`/reports/budget?municipality=${ZOETERWOUDE}&year=2026`, t.otherMunicipality).expect(403);
    expect(outOfScope.body).toMatchObject({ code: 'OUT_OF_SCOPE', invalidParams: [expect.objectContaining({ name: 'municipality' })] });
    const listed = await get('/budgets?year=2026', t.otherMunicipality).expect(200);
    expect(listed.body.items).toEqual([]);
  });

  it('should distribute a fund to the cent by a versioned key, the same key always giving the same parts', async () => {
    const fund = await post('/funds', t.controller, { ownerMunicipality: LEIDEN, name: 'Regionaal fonds BW en opvang', year: 2026, domain: 'MAATSCHAPPELIJKE_ZORG', totalCents: 100 }).expect(201);
    const equal = [
      { municipality: OEGSTGEEST, weight: 1 },
      { municipality: LEIDEN, weight: 1 },
      { municipality: LEIDERDORP, weight: 1 },
    ];
    const first = await post(`/funds/${fund.body.id}/distribution`, t.controller, { weights: equal, basis: 'equal shares' }).expect(201);
    expect(first.body).toMatchObject({ version: 1, totalCents: 100, sumCents: 100 });
    expect(first.body.parts.map((p: { municipality: string; partCents: number }) => [p.municipality, p.partCents])).toEqual([
      [LEIDEN, 34],
      [LEIDERDORP, 33],
      [OEGSTGEEST, 33],
    ]);
    const same = await post(`/funds/${fund.body.id}/distribution`, t.controller, { weights: [...equal].reverse() }).expect(200);
    expect(same.body).toEqual(first.body);
    const awkward = await post(`/funds/${fund.body.id}/distribution`, t.controller, {
      weights: [
        { municipality: LEIDEN, weight: 7 },
        { municipality: LEIDERDORP, weight: 7 },
        { municipality: OEGSTGEEST, weight: 3 },
      ],
    }).expect(201);
    expect(awkward.body.version).toBe(2);
    expect(awkward.body.parts.map((p: { partCents: number }) => p.partCents)).toEqual([41, 41, 18]);
    const twice = await post(`/funds/${fund.body.id}/distribution`, t.controller, { weights: [equal[0], equal[0]] }).expect(400);
    expect(twice.body.invalidParams).toEqual([expect.objectContaining({ name: 'weights[1].municipality', code: 'DUPLICATE_MUNICIPALITY' })]);
    const negative = await post(`/funds/${fund.body.id}/distribution`, t.controller, { weights: [{ municipality: LEIDEN, weight: -1 }] }).expect(400);
    expect(negative.body.invalidParams[0].name).toBe('weights[0].weight');
    await get(`/funds/${fund.body.id}/distribution?version=1`, t.analyst).expect(200, first.body);
    await get(`/funds/${fund.body.id}`, t.otherMunicipality).expect(200);
    // A recipient reads the fund but does not distribute it: 403 naming the owner, as the detail shows it exists.
    const recipient = await post(`/funds/${fund.body.id}/distribution`, t.otherMunicipality, { weights: equal }).expect(403);
    expect(recipient.body.invalidParams).toEqual([expect.objectContaining({ name: 'ownerMunicipality', code: 'OUT_OF_SCOPE' })]);
  });

  it('should pay approved amounts in a batch that a second controller approves, with insert-only decisions', async () => {
    const [controller, secondController] = [await controllerToken(ctx, [VOORSCHOTEN]), await controllerToken(ctx, [VOORSCHOTEN], 'controller-2')];
    const providerAgb = await aContractedProvider(ctx, [{ municipalities: [VOORSCHOTEN] }]);
    const provider = await providerToken(ctx, providerAgb);
    const guidance = aGrant({ providerAgb, municipality: VOORSCHOTEN, responsibleMunicipality: VOORSCHOTEN });
    await grantAll(ctx, svc, controller, [guidance]);
    const declared = await declare(provider, guidance.provisionId, '05', VOORSCHOTEN);
    const batch = await post('/payment-batches', controller, { municipality: VOORSCHOTEN, declarationIds: [declared.body.id] }).expect(201);
    expect(batch.body).toMatchObject({ status: 'PREPARED', totalCents: 65_000, declarationCount: 1, preparedBy: 'controller-1' });
    const self = await post(`/payment-batches/${batch.body.id}/approval`, controller, { decision: 'APPROVED' }).expect(403);
    expect(self.body.code).toBe('SAME_CONTROLLER');
    const approved = await post(`/payment-batches/${batch.body.id}/approval`, secondController, { decision: 'APPROVED', comment: 'akkoord' }).expect(201);
    expect(approved.body).toMatchObject({ status: 'APPROVED', decision: { decision: 'APPROVED', decidedBy: 'controller-2' } });
    const twice = await post(`/payment-batches/${batch.body.id}/approval`, secondController, { decision: 'REJECTED' }).expect(409);
    expect(twice.body.code).toBe('BATCH_ALREADY_DECIDED');
    await expect(db.query(`UPDATE payment_decision SET decision = 'REJECTED' WHERE batch_id = $1`, [batch.body.id])).rejects.toThrow(/insert-only/);
    await expect(db.query('DELETE FROM payment_batch_item WHERE batch_id = $1', [batch.body.id])).rejects.toThrow(/insert-only/);
    const none = await post('/payment-batches', controller, { municipality: VOORSCHOTEN, declarationIds: [declared.body.id] }).expect(409);
    expect(none.body.invalidParams).toEqual([expect.objectContaining({ name: 'declarationIds[0]', code: 'DECLARATION_NOT_PAYABLE' })]);

    // A rejected batch frees its declarations for the next one.
    const another = await declare(provider, guidance.provisionId, '03', VOORSCHOTEN);
    const b2 = await post('/payment-batches', secondController, { municipality: VOORSCHOTEN }).expect(201);
    expect(b2.body.items).toEqual([expect.objectContaining({ declarationId: another.body.id, amountCents: 65_000 })]);
    await post(`/payment-batches/${b2.body.id}/approval`, controller, { decision: 'REJECTED' }).expect(201);
    const b3 = await post('/payment-batches', controller, { municipality: VOORSCHOTEN }).expect(201);
    expect(b3.body.items.map((i: { declarationId: string }) => i.declarationId)).toEqual([another.body.id]);
    await post('/payment-batches', t.otherMunicipality, { municipality: VOORSCHOTEN }).expect(403);
    await post('/payment-batches', provider, { municipality: VOORSCHOTEN }).expect(403);
  });

  it('should settle what the responsible municipality owes the one that paid, and report cost per client', async () => {
    const providerAgb = await aContractedProvider(ctx);
    const provider = await providerToken(ctx, providerAgb);
    // Decided by Leiden, Leiderdorp responsible: Leiden pays the provider, Leiderdorp owes Leiden.
    const guidance = aGrant({ providerAgb });
    const leiderdorps = aGrant({ providerAgb, responsibleMunicipality: LEIDERDORP });
    await grantAll(ctx, svc, t.controller, [guidance, leiderdorps]);
    await declare(provider, leiderdorps.provisionId);
    // Leiden's own client, declared for two months.
    await declare(provider, guidance.provisionId, '05');
    await declare(provider, guidance.provisionId, '03');
    const statement = await get(`/settlements?from=${LEIDERDORP}&to=${LEIDEN}&period=2026-05`, t.controller).expect(200);
    expect(statement.body).toMatchObject({ from: LEIDERDORP, to: LEIDEN, owedCents: 65_000, reverseCents: 0, netCents: 65_000, lines: 1, clients: 1 });
    expect(statement.body.months).toEqual([{ month: '2026-05', amountCents: 65_000 }]);
    const q1 = await get(`/settlements?from=${LEIDERDORP}&to=${LEIDEN}&period=2026-Q1`, t.controller).expect(200);
    expect(q1.body.owedCents).toBe(0);
    const overview = await get('/settlements?period=2026', t.analyst).expect(200);
    expect(overview.body.owed).toEqual([{ from: LEIDERDORP, to: LEIDEN, amountCents: 65_000, clients: 1 }]);
    expect(overview.body.costsPerResponsibleMunicipality).toEqual(expect.arrayContaining([{ municipality: LEIDERDORP, amountCents: 65_000, paidByOthersCents: 65_000 }]));
    const bad = await get(`/settlements?from=${LEIDERDORP}&period=2026-13`, t.controller).expect(400);
    expect(bad.body.invalidParams).toEqual([expect.objectContaining({ name: 'period' })]);
    await get(`/settlements?from=${LEIDERDORP}&to=${LEIDEN}&period=2026`, t.otherMunicipality).expect(403);

    const cost = await get(`/reports/cost-per-client?municipality=${LEIDEN}&year=2026`, t.analyst).expect(200);
    expect(cost.body.total).toMatchObject({ clients: 1, amountCents: 130_000, averageCents: null });
    expect(cost.body.byCategory).toEqual([expect.objectContaining({ category: '02', clients: 1, amountCents: 130_000 })]);
  });
});
