import { DeliveryForm, Frequency, ProvisionGrantedV1, SPEND_REPORTED_V1, SpendReportedV1, Unit } from '@vangnet/contracts';
import { EventProbe, TestContext, TestService } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import {
  aContractedProvider,
  aDeclarationBody,
  aGrant,
  aLineBody,
  anAgb,
  controllerToken,
  grantAll,
  LEIDEN,
  OEGSTGEEST,
  ProcurementTariffStandIn,
  providerToken,
  startFinance,
  Tokens,
  tokens,
} from './support/finance';

type Line = Record<string, unknown>;

describe('declarations', () => {
  let ctx: TestContext;
  let svc: TestService;
  let t: Tokens;
  let db: DataSource;
  let spend: EventProbe<SpendReportedV1>;

  /**
   * The assignments one test declares against (all 2026, Leiden unless said), of a provider of
   * its own with € 65.00 an hour for 02/02A01 published: its references, spend and tariffs are its
   * alone. Only `main`, a whole year of 4 h/week, is granted unless more are asked for.
   */
  const assignments = (agb: string) => {
    const grant = (o: Partial<ProvisionGrantedV1> = {}) => aGrant({ providerAgb: agb, ...o });
    return {
      main: grant(),
      short: grant({ period: { start: '2026-01-01', end: '2026-06-10' } }),
      late: grant({ validFrom: '2026-03-10', period: { start: '2026-03-10', end: '2026-12-31' } }),
      early: grant({ period: { start: '2026-01-01', end: '2026-04-15' } }),
      total: grant({ volume: { amount: 10, unit: Unit.HOUR, frequency: Frequency.TOTAL } }),
      budget: grant({ volume: undefined, budgetCents: 100_000 }),
      oegstgeest: grant({ municipality: OEGSTGEEST, responsibleMunicipality: OEGSTGEEST }),
      personalCare: grant({ product: { category: '03' as never } }),
      pgb: grant({ deliveryForm: DeliveryForm.PGB, volume: undefined, budgetCents: 500_000 }),
    };
  };
  /** A provider of the test's own with its contract and these of its assignments booked. */
  const aProvider = async (pick: (a: ReturnType<typeof assignments>) => ProvisionGrantedV1[] = (a) => [a.main]) => {
    const agb = await aContractedProvider(ctx);
    const a = assignments(agb);
    await grantAll(ctx, svc, t.controller, pick(a).filter((g) => g.municipality === LEIDEN));
    const oeg = await controllerToken(ctx, [OEGSTGEEST], 'c-oeg');
    await grantAll(ctx, svc, oeg, pick(a).filter((g) => g.municipality === OEGSTGEEST));
    return { agb, token: await providerToken(ctx, agb), ...a };
  };

  const line = (provision: { provisionId: string }, o: Line = {}): Line => aLineBody(provision.provisionId, o);
  const month = (m: string) => ({ start: `2026-${m}-01`, end: new Date(Date.UTC(2026, Number(m), 0)).toISOString().slice(0, 10) });
  const declaration = (lines: Line[], o: Line = {}) => aDeclarationBody(lines, o);
  const submit = (body: unknown, token: string) => svc.http.post('/api/finance/v1/declarations').set('Authorization', `Bearer ${token}`).send(body as object);

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startFinance(ctx, '2026-06-15');
    db = svc.app.get(DataSource);
    t = await tokens(ctx);
    spend = await ctx.probe<SpendReportedV1>(SPEND_REPORTED_V1);
  });

  afterAll(() => ctx.close());

  it('should assess every line, give each rejection its code and WJ001 retour code, and report spend', async () => {
    // Procurement knows no tariff for personal care (03): its tariff.get refuses.
    const standIn = await new ProcurementTariffStandIn({ '02A01|2026': 6500 }).start(ctx);
    const p = await aProvider((a) => [a.main, a.short, a.late, a.early, a.total, a.budget, a.oegstgeest, a.pgb]);
    await grantAll(ctx, svc, t.controller, [p.personalCare], 'PENDING_TARIFF');
    const { main, short, late, early, total, budget, oegstgeest, personalCare, pgb } = p;
    const approved = line(main);
    const totalJan = line(total, { period: month('01'), volume: 6, amountCents: 39_000 });
    const budgetJan = line(budget, { period: month('01') });
    const cases: Array<[string, string, Line]> = [
      ['ASSIGNMENT_NOT_FOUND', '9338', line(oegstgeest)],
      ['ASSIGNMENT_NOT_FOUND', '9338', line(pgb, { period: month('04') })],
      ['PERIOD_OUTSIDE_DECLARATION_PERIOD', '9319', line(short, { period: { start: '2026-06-01', end: '2026-06-10' }, volume: 8, amountCents: 52_000 })],
      ['PERIOD_START_BEFORE_ASSIGNMENT', '9307', line(late, { period: month('03') })],
      ['PERIOD_END_AFTER_ASSIGNMENT', '9308', line(early, { period: month('04') })],
      ['PERIOD_START_NOT_MONTH_START', '9387', line(main, { period: { start: '2026-04-02', end: '2026-04-30' } })],
      ['PERIOD_END_NOT_MONTH_END', '9388', line(main, { period: { start: '2026-03-01', end: '2026-03-30' } })],
      ['CATEGORY_MISMATCH', '9339', line(main, { period: month('02'), product: { category: '03', code: '02A01' } })],
      ['PRODUCT_CODE_MISMATCH', '9340', line(main, { period: month('01'), product: { category: '02', code: '02B01' } })],
      ['UNIT_MISMATCH', '9341', line(main, { period: month('01'), unit: 'DAY_PART' })],
      ['TARIFF_MISMATCH', '0611', line(main, { period: month('01'), tariffCents: 6600, amountCents: 66_000 })],
      ['NO_CONTRACT_TARIFF', '0611', line(personalCare, { product: { category: '03' } })],
      ['AMOUNT_MISMATCH', '9346', line(main, { period: month('01'), amountCents: 65_001 })],
      ['VOLUME_EXCEEDS_FREQUENCY', '9321', line(main, { period: month('02'), volume: 21, amountCents: 136_500 })],
      ['VOLUME_EXCEEDS_ASSIGNMENT', '9322', line(total, { period: month('02'), volume: 6, amountCents: 39_000 })],
      ['BUDGET_EXCEEDED', '9369', line(budget, { period: month('02') })],
      ['DUPLICATE_REFERENCE', '8021', line(main, { period: month('04'), reference: approved.reference })],
      ['DUPLICATE_DELIVERY', '9389', line(main)],
      ['CREDIT_WITHOUT_DEBIT', '8017', line(main, { debitCredit: 'CREDIT', previousReference: 'NEVER-SENT' })],
    ];
    const res = await Promise.resolve(submit(declaration([approved, totalJan, budgetJan, ...cases.map(([, , l]) => l)]), p.token).expect(201)).finally(() => standIn.stop());
    expect(res.body).toMatchObject({ status: 'ASSESSED', receivedOn: '2026-06-15', dueDate: '2026-06-29', totals: { lines: 22, approvedLines: 3, rejectedLines: 19 } });
    const lines = res.body.lines as Array<{ lineNo: number; status: string; retourCode: string; reasons: Array<{ code: string; retourCode: string }> }>;
    expect(lines).toHaveLength(cases.length + 3);
    expect(lines.slice(0, 3).map((l) => [l.status, l.retourCode])).toEqual([
      ['APPROVED', '8001'],
      ['APPROVED', '8001'],
      ['APPROVED', '8001'],
    ]);
    cases.forEach(([code, retour], i) => {
      const l = lines[i + 3];
      expect({ lineNo: l.lineNo, status: l.status, reasons: l.reasons.map((r) => [r.code, r.retourCode]) }).toEqual({ lineNo: i + 4, status: 'REJECTED', reasons: [[code, retour]] });
    });
    expect(res.body.totals.approvedCents).toBe(65_000 + 39_000 + 65_000);
    // The same answer is there to read, per line, and the spend went to procurement through the outbox.
    const read = await svc.http.get(`/api/finance/v1/declarations/${res.body.id}?status=REJECTED&limit=5`).set('Authorization', `Bearer ${t.controller}`).expect(200);
    expect(read.body.lines).toHaveLength(5);
    expect(read.body.lines[0]).toMatchObject({ lineNo: 4, status: 'REJECTED', retourCode: '9338' });
    expect(read.body.nextCursor).toEqual(expect.any(String));
    const report = await spend.next((e) => e.data.providerAgb === p.agb && e.data.municipality === LEIDEN);
    expect(report.data).toEqual({ providerAgb: p.agb, municipality: LEIDEN, year: 2026, spendCents: 169_000, sequence: 1 });

    // A credit reverses an approved debit once; a credit of a rejected or unknown debit, or one that differs, is refused.
    const credit = (of: Line, o: Line = {}) => ({ ...of, reference: `C-${randomUUID().slice(0, 8)}`, previousReference: of.reference, debitCredit: 'CREDIT', ...o });
    const second = await submit(
      declaration([credit(approved), credit(cases[9][2]), credit(totalJan, { amountCents: 38_000 }), line(main)], { period: { start: '2026-05-01', end: '2026-05-31' } }),
      p.token,
    ).expect(201);
    expect((second.body.lines as typeof lines).map((l) => [l.status, l.reasons.map((r) => r.retourCode)])).toEqual([
      ['APPROVED', []],
      ['REJECTED', ['8017']],
      ['REJECTED', ['9367']],
      // The corrected debit for May is fine now its earlier debit is credited (credits go first).
      ['APPROVED', []],
    ]);
    const again = await submit(declaration([credit(approved)]), p.token).expect(201);
    expect(again.body.lines[0].reasons).toEqual([expect.objectContaining({ code: 'ALREADY_CREDITED', retourCode: '9390' })]);
    const next = await spend.next((e) => e.data.providerAgb === p.agb && e.data.sequence === 2);
    expect(next.data.spendCents).toBe(169_000);
  });

  it('should refuse bad input with a 4xx naming the field, and store nothing of it', async () => {
    const { main, token } = await aProvider();
    const submit = (body: unknown, as = token) => svc.http.post('/api/finance/v1/declarations').set('Authorization', `Bearer ${as}`).send(body as object);
    const before = await db.query('SELECT count(*)::int AS n FROM declaration_line');
    const decimals = await submit(declaration([line(main, { amountCents: 650.5 })])).expect(400);
    expect(decimals.body.invalidParams).toEqual([expect.objectContaining({ name: 'lines[0].amountCents', code: 'INVALID_AMOUNT' })]);
    const spanning = await submit(declaration([line(main, { period: { start: '2026-04-15', end: '2026-05-14' } })])).expect(400);
    expect(spanning.body.invalidParams).toEqual([expect.objectContaining({ name: 'lines[0].period', code: 'PERIOD_SPANS_MONTHS' })]);
    const future = await submit(declaration([line(main, { period: month('06') })])).expect(400);
    expect(future.body.invalidParams).toEqual([expect.objectContaining({ name: 'lines[0].period.end', code: 'PERIOD_IN_FUTURE' })]);
    // One unknown provision refuses the whole declaration: the good line is not stored either.
    const unknown = await submit(declaration([line(main, { period: month('04') }), line({ provisionId: randomUUID() })])).expect(422);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_PROVISION', invalidParams: [expect.objectContaining({ name: 'lines[1].provisionId', code: 'UNKNOWN_PROVISION' })] });
    // Another provider's provision is unknown to this one.
    const foreign = await submit(declaration([line(main, { period: month('04') })]), t.otherProvider).expect(422);
    expect(foreign.body.invalidParams[0].name).toBe('lines[0].provisionId');
    const header = await submit({ ...declaration([line(main)]), period: { start: '2026-05-02', end: '2026-05-31' }, extra: true }).expect(400);
    expect(header.body.invalidParams).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'extra', code: 'UNKNOWN_FIELD' })]));
    const notMonth = await submit({ ...declaration([line(main)]), period: { start: '2026-05-02', end: '2026-05-31' } }).expect(400);
    expect(notMonth.body.invalidParams).toEqual([expect.objectContaining({ name: 'period', code: 'NOT_A_CALENDAR_MONTH' })]);
    const total = await submit({ ...declaration([line(main, { period: month('04') })]), totalCents: 1 }).expect(400);
    expect(total.body.invalidParams).toEqual([expect.objectContaining({ name: 'totalCents', code: 'TOTAL_MISMATCH' })]);
    await submit(declaration([line(main)]), t.controller).expect(403);
    await expect(db.query('SELECT count(*)::int AS n FROM declaration_line')).resolves.toEqual(before);
    // A declaration number is used once per provider (iWmo 9333).
    const d = declaration([line(main, { period: month('04') })]);
    await submit(d).expect(201);
    const dup = await submit({ ...d, lines: [line(main, { period: month('03') })] }).expect(409);
    expect(dup.body.code).toBe('DUPLICATE_DECLARATION_NUMBER');
  });

  it('should accept NDJSON and show a declaration only to its provider and the controllers of its municipality', async () => {
    const { total, token } = await aProvider((a) => [a.total]);
    const otherProvider = await providerToken(ctx, anAgb());
    // A reference with a backslash and a quote travels through COPY intact.
    const { lines, ...header } = declaration([line(total, { period: month('03'), volume: 1, amountCents: 6500, reference: 'R\\"x-1' })]);
    const body = [header, ...lines].map((x) => JSON.stringify(x)).join('\n');
    const res = await svc.http
      .post('/api/finance/v1/declarations')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/x-ndjson')
      .send(body)
      .expect(201);
    expect(res.body.totals).toMatchObject({ lines: 1, approvedLines: 1 });
    const path = `/api/finance/v1/declarations/${res.body.id}`;
    const own = await svc.http.get(path).set('Authorization', `Bearer ${token}`).expect(200);
    expect(own.body.lines[0].reference).toBe('R\\"x-1');
    await svc.http.get(path).set('Authorization', `Bearer ${t.controller}`).expect(200);
    await svc.http.get(path).set('Authorization', `Bearer ${otherProvider}`).expect(404);
    await svc.http.get(path).set('Authorization', `Bearer ${t.otherMunicipality}`).expect(404);
    const mine = await svc.http.get('/api/finance/v1/declarations').set('Authorization', `Bearer ${otherProvider}`).expect(200);
    expect(mine.body.items).toEqual([]);
  });
});
