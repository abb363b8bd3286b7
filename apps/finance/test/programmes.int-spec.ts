import { Role, SUBSIDY_GRANTED_V1, SubsidyGrantedV1 } from '@vangnet/contracts';
import { TestContext, TestService, waitFor } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { anAgb, LEIDEN, LEIDERDORP, publishEvent, startFinance } from './support/finance';

// Issue 17: the region's programme in finance, against a real PostgreSQL and NATS. The region is
// the default one (five municipalities, Leiden central).
const REGION = ['GM0546', 'GM0547', 'GM0579', 'GM0626', 'GM0638'];
const API = '/api/finance/v1';

/** A line's year as the agenda states it: cost = incidental + structural. */
const year = (y: number, incidentalCents: number, structuralCents: number) => ({ year: y, costCents: incidentalCents + structuralCents, incidentalCents, structuralCents });

/** Two themes and three lines over 2026–2028: 2026 1 100 000, 2027 1 000 000, 2028 300 000 (total 2 400 000). */
function aProgramme(o: Record<string, unknown> = {}) {
  return {
    name: `Agenda ${randomUUID().slice(0, 6)}`,
    fundName: 'Regionaal investeringsfonds',
    firstYear: 2026,
    lastYear: 2028,
    themes: [
      { code: '1', title: 'Wonen' },
      { code: '2', title: 'Herstel en participatie' },
    ],
    lines: [
      { number: '1.1', theme: '1', title: 'Housing First', owner: 'GM0546', planning: { start: '2026-Q1', end: '2028-Q4' }, result: '40 people housed', kpi: { name: 'people housed', unit: 'persons', target: 40 }, years: [year(2026, 400_000, 200_000), year(2027, 300_000, 200_000), year(2028, 0, 200_000)] },
      { number: '1.2', theme: '1', title: 'Skaeve huse', owner: 'GM0547', planning: { start: '2026-Q2', end: '2027-Q4' }, years: [year(2026, 300_000, 0), year(2027, 300_000, 0)] },
      { number: '2.1', theme: '2', title: 'Ervaringsdeskundigen', owner: 'GM0579', planning: { start: '2026-Q1', end: '2028-Q2' }, years: [year(2026, 100_000, 100_000), year(2027, 100_000, 100_000), year(2028, 100_000, 0)] },
    ],
    ...o,
  };
}

