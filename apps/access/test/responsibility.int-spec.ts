import { PROVISION_GRANTED_V1, ProvisionGrantedV1, Role, Unit } from '@vangnet/contracts';
import { EventProbe, TestContext, TestService } from '@vangnet/testing';
import { Client } from 'pg';
import {
  AccessClient,
  actorsFor,
  bsnFor,
  createApplication,
  createPerson,
  LEIDEN,
  LEIDERDORP,
  OEGSTGEEST,
  ProcurementStandIn,
  REGION,
  setToday,
  startAccess,
  VOORSCHOTEN,
} from './support/access';

const BW = '98000002'; // protected housing (15, 18)
const SHELTER = '98000003'; // shelter (16, 17)

function housing(category: string, start: string, end: string) {
  return {
    product: { category },
    deliveryForm: 'IN_KIND',
    providerAgb: category === '16' || category === '17' ? SHELTER : BW,
    volume: { amount: 7, unit: 'DAY', frequency: 'PER_WEEK' },
    period: { start, end },
  };
}

const youthPgb = (start: string, end: string) => ({ product: { category: '45' }, deliveryForm: 'PGB', budgetCents: 450_000, period: { start, end } });

type Team = { caseworker: AccessClient; decider: AccessClient };
type Granted = { provisionId: string; lineageId: string; responsibleMunicipality: string; responsibilityReason: string };

