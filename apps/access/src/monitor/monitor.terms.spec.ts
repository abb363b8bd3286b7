import { Role } from '@vangnet/contracts';
import { TestContext, TestService } from '@vangnet/testing';
import { AccessClient, actorsFor, bsnFor, createPerson, LEIDEN, LEIDERDORP, setToday, startAccess } from '../../test/support/access';

// The regional monitor's statutory terms (issue 20) against real PostgreSQL: counts per month of
// the due date, municipality and kind, scoped like every aggregate; no case or person in the answer.
describe('access: the monitor’s statutory terms', () => {
  let ctx: TestContext;
  let svc: TestService;
  let caseworker: AccessClient;
  let analyst: AccessClient;
  let other: AccessClient;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startAccess(ctx);
    caseworker = new AccessClient(svc, (await actorsFor(ctx)).caseworker);
    analyst = new AccessClient(svc, await ctx.token({ sub: 'analyst', org: LEIDEN, roles: [Role.REGIONAL_ANALYST], municipalities: [] }));
    other = new AccessClient(svc, (await actorsFor(ctx, [LEIDERDORP])).caseworker);
    setToday(svc, '2026-11-20');
    const personId = await createPerson(caseworker, { bsn: bsnFor(901) });
    // Wmo: two weeks. Received 1 October: due in October, open past it (breached). Received 16
    // November: due 30 November, still open. Received 2 November: due 16 November, breached.
    for (const receivedAt of ['2026-10-01', '2026-11-16', '2026-11-02']) {
      await caseworker.post('/applications', { personId, municipality: LEIDEN, law: 'WMO', receivedAt }).expect(201);
    }
    // Investigations (Wmo: six weeks from the registration). Received 1 September, completed 20
    // September: met in September although due in October. Received 1 October, completed 16
    // November: met late, so breached in its due month (November).
    for (const [receivedAt, completedAt] of [
      ['2026-09-01', '2026-09-20'],
      ['2026-10-01', '2026-11-16'],
    ]) {
      const registration = await caseworker.post('/registrations', { personId, receivingMunicipality: LEIDEN, source: 'RESIDENT', channel: 'PHONE', canAskForHelp: true, receivedAt }).expect(201);
      await caseworker
        .post(`/registrations/${registration.body.id}/investigation`, { completedAt, scores: [], considered: [{ option: 'OWN_NETWORK', sufficient: true }], clientSupportOffered: true })
        .expect(201);
    }
  });

  afterAll(() => ctx.close());

  const rowsOf = (kind: string) => (body: { rows: Array<{ month: string; municipality: string; kind: string }> }) => body.rows.filter((r) => r.municipality === LEIDEN && r.kind === kind);
  const decisionRows = rowsOf('DECISION');

  it('should count the region’s terms met, breached and open per month for a regional analyst, with no case or person', async () => {
    const res = await analyst.get('/monitor/terms?from=2026-10&to=2026-11').expect(200);
    expect(res.body).toMatchObject({ from: '2026-10', to: '2026-11', measuredOn: '2026-11-20', municipalities: null });
    expect(decisionRows(res.body)).toEqual([
      { month: '2026-10', municipality: LEIDEN, kind: 'DECISION', met: 0, breached: 1, open: 0 },
      { month: '2026-11', municipality: LEIDEN, kind: 'DECISION', met: 0, breached: 1, open: 1 },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/caseId|personId|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('should count a term met in time in the month it was met, and one met late as breached in its due month', async () => {
    const res = await analyst.get('/monitor/terms?from=2026-09&to=2026-11').expect(200);
    expect(rowsOf('INVESTIGATION')(res.body)).toEqual([
      { month: '2026-09', municipality: LEIDEN, kind: 'INVESTIGATION', met: 1, breached: 0, open: 0 },
      { month: '2026-11', municipality: LEIDEN, kind: 'INVESTIGATION', met: 0, breached: 1, open: 0 },
    ]);
    // A window that holds the month it was met but not its due month still counts it, and once.
    const september = await analyst.get('/monitor/terms?from=2026-09&to=2026-09').expect(200);
    expect(rowsOf('INVESTIGATION')(september.body)).toEqual([{ month: '2026-09', municipality: LEIDEN, kind: 'INVESTIGATION', met: 1, breached: 0, open: 0 }]);
    const october = await analyst.get('/monitor/terms?from=2026-10&to=2026-10').expect(200);
    expect(rowsOf('INVESTIGATION')(october.body)).toEqual([]);
  });

  it('should count only the caller’s municipalities for a municipal token, and refuse another municipality', async () => {
    const own = await caseworker.get('/monitor/terms?from=2026-10&to=2026-11').expect(200);
    expect(own.body.municipalities).toEqual([LEIDEN]);
    expect(decisionRows(own.body)).toHaveLength(2);
    const elsewhere = await other.get('/monitor/terms?from=2026-10&to=2026-11').expect(200);
    expect(elsewhere.body.rows.filter((r: { municipality: string }) => r.municipality === LEIDEN)).toEqual([]);
    const refused = await other.get(`/monitor/terms?municipality=${LEIDEN}`).expect(403);
    expect(refused.body.invalidParams).toEqual([expect.objectContaining({ name: 'municipality' })]);
  });

  it('should answer bad input with 400 naming the field', async () => {
    const month = await analyst.get('/monitor/terms?from=2026-13').expect(400);
    expect(month.body.invalidParams).toEqual([expect.objectContaining({ name: 'from', code: 'INVALID_FORMAT' })]);
    const period = await analyst.get('/monitor/terms?from=2026-11&to=2026-10').expect(400);
    expect(period.body.invalidParams).toEqual([expect.objectContaining({ name: 'to', code: 'INVALID_PERIOD' })]);
    await analyst.get('/monitor/terms?municipality=XX').expect(400);
  });
});
