import { FinancingVariant, TARIFF_GET, TariffGetReply, TariffGetRequest, Unit } from '@vangnet/contracts';
import { StubResponder, TestContext, TestService } from '@vangnet/testing';
import { DataSource } from 'typeorm';
import { aDeclarationBody, aGrant, aLineBody, anAgb, CONTRACT_ID, grantAll, LEIDEN, providerToken, startFinance, Tokens, tokens, waitForCommitment } from './support/finance';

// Service tests: finance alone, with procurement's `procurement.tariff.get` answered by a stub.
// Finance asks for a contract tariff its read model lacks, keeps the answer, and never books or
// approves without one: procurement silent is a 503 for a declaration and a waiting commitment.
describe('tariff questions to procurement', () => {
  let ctx: TestContext;
  let svc: TestService;
  let t: Tokens;
  let db: DataSource;
  let procurement: StubResponder<TariffGetRequest>;

  const answer = (tariffCents: number) => ({ reply: { contractId: CONTRACT_ID, variant: FinancingVariant.EFFORT, unit: Unit.HOUR, tariffCents, year: 2026 } satisfies TariffGetReply });
  const declaration = (provisionId: string) => aDeclarationBody([aLineBody(provisionId)]);
  const submit = (token: string, body: object) => svc.http.post('/api/finance/v1/declarations').set('Authorization', `Bearer ${token}`).send(body);
  const linesOf = async (agb: string): Promise<number> => (await db.query('SELECT count(*)::int AS n FROM declaration_line WHERE provider_agb = $1', [agb]))[0].n;
  /** A provider whose tariff finance does not know: its provision waits while procurement gives none. */
  const anUnpricedProvider = async () => {
    const agb = anAgb();
    const grant = aGrant({ providerAgb: agb });
    await grantAll(ctx, svc, t.controller, [grant], 'PENDING_TARIFF');
    return { agb, token: await providerToken(ctx, agb), grant };
  };

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startFinance(ctx, '2026-06-15');
    db = svc.app.get(DataSource);
    t = await tokens(ctx);
    procurement = await ctx.stub<TariffGetRequest>(TARIFF_GET, { silent: true }, { queue: 'procurement' });
  });

  afterAll(() => ctx.close());

  it('should ask procurement for a tariff it lacks, book with the answer and keep it', async () => {
    const agb = anAgb();
    const grant = aGrant({ providerAgb: agb });
    procurement.answer((q) => (q.providerAgb === agb ? answer(6500) : { error: { code: 'NO_CONTRACT' } }));
    await grantAll(ctx, svc, t.controller, [grant]);
    const asked = procurement.requests.filter((q) => q.providerAgb === agb);
    expect(asked).toEqual([{ providerAgb: agb, municipality: LEIDEN, product: { category: '02', code: '02A01' }, date: '2026-01-01' }]);
    // The answer is kept: a declaration for the same product and year asks nothing more.
    const res = await submit(await providerToken(ctx, agb), declaration(grant.provisionId)).expect(201);
    expect(res.body.totals).toMatchObject({ approvedLines: 1, approvedCents: 65_000 });
    expect(procurement.requests.filter((q) => q.providerAgb === agb)).toHaveLength(1);
  });

  it('should let a commitment wait while procurement does not answer, and book it once procurement does', async () => {
    const grant = aGrant({ providerAgb: anAgb() });
    procurement.answer({ silent: true });
    await grantAll(ctx, svc, t.controller, [grant], 'PENDING_TARIFF');
    procurement.answer(answer(7000));
    // The projector tries again after a pause (5 s, growing).
    const booked = await waitForCommitment(svc, t.controller, grant.provisionId, (b) => b.status === 'BOOKED', 30_000);
    expect(booked.totalCents).toBe(Math.round((365 * 4 * 7000) / 7));
  });

  it('should refuse a declaration with 503 and store nothing while procurement does not answer for a tariff', async () => {
    procurement.answer({ silent: true });
    const { agb, token, grant } = await anUnpricedProvider();
    const body = declaration(grant.provisionId);
    const res = await submit(token, body).expect(503);
    expect(res.body.code).toBe('TARIFF_SERVICE_UNAVAILABLE');
    await expect(linesOf(agb)).resolves.toBe(0);
    // Sent again once procurement answers, it is assessed.
    procurement.answer(answer(6500));
    await submit(token, body).expect(201);
    await expect(linesOf(agb)).resolves.toBe(1);
  });

  it('should reject a line with NO_CONTRACT_TARIFF (0611) when procurement has no tariff for it', async () => {
    procurement.answer({ error: { code: 'NO_TARIFF', message: 'no tariff for 2026' } });
    const { agb, token, grant } = await anUnpricedProvider();
    const res = await submit(token, declaration(grant.provisionId)).expect(201);
    expect(res.body.lines).toEqual([expect.objectContaining({ status: 'REJECTED', retourCode: '0611', reasons: [expect.objectContaining({ code: 'NO_CONTRACT_TARIFF' })] })]);
    await expect(linesOf(agb)).resolves.toBe(1);
  });
});
