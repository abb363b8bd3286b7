import { FacilityType, PLACEMENT_ENDED_V1, PLACEMENT_STARTED_V1, PlacementDestination, PlacementEndedV1, PlacementStartedV1, ProvisionGrantedV1 } from '@vangnet/contracts';
import { TestContext, TestService, waitFor } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { aContractedProvider, aDeclarationBody, aGrant, aLineBody, controllerToken, grantAll, providerToken, PSEUDONYM, publishEvent, startFinance, Tokens, tokens } from './support/finance';

// housing.placement.started/ended.v1 → cost per client by housing type in /reports/cost-per-client.
// Each test reports on a municipality of its own (the report adds up all of a municipality's year).
describe('cost per client by housing type', () => {
  let ctx: TestContext;
  let svc: TestService;
  let t: Tokens;
  let db: DataSource;

  const aPlacement = (grant: ProvisionGrantedV1, o: Partial<PlacementStartedV1> = {}): PlacementStartedV1 => ({
    placementId: randomUUID(),
    personId: grant.personId,
    personPseudonym: PSEUDONYM,
    facilityId: randomUUID(),
    facilityType: FacilityType.INTRAMURAL_PROTECTED_HOUSING,
    placeId: randomUUID(),
    facilityMunicipality: grant.responsibleMunicipality,
    responsibleMunicipality: grant.responsibleMunicipality,
    provisionLineageId: grant.lineageId,
    startDate: '2026-01-01',
    ...o,
  });
  const anEnd = (p: PlacementStartedV1, endDate: string): PlacementEndedV1 => ({ placementId: p.placementId, endDate, destination: PlacementDestination.INDEPENDENT_WITH_SUPPORT });
  // Publication times keep their order but are moved next to the real now (a thousandth of their
  // distance from the test's today): the inbox refuses an event older than it remembers (ADR 0013).
  const housing = (type: string, data: object, time: string) =>
    publishEvent(ctx, type, data, { service: 'housing', time: new Date(Date.now() + (Date.parse(time) - Date.parse('2026-06-15T00:00:00Z')) / 1000).toISOString() });
  const placementOf = (placementId: string) =>
    db.query('SELECT facility_type, start_date, end_date, destination FROM housing_placement WHERE placement_id = $1', [placementId]) as Promise<
      Array<{ facility_type: string | null; start_date: string | null; end_date: string | null; destination: string | null }>
    >;

  /** Residents of one municipality with guidance all of 2026, their provider's declarations for the given months. */
  const residents = async (municipality: string, n: number) => {
    const controller = await controllerToken(ctx, [municipality]);
    const agb = await aContractedProvider(ctx, [{ municipalities: [municipality] }]);
    const grants = Array.from({ length: n }, () => aGrant({ providerAgb: agb, municipality, responsibleMunicipality: municipality }));
    await grantAll(ctx, svc, controller, grants);
    const provider = await providerToken(ctx, agb);
    const declare = async (month: string, of: ProvisionGrantedV1[]) => {
      const last = new Date(Date.UTC(2026, Number(month), 0)).getUTCDate();
      const period = { start: `2026-${month}-01`, end: `2026-${month}-${last}` };
      await svc.http
        .post('/api/finance/v1/declarations')
        .set('Authorization', `Bearer ${provider}`)
        .send(aDeclarationBody(of.map((g) => aLineBody(g.provisionId, { period })), { municipality, period }))
        .expect(201);
    };
    return { controller, grants, declare };
  };
  const report = async (municipality: string, token: string) =>
    (await svc.http.get(`/api/finance/v1/reports/cost-per-client?municipality=${municipality}&year=2026`).set('Authorization', `Bearer ${token}`).expect(200)).body;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startFinance(ctx, '2026-06-15');
    db = svc.app.get(DataSource);
    t = await tokens(ctx);
  });

  afterAll(() => ctx.close());

  it('should keep a placement from its events in any order, once, a later publication winning', async () => {
    const grant = aGrant();
    const placement = aPlacement(grant, { startDate: '2026-02-01' });
    // The end first, then the start; each again; then an older start published late.
    await housing(PLACEMENT_ENDED_V1, anEnd(placement, '2026-04-30'), '2026-05-01T10:00:00Z');
    await waitFor(async () => (await placementOf(placement.placementId)).length === 1, 10_000, 'the end');
    await expect(placementOf(placement.placementId)).resolves.toEqual([{ facility_type: null, start_date: null, end_date: '2026-04-30', destination: 'INDEPENDENT_WITH_SUPPORT' }]);
    await housing(PLACEMENT_STARTED_V1, placement, '2026-02-01T09:00:00Z');
    await housing(PLACEMENT_STARTED_V1, placement, '2026-02-01T09:00:00Z');
    await housing(PLACEMENT_ENDED_V1, anEnd(placement, '2026-04-30'), '2026-05-01T10:00:00Z');
    await housing(PLACEMENT_STARTED_V1, { ...placement, facilityType: FacilityType.CRISIS_SINGLE, startDate: '2026-01-15' }, '2026-01-15T09:00:00Z');
    const marker = aPlacement(grant);
    await housing(PLACEMENT_STARTED_V1, marker, '2026-06-01T09:00:00Z');
    await waitFor(async () => (await placementOf(marker.placementId)).length === 1, 10_000, 'the events before the marker');
    await expect(placementOf(placement.placementId)).resolves.toEqual([
      { facility_type: 'INTRAMURAL_PROTECTED_HOUSING', start_date: '2026-02-01', end_date: '2026-04-30', destination: 'INDEPENDENT_WITH_SUPPORT' },
    ]);
  });

  it('should put the cost of a resident’s care on the housing type of the stay it was delivered in', async () => {
    const GM = 'GM0579';
    const { controller, grants, declare } = await residents(GM, 4);
    const [bw, first, mover, athome] = grants;
    // One resident in protected housing all year, one in Housing First from 15 March (February is
    // before it), one in a crisis place in April and May who moved to protected housing on 20 May,
    // one who stayed at home.
    const placements = [
      aPlacement(bw),
      aPlacement(first, { facilityType: FacilityType.HOUSING_FIRST, startDate: '2026-03-15' }),
      aPlacement(mover, { facilityType: FacilityType.CRISIS_SINGLE, startDate: '2026-04-01' }),
      aPlacement(mover, { startDate: '2026-05-20' }),
    ];
    for (const p of placements) await housing(PLACEMENT_STARTED_V1, p, `${p.startDate}T09:00:00Z`);
    await housing(PLACEMENT_ENDED_V1, anEnd(placements[2], '2026-05-19'), '2026-05-20T09:00:00Z');
    await waitFor(async () => (await placementOf(placements[2].placementId))[0]?.end_date === '2026-05-19', 10_000, 'the placements');
    await declare('02', [bw, first, mover, athome]);
    await declare('04', [bw, first, mover]);
    await declare('05', [bw, first, mover]);

    const body = await report(GM, controller);
    expect(body.total).toMatchObject({ clients: 4, amountCents: 10 * 65_000 });
    expect(body.byCategory).toHaveLength(4);
    expect(body.byCategory.map((r: { housingType: string | null; amountCents: number; clients: number; averageCents: number | null }) => [r.housingType, r.amountCents, r.clients, r.averageCents])).toEqual([
      // February of the resident at home, the Housing First resident and the mover: no stay explains it.
      [null, 3 * 65_000, 3, 65_000],
      // The mover's April and May (1–19 May in the crisis place: 19 nights against 12).
      ['CRISIS_SINGLE', 2 * 65_000, 1, null],
      ['HOUSING_FIRST', 2 * 65_000, 1, null],
      ['INTRAMURAL_PROTECTED_HOUSING', 3 * 65_000, 1, null],
    ]);
    expect(body.byHousingType).toEqual([
      { housingType: 'CRISIS_SINGLE', amountCents: 130_000, clients: 1, averageCents: null },
      { housingType: 'HOUSING_FIRST', amountCents: 130_000, clients: 1, averageCents: null },
      { housingType: 'INTRAMURAL_PROTECTED_HOUSING', amountCents: 195_000, clients: 1, averageCents: null },
    ]);
    // Another municipality's controller may not read it.
    await svc.http.get(`/api/finance/v1/reports/cost-per-client?municipality=${GM}&year=2026`).set('Authorization', `Bearer ${t.controller}`).expect(403);
  });
});