// Rule sets and mandates act on the whole schema: one database for this file, its cases in date order.
describe('access: the responsible municipality per law, dated rule sets and mandates', () => {
  let ctx: TestContext;
  let svc: TestService;
  let procurement: ProcurementStandIn;
  let granted: EventProbe<ProvisionGrantedV1>;
  let db: Client;
  let oegstgeest: Team;
  let leiden: Team;
  let voorschoten: Team;
  let admin: AccessClient;

  const team = async (m: string): Promise<Team> => {
    const a = await actorsFor(ctx, [m]);
    return { caseworker: new AccessClient(svc, a.caseworker), decider: new AccessClient(svc, a.decisionMaker) };
  };
  const decide = async (who: Team, applicationId: string, provisions: unknown[]): Promise<Granted> => {
    const res = await who.decider.post('/decisions', { applicationId, provisions });
    if (res.status !== 201) throw new Error(`decision: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.provisions[0];
  };
  const determination = async (lineageId: string) =>
    (
      await db.query(
        `SELECT l.responsibility_basis AS rule, l.responsibility_inputs AS inputs, r.scope, r.regime
           FROM access.provision_lineage l LEFT JOIN access.responsibility_rule_set r ON r.id = l.responsibility_rule_set_id WHERE l.id = $1`,
        [lineageId],
      )
    ).rows[0];

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startAccess(ctx);
    procurement = await new ProcurementStandIn(ctx).start();
    for (const m of [LEIDEN, LEIDERDORP, OEGSTGEEST, VOORSCHOTEN]) procurement.contract(BW, m, '15', { unit: Unit.DAY, tariffCents: 14_500 });
    procurement.contract(SHELTER, LEIDEN, '16', { unit: Unit.DAY, tariffCents: 7_200 });
    granted = await ctx.probe<ProvisionGrantedV1>(PROVISION_GRANTED_V1);
    [oegstgeest, leiden, voorschoten] = [await team(OEGSTGEEST), await team(LEIDEN), await team(VOORSCHOTEN)];
    admin = new AccessClient(svc, await ctx.token({ sub: 'ra-1', org: LEIDEN, roles: [Role.REGION_ADMINISTRATOR], municipalities: REGION }));
    db = new Client({ connectionString: ctx.db.url });
    await db.connect();
  });

  afterAll(async () => {
    await procurement.stop();
    await db.end();
    await ctx.close();
  });

  it('should ship the law in force as the default and withdraw the "origin for 24 months" rule set, visibly', async () => {
    const list = await leiden.caseworker.get('/responsibility-rule-sets').expect(200);
    const rows = list.body.items.map((r: { scope: string; validFrom: string; regime: string; withdrawn: unknown }) => `${r.scope} ${r.validFrom} ${r.regime}${r.withdrawn ? ' withdrawn' : ''}`);
    expect(rows).toEqual(['JEUGDWET 2022-01-01 JEUGDWET_2022', 'WMO_PROTECTED_HOUSING 2015-01-01 NATIONAL_ACCESS', 'WMO_PROTECTED_HOUSING 2026-01-01 ORIGIN withdrawn', 'WMO_SUPPORT 2015-01-01 WMO_BRP']);
  });

  it('should let any municipality decide protected housing and shelter under the law in force, the central municipality paying', async () => {
    setToday(svc, '2026-11-23');
    const personId = await createPerson(oegstgeest.caseworker, { bsn: bsnFor(11), brpMunicipality: LEIDERDORP, originMunicipality: VOORSCHOTEN, municipality: OEGSTGEEST });
    const shelter = await decide(oegstgeest, await createApplication(oegstgeest.caseworker, personId, { municipality: OEGSTGEEST }), [housing('16', '2026-12-01', '2027-02-28')]);
    expect(shelter).toMatchObject({ responsibleMunicipality: LEIDEN, responsibilityReason: 'WMO_CENTRAL_MUNICIPALITY' });
    const bw = await decide(oegstgeest, await createApplication(oegstgeest.caseworker, personId, { municipality: OEGSTGEEST }), [housing('15', '2026-12-01', '2028-11-30')]);
    expect(bw).toMatchObject({ responsibleMunicipality: LEIDEN, responsibilityReason: 'WMO_CENTRAL_MUNICIPALITY' });
    expect(procurement.asked).toContainEqual({ providerAgb: BW, municipality: LEIDEN, product: { category: '15' }, date: '2026-12-01' });
    await expect(granted.next((e) => e.data.provisionId === bw.provisionId)).resolves.toMatchObject({
      municipality: OEGSTGEEST,
      data: { municipality: OEGSTGEEST, responsibleMunicipality: LEIDEN, responsibilityReason: 'WMO_CENTRAL_MUNICIPALITY' },
    });
    await expect(determination(bw.lineageId)).resolves.toEqual({
      rule: 'WMO_CENTRAL_MUNICIPALITY',
      scope: 'WMO_PROTECTED_HOUSING',
      regime: 'NATIONAL_ACCESS',
      inputs: { scope: 'WMO_PROTECTED_HOUSING', category: '15', date: '2026-12-01', decidingMunicipality: OEGSTGEEST, centralMunicipality: LEIDEN },
    });
  });

  it('should make the BRP municipality before a child’s stay responsible under the Jeugdwet, refusing another without a mandate', async () => {
    setToday(svc, '2026-11-23');
    // Living with a foster parent in Oegstgeest since 2025; registered in Leiden before that.
    const stay = { kind: 'FOSTER_PARENT', since: '2025-03-01', brpMunicipalityBefore: LEIDEN };
    const personId = await createPerson(oegstgeest.caseworker, { bsn: bsnFor(12), brpMunicipality: OEGSTGEEST, municipality: OEGSTGEEST });
    await oegstgeest.caseworker.patch(`/persons/${personId}`, { residence: { stay } }, { 'If-Match': '"1"' }).expect(200);
    const app = await createApplication(oegstgeest.caseworker, personId, { municipality: OEGSTGEEST, law: 'JEUGDWET' });
    const refused = await oegstgeest.decider.post('/decisions', { applicationId: app, provisions: [youthPgb('2026-12-01', '2027-11-30')] }).expect(422);
    expect(refused.body).toMatchObject({ code: 'NOT_RESPONSIBLE', invalidParams: [{ name: 'provisions[0].product.category', code: 'NOT_RESPONSIBLE' }] });
    await expect(oegstgeest.caseworker.get(`/applications/${app}`).then((r) => r.body.status)).resolves.toBe('OPEN');

    // Leiden records a mandate for Oegstgeest's team (kept by the region administrator).
    const bad = await admin.post('/mandates', { mandatingMunicipality: LEIDEN, mandatedTeam: OEGSTGEEST, scopes: ['JEUGDWET'], validFrom: '2026-12-01', validTo: '2026-11-30' }).expect(422);
    expect(bad.body.invalidParams).toEqual([expect.objectContaining({ name: 'validTo', code: 'END_BEFORE_START' })]);
    await oegstgeest.decider.post('/mandates', { mandatingMunicipality: LEIDEN, mandatedTeam: OEGSTGEEST, scopes: ['JEUGDWET'], validFrom: '2026-11-01' }).expect(403);
    await admin.post('/mandates', { mandatingMunicipality: LEIDEN, mandatedTeam: OEGSTGEEST, scopes: ['JEUGDWET'], validFrom: '2026-11-01' }, { 'If-Match': 'W/"0"' }).expect(201);
    const youth = await decide(oegstgeest, app, [youthPgb('2026-12-01', '2027-11-30')]);
    expect(youth).toMatchObject({ responsibleMunicipality: LEIDEN, responsibilityReason: 'JEUGDWET_ADDRESS_BEFORE_STAY' });
    await expect(determination(youth.lineageId)).resolves.toMatchObject({ rule: 'JEUGDWET_ADDRESS_BEFORE_STAY', regime: 'JEUGDWET_2022', inputs: { stay } });
    // The paying municipality sees why it pays.
    const view = await leiden.caseworker.get(`/provisions/${youth.lineageId}`).expect(200);
    expect(view.body.responsibility).toMatchObject({ responsibleMunicipality: LEIDEN, rule: 'JEUGDWET_ADDRESS_BEFORE_STAY', inputs: { scope: 'JEUGDWET', stay } });
  });

  it('should activate the woonplaatsbeginsel (bill 36288) from a date, refusing an overlapping or retroactive rule set', async () => {
    setToday(svc, '2026-11-24');
    const body = { scope: 'WMO_PROTECTED_HOUSING', regime: 'WOONPLAATSBEGINSEL_36288', centralMunicipality: LEIDEN, validFrom: '2027-01-01' };
    const retro = await admin.post('/responsibility-rule-sets', { ...body, validFrom: '2026-11-24' }).expect(422);
    expect(retro.body.invalidParams).toEqual([expect.objectContaining({ name: 'validFrom', code: 'RULE_SET_RETROACTIVE' })]);
    const wrongScope = await admin.post('/responsibility-rule-sets', { ...body, scope: 'WMO_SUPPORT' }).expect(422);
    expect(wrongScope.body.invalidParams).toEqual([expect.objectContaining({ name: 'regime', code: 'REGIME_NOT_IN_SCOPE' })]);
    await leiden.decider.post('/responsibility-rule-sets', body).expect(403);
    await admin.post('/responsibility-rule-sets', body, { 'If-Match': 'W/"0"' }).expect(201);
    const overlap = await admin.post('/responsibility-rule-sets', { ...body, regime: 'NATIONAL_ACCESS', validFrom: '2026-12-15' }, { 'If-Match': 'W/"1"' }).expect(409);
    expect(overlap.body.invalidParams).toEqual([expect.objectContaining({ name: 'validFrom', code: 'RULE_SET_OVERLAPS' })]);
    const list = await leiden.caseworker.get('/responsibility-rule-sets').expect(200);
    const protectedHousing = list.body.items.filter((r: { scope: string; withdrawn: unknown }) => r.scope === 'WMO_PROTECTED_HOUSING' && !r.withdrawn);
    expect(protectedHousing.map((r: { regime: string; validFrom: string; validTo: string | null }) => [r.regime, r.validFrom, r.validTo])).toEqual([
      ['NATIONAL_ACCESS', '2015-01-01', '2026-12-31'],
      ['WOONPLAATSBEGINSEL_36288', '2027-01-01', null],
    ]);
  });

  it('should decide protected housing under the woonplaatsbeginsel by the BRP residential address, and keep earlier provisions’ payer', async () => {
    setToday(svc, '2027-01-20');
    const personId = await createPerson(voorschoten.caseworker, { bsn: bsnFor(13), brpMunicipality: VOORSCHOTEN, municipality: VOORSCHOTEN });
    const bw = await decide(voorschoten, await createApplication(voorschoten.caseworker, personId, { municipality: VOORSCHOTEN }), [housing('15', '2027-02-01', '2029-01-31')]);
    expect(bw).toMatchObject({ responsibleMunicipality: VOORSCHOTEN, responsibilityReason: 'PROTECTED_HOUSING_RESIDENTIAL_ADDRESS' });
    await expect(determination(bw.lineageId)).resolves.toMatchObject({ regime: 'WOONPLAATSBEGINSEL_36288', inputs: { brpMunicipality: VOORSCHOTEN } });
    // Oegstgeest is no longer responsible for a Voorschoten resident's protected housing.
    // Oegstgeest records what it knows of the resident (the BSN links silently to the one person, ADR 0051), then applies by BSN.
    await createPerson(oegstgeest.caseworker, { bsn: bsnFor(13), brpMunicipality: VOORSCHOTEN, municipality: OEGSTGEEST });
    const app = (await oegstgeest.caseworker.post('/applications', { personBsn: bsnFor(13), municipality: OEGSTGEEST, law: 'WMO' }).expect(201)).body.id;
    await expect(oegstgeest.decider.post('/decisions', { applicationId: app, provisions: [housing('15', '2027-02-01', '2028-01-31')] }).then((r) => [r.status, r.body.code])).resolves.toEqual([422, 'NOT_RESPONSIBLE']);
    // Without a residential address (art. 1.2.1a lid 1 d): the municipality of the last one.
    const homeless = await createPerson(oegstgeest.caseworker, { bsn: bsnFor(14), brpMunicipality: null, municipality: OEGSTGEEST });
    await oegstgeest.caseworker.patch(`/persons/${homeless}`, { residence: { lastResidentialMunicipality: OEGSTGEEST } }, { 'If-Match': '"1"' }).expect(200);
    const d = await decide(oegstgeest, await createApplication(oegstgeest.caseworker, homeless, { municipality: OEGSTGEEST }), [housing('15', '2027-02-01', '2028-01-31')]);
    expect(d).toMatchObject({ responsibleMunicipality: OEGSTGEEST, responsibilityReason: 'PROTECTED_HOUSING_NO_RESIDENTIAL_ADDRESS' });

    // The provision decided under the law in force keeps its payer when it changes now.
    const [earlier] = (await db.query(`SELECT id FROM access.provision_lineage WHERE category = '15' AND responsible_municipality = $1 ORDER BY created_at LIMIT 1`, [LEIDEN])).rows;
    const change = await oegstgeest.decider.post(`/provisions/${earlier.id}/changes`, { validFrom: '2027-02-01', productCode: '15A02', changeReason: 'CONTRACT_CHANGE' }).expect(201);
    expect(change.body).toMatchObject({ version: 2, responsibleMunicipality: LEIDEN, responsibilityReason: 'WMO_CENTRAL_MUNICIPALITY' });
  });
});