describe('the region’s programme', () => {
  let ctx: TestContext;
  let svc: TestService;
  let region: string;
  let secondRegion: string;
  let leiden: string;
  let leiderdorp: string;

  const post = (path: string, token: string, body: object) => svc.http.post(`${API}${path}`).set('Authorization', `Bearer ${token}`).send(body);
  const get = (path: string, token: string) => svc.http.get(`${API}${path}`).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startFinance(ctx, '2026-06-15');
    region = await ctx.token({ sub: 'region-controller-1', org: LEIDEN, roles: [Role.FINANCE_CONTROLLER], municipalities: REGION });
    secondRegion = await ctx.token({ sub: 'region-controller-2', org: LEIDEN, roles: [Role.FINANCE_CONTROLLER], municipalities: REGION });
    leiden = await ctx.token({ sub: 'leiden-controller', org: LEIDEN, roles: [Role.FINANCE_CONTROLLER], municipalities: [LEIDEN] });
    leiderdorp = await ctx.token({ sub: 'leiderdorp-controller', org: LEIDERDORP, roles: [Role.FINANCE_CONTROLLER], municipalities: [LEIDERDORP] });
  });

  afterAll(() => ctx.close());

  it('should flag a programme whose lines add up to more than its stated total with the exact difference, and keep the approved plan readable', async () => {
    // The agenda states 2 100 000: the lines add up to 2 400 000, i.e. it leaves out 2028 (300 000).
    const created = await post('/programmes', region, aProgramme({ statedTotalCents: 2_100_000, statedYearTotals: [{ year: 2026, totalCents: 1_100_000 }] })).expect(201);
    expect(created.headers.etag).toBe('W/"1"');
    expect(created.body.sums).toMatchObject({ totalCents: 2_400_000, perKind: { INCIDENTAL: 1_600_000, STRUCTURAL: 800_000 } });
    const flag = created.body.flags.find((f: { code: string }) => f.code === 'STATED_TOTAL_DIFFERS');
    expect(flag).toMatchObject({ expectedCents: 2_100_000, plannedCents: 2_400_000, differenceCents: 300_000 });
    expect(flag.message).toContain('2028');
    expect(created.body.flags.filter((f: { code: string }) => f.code === 'STATED_YEAR_TOTAL_DIFFERS')).toEqual([]);

    // Approval is four-eyes; then a change of plan is a new version with a reason, and version 1 stays as approved.
    const id = created.body.id;
    await post(`/programmes/${id}/plans/1/approval`, region, {}).expect(403);
    await post(`/programmes/${id}/plans/1/approval`, secondRegion, { comment: 'as in the agenda' }).expect(201);
    const changed = aProgramme({ statedTotalCents: 2_400_000 });
    const { name: _n, fundName: _f, firstYear: _a, lastYear: _b, ...plan } = changed;
    plan.lines[1].years = [year(2026, 300_000, 0), year(2027, 250_000, 0)];
    await svc.http.post(`${API}/programmes/${id}/plans`).set('Authorization', `Bearer ${region}`).set('If-Match', 'W/"1"').send({ ...plan, reason: 'skaeve huse cheaper in 2027' }).expect(201);
    const stale = await svc.http.post(`${API}/programmes/${id}/plans`).set('Authorization', `Bearer ${region}`).set('If-Match', 'W/"1"').send({ ...plan, reason: 'again' });
    expect(stale.status).toBe(412);
    const now = await get(`/programmes/${id}`, leiden).expect(200);
    expect(now.body).toMatchObject({ currentVersion: 2, approvedVersion: 1, sums: { totalCents: 2_350_000 } });
    expect(now.body.flags.find((f: { code: string }) => f.code === 'STATED_TOTAL_DIFFERS')).toMatchObject({ differenceCents: -50_000 });
    const approved = await get(`/programmes/${id}/plans/1`, leiden).expect(200);
    expect(approved.body.plan).toMatchObject({ version: 1, approval: { approvedBy: 'region-controller-2' } });
    expect(approved.body.sums.totalCents).toBe(2_400_000);
    expect(now.body.versions.map((v: { version: number; reason: string | null }) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, 'skaeve huse cheaper in 2027'],
    ]);
  });

  it('should split the fund’s incidental and structural amounts per year over the members by their own keys, to the cent', async () => {
    const { body } = await post('/programmes', region, aProgramme()).expect(201);
    const incidentalKey = [{ municipality: 'GM0546', weight: 125_123 }, { municipality: 'GM0547', weight: 27_991 }, { municipality: 'GM0579', weight: 26_017 }, { municipality: 'GM0626', weight: 25_803 }, { municipality: 'GM0638', weight: 9_101 }];
    const structuralKey = REGION.map((municipality) => ({ municipality, weight: 1 }));
    const amounts: Record<number, [number, number]> = { 2026: [1_000_001, 700_003], 2027: [900_007, 700_003], 2028: [100_000, 199_999] };
    for (const [y, [incidental, structural]] of Object.entries(amounts)) {
      await post(`/programmes/${body.id}/allocations`, region, { year: Number(y), kind: 'INCIDENTAL', amountCents: incidental, weights: incidentalKey, basis: 'inhabitants 1-1-2026' }).expect(201);
      await post(`/programmes/${body.id}/allocations`, region, { year: Number(y), kind: 'STRUCTURAL', amountCents: structural, weights: structuralKey }).expect(201);
    }
    // The same amount and key again is the version in force.
    await post(`/programmes/${body.id}/allocations`, region, { year: 2026, kind: 'STRUCTURAL', amountCents: 700_003, weights: structuralKey }).expect(200);
    const view = (await get(`/programmes/${body.id}`, leiden).expect(200)).body;
    expect(view.allocations).toHaveLength(6);
    for (const a of view.allocations as Array<{ year: number; kind: string; amountCents: number; sumCents: number; parts: Array<{ partCents: number }> }>) {
      const [incidental, structural] = amounts[a.year];
      expect(a.amountCents).toBe(a.kind === 'INCIDENTAL' ? incidental : structural);
      expect(a.parts.reduce((s, p) => s + p.partCents, 0)).toBe(a.amountCents);
      expect(a.sumCents).toBe(a.amountCents);
    }
    // Equal structural key: 700 003 = 140 001 × 3 + 140 000 × 2, the odd cents to the lowest codes.
    expect(view.allocations.find((a: { year: number; kind: string }) => a.year === 2026 && a.kind === 'STRUCTURAL').parts.map((p: { partCents: number }) => p.partCents)).toEqual([140_001, 140_001, 140_001, 140_000, 140_000]);
    // Lines ask 800 000 incidental in 2026 against 1 000 001, and 700 000 in 2027 against 900 007; 2028's structural 200 000 exceeds 199 999.
    expect(view.unplanned).toEqual(expect.arrayContaining([{ year: 2026, kind: 'INCIDENTAL', fundCents: 1_000_001, plannedCents: 800_000, unplannedCents: 200_001 }]));
    expect(view.flags).toEqual([expect.objectContaining({ code: 'EXCEEDS_FUND', year: 2028, kind: 'STRUCTURAL', differenceCents: 1 })]);
    // Incidental: fund 2 000 008 against 1 600 000 planned; structural: 1 600 005 against 800 000.
    expect(view.unplannedPerKind).toEqual([
      { kind: 'INCIDENTAL', fundCents: 2_000_008, plannedCents: 1_600_000, unplannedCents: 400_008 },
      { kind: 'STRUCTURAL', fundCents: 1_600_005, plannedCents: 800_000, unplannedCents: 800_005 },
    ]);
    // The report's municipality rows add up to the fund per year and kind as well.
    const report = (await get(`/programmes/${body.id}/report`, region).expect(200)).body;
    for (const [y, [incidental, structural]] of Object.entries(amounts)) {
      const of = (kind: string) => report.allocations.filter((a: { year: number; kind: string }) => a.year === Number(y) && a.kind === kind).reduce((s: number, a: { allocationCents: number }) => s + a.allocationCents, 0);
      expect([of('INCIDENTAL'), of('STRUCTURAL')]).toEqual([incidental, structural]);
    }
  });

  it('should show spend booked on a line in that municipality’s report, as JSON and CSV, and alert at the thresholds', async () => {
    const { body } = await post('/programmes', region, aProgramme()).expect(201);
    await post(`/programmes/${body.id}/allocations`, region, { year: 2026, kind: 'INCIDENTAL', amountCents: 1_000_000, weights: [{ municipality: LEIDEN, weight: 1 }, { municipality: LEIDERDORP, weight: 1 }] }).expect(201);
    const line = body.plan.lines.find((l: { number: string }) => l.number === '1.2');
    // Leiderdorp's part of 1.2's 300 000 incidental in 2026 is 150 000; it commits 125 000 and pays 50 000.
    const commitment = { actionLineId: line.id, municipality: LEIDERDORP, year: 2026, kind: 'INCIDENTAL', type: 'COMMITMENT', amountCents: 125_000, description: 'contract skaeve huse' };
    await post(`/programmes/${body.id}/bookings`, leiden, commitment).expect(403);
    const booked = await post(`/programmes/${body.id}/bookings`, leiderdorp, commitment).expect(201);
    // Region-wide the line plans 300 000: 125 000 is 41 %, no alert yet.
    expect(booked.body.line).toMatchObject({ plannedCents: 300_000, committedCents: 125_000, forecastCents: 125_000, percent: 41, alertedThresholds: [] });
    await post(`/programmes/${body.id}/bookings`, leiderdorp, { ...commitment, type: 'PAYMENT', amountCents: 50_000, bookedOn: '2026-05-31', description: 'first invoice' }).expect(201);
    const more = await post(`/programmes/${body.id}/bookings`, leiderdorp, { ...commitment, amountCents: 120_000, description: 'second site' }).expect(201);
    expect(more.body.line).toMatchObject({ committedCents: 245_000, percent: 81, alertedThresholds: [80] });

    const report = (await get(`/programmes/${body.id}/report?municipality=${LEIDERDORP}&year=2026`, leiderdorp).expect(200)).body;
    expect(report.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ municipality: LEIDERDORP, number: '1.2', year: 2026, kind: 'INCIDENTAL', plannedCents: 150_000, committedCents: 245_000, paidCents: 50_000, forecastCents: 245_000, remainingCents: -95_000, percent: 163, alertedThresholds: [80] }),
      ]),
    );
    expect(report.allocations).toEqual([
      expect.objectContaining({ municipality: LEIDERDORP, year: 2026, kind: 'INCIDENTAL', allocationCents: 500_000, plannedCents: 400_000, unplannedCents: 100_000, committedCents: 245_000, paidCents: 50_000 }),
    ]);
    const csv = await svc.http.get(`${API}/programmes/${body.id}/report?municipality=${LEIDERDORP}&year=2026&format=csv`).set('Authorization', `Bearer ${leiderdorp}`).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe('municipality,actionLine,title,year,kind,plannedCents,committedCents,paidCents,forecastCents,remainingCents,percent');
    expect(csv.text).toContain(`${LEIDERDORP},1.2,Skaeve huse,2026,INCIDENTAL,150000,245000,50000,245000,-95000,163`);
    // Leiden's report has none of it; Leiden may not read Leiderdorp's.
    const leidens = (await get(`/programmes/${body.id}/report?municipality=${LEIDEN}&year=2026`, leiden).expect(200)).body;
    expect(leidens.lines.every((l: { committedCents: number }) => l.committedCents === 0)).toBe(true);
    await get(`/programmes/${body.id}/report?municipality=${LEIDERDORP}`, leiden).expect(403);
    // A regional analyst reads the whole region's figures; a municipality outside the region sees no programme.
    const analyst = await ctx.token({ sub: 'analyst', org: 'ORG:12345678', roles: [Role.REGIONAL_ANALYST] });
    const all = (await get(`/programmes/${body.id}/report?year=2026`, analyst).expect(200)).body;
    expect(all.municipalities).toEqual(REGION);
    expect(all.lines).toEqual(expect.arrayContaining([expect.objectContaining({ municipality: LEIDERDORP, number: '1.2', committedCents: 245_000 })]));
    const outsider = await ctx.token({ sub: 'katwijk-controller', org: 'GM0537', roles: [Role.FINANCE_CONTROLLER], municipalities: ['GM0537'] });
    await get(`/programmes/${body.id}`, outsider).expect(404);
    await expect(get('/programmes', outsider).then((r) => r.body)).resolves.toEqual([]);
  });

  it('should commit a subsidy granted in procurement on a line and pay each instalment once through a two-controller batch', async () => {
    const { body } = await post('/programmes', region, aProgramme()).expect(201);
    const line = body.plan.lines.find((l: { number: string }) => l.number === '2.1');
    const grant: SubsidyGrantedV1 = {
      subsidyId: randomUUID(),
      organisationAgb: anAgb(),
      municipality: LEIDERDORP,
      year: 2026,
      amountCents: 90_000,
      purpose: 'Training ervaringsdeskundigen',
      conditions: ['report by 1 March 2027'],
      instalments: [
        { seq: 1, dueDate: '2026-03-01', amountCents: 30_000 },
        { seq: 2, dueDate: '2026-06-01', amountCents: 30_000 },
        { seq: 3, dueDate: '2026-09-01', amountCents: 30_000 },
      ],
    };
    await publishEvent(ctx, SUBSIDY_GRANTED_V1, grant, { municipality: LEIDERDORP });
    await publishEvent(ctx, SUBSIDY_GRANTED_V1, grant, { municipality: LEIDERDORP }); // a replay changes nothing
    const received = await waitFor(async () => {
      const res = await get(`/subsidies/${grant.subsidyId}`, leiderdorp);
      return res.status === 200 ? res.body : undefined;
    }, 10_000, 'the subsidy');
    expect(received).toMatchObject({ committedCents: 90_000, paidCents: 0, instalments: [{ seq: 1, status: 'OPEN' }, { seq: 2, status: 'OPEN' }, { seq: 3, status: 'OPEN' }] });
    await get(`/subsidies/${grant.subsidyId}`, leiden).expect(404);

    const link = await post(`/programmes/${body.id}/subsidy-links`, leiderdorp, { subsidyId: grant.subsidyId, actionLineId: line.id, kind: 'INCIDENTAL' }).expect(201);
    expect(link.body.booking).toMatchObject({ type: 'COMMITMENT', amountCents: 90_000, municipality: LEIDERDORP, year: 2026 });
    await post(`/programmes/${body.id}/subsidy-links`, leiderdorp, { subsidyId: grant.subsidyId, actionLineId: line.id, kind: 'INCIDENTAL' }).expect(409);

    // Today is 15 June 2026: instalments 1 and 2 are due. One controller prepares, another approves.
    const leiderdorp2 = await ctx.token({ sub: 'leiderdorp-controller-2', org: LEIDERDORP, roles: [Role.FINANCE_CONTROLLER], municipalities: [LEIDERDORP] });
    const batch = await post('/payment-batches', leiderdorp, { municipality: LEIDERDORP, declarations: false, subsidyInstalmentsDueBy: '2026-06-15' }).expect(201);
    expect(batch.body).toMatchObject({ totalCents: 60_000, declarationCount: 0, instalmentCount: 2 });
    expect(batch.body.instalments.map((i: { seq: number }) => i.seq)).toEqual([1, 2]);
    // While the batch waits, the same instalments go into no other batch.
    await post('/payment-batches', leiderdorp2, { municipality: LEIDERDORP, declarations: false, subsidyInstalmentsDueBy: '2026-06-15' }).expect(422);
    await post(`/payment-batches/${batch.body.id}/approval`, leiderdorp, { decision: 'APPROVED' }).expect(403);
    await post(`/payment-batches/${batch.body.id}/approval`, leiderdorp2, { decision: 'APPROVED' }).expect(201);
    const paid = (await get(`/subsidies/${grant.subsidyId}`, leiderdorp).expect(200)).body;
    expect(paid).toMatchObject({ paidCents: 60_000, instalments: [{ seq: 1, status: 'PAID', batchId: batch.body.id }, { seq: 2, status: 'PAID' }, { seq: 3, status: 'OPEN', batchId: null }] });
    // Paid once: a new batch finds nothing due until the third instalment is, and then only that one.
    const again = await post('/payment-batches', leiderdorp, { municipality: LEIDERDORP, declarations: false, subsidyInstalmentsDueBy: '2026-06-15' }).expect(422);
    expect(again.body.code).toBe('NOTHING_TO_PAY');
    const third = await post('/payment-batches', leiderdorp, { municipality: LEIDERDORP, declarations: false, subsidyInstalmentsDueBy: '2026-12-31' }).expect(201);
    expect(third.body.instalments).toEqual([expect.objectContaining({ subsidyId: grant.subsidyId, seq: 3, amountCents: 30_000 })]);
    // The line shows the subsidy as committed and its paid instalments as paid.
    const report = (await get(`/programmes/${body.id}/report?municipality=${LEIDERDORP}&year=2026`, leiderdorp).expect(200)).body;
    expect(report.lines).toEqual(expect.arrayContaining([expect.objectContaining({ number: '2.1', kind: 'INCIDENTAL', committedCents: 90_000, paidCents: 60_000, forecastCents: 90_000 })]));
  });

  it('should refuse bad input with a 4xx naming the field, and store nothing', async () => {
    const before = (await get('/programmes', region).expect(200)).body.length;
    const parts = aProgramme();
    parts.lines[0].years[1] = { year: 2027, costCents: 500_001, incidentalCents: 300_000, structuralCents: 200_000 };
    const res = await post('/programmes', region, parts).expect(400);
    expect(res.body.invalidParams).toEqual([expect.objectContaining({ name: 'lines[0].years[1].costCents', code: 'PARTS_DO_NOT_ADD_UP' })]);

    const planning = aProgramme();
    planning.lines[2].planning = { start: '2027-Q3', end: '2027-Q1' };
    const p = await post('/programmes', region, planning).expect(400);
    expect(p.body.invalidParams).toEqual([expect.objectContaining({ name: 'lines[2].planning.end', code: 'PLANNING_ENDS_BEFORE_START' })]);
    const quarter = aProgramme();
    quarter.lines[0].planning = { start: '2026-Q5', end: '2027-Q1' };
    expect((await post('/programmes', region, quarter).expect(400)).body.invalidParams).toEqual([expect.objectContaining({ name: 'lines[0].planning.start' })]);

    // Only a token acting for the whole region creates a programme.
    const partial = await post('/programmes', leiden, aProgramme()).expect(403);
    expect(partial.body.code).toBe('OUT_OF_SCOPE');
    expect((await get('/programmes', region).expect(200)).body.length).toBe(before);

    const { body } = await post('/programmes', region, aProgramme()).expect(201);
    const key = await post(`/programmes/${body.id}/allocations`, region, { year: 2026, kind: 'INCIDENTAL', amountCents: 100, weights: [{ municipality: LEIDEN, weight: 1 }, { municipality: 'GM0363', weight: 1 }] }).expect(400);
    expect(key.body.invalidParams).toEqual([expect.objectContaining({ name: 'weights[1].municipality', code: 'OUTSIDE_REGION' })]);
    const outside = await post(`/programmes/${body.id}/allocations`, region, { year: 2031, kind: 'INCIDENTAL', amountCents: 100, weights: [{ municipality: LEIDEN, weight: 1 }] }).expect(400);
    expect(outside.body.invalidParams).toEqual([expect.objectContaining({ name: 'year', code: 'YEAR_OUTSIDE_PROGRAMME' })]);
    expect((await get(`/programmes/${body.id}`, region).expect(200)).body.allocations).toEqual([]);
    const unknownLine = await post(`/programmes/${body.id}/bookings`, leiden, { actionLineId: randomUUID(), municipality: LEIDEN, year: 2026, kind: 'INCIDENTAL', type: 'PAYMENT', amountCents: 1, description: 'x' }).expect(404);
    expect(unknownLine.body.invalidParams).toEqual([expect.objectContaining({ name: 'actionLineId', code: 'ACTION_LINE_NOT_FOUND' })]);
    const bad = await post(`/programmes/${body.id}/bookings`, leiden, { actionLineId: body.plan.lines[0].id, municipality: LEIDEN, year: 2026, kind: 'BOTH', type: 'PAYMENT', amountCents: 1.5, description: 'x' }).expect(400);
    expect(bad.body.invalidParams.map((i: { name: string }) => i.name).sort()).toEqual(['amountCents', 'kind']);
  });
});
