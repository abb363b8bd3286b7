import { PROVISION_CHANGED_V1, PROVISION_GRANTED_V1, ProvisionChangedV1, ProvisionGrantedV1, Unit } from '@vangnet/contracts';
import { EventProbe, TestContext, TestService } from '@vangnet/testing';
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
  setToday,
  startAccess,
  VOORSCHOTEN,
} from './support/access';

const BW = '98000002'; // protected housing (15, 18)
const SHELTER = '98000003'; // shelter (16, 17)

function housing(category: string, start: string, end: string, over: Record<string, unknown> = {}) {
  return {
    product: { category },
    deliveryForm: 'IN_KIND',
    providerAgb: category === '16' || category === '17' ? SHELTER : BW,
    volume: { amount: 7, unit: 'DAY', frequency: 'PER_WEEK' },
    period: { start, end },
    ...over,
  };
}

interface Setup {
  ctx: TestContext;
  svc: TestService;
  procurement: ProcurementStandIn;
  granted: EventProbe<ProvisionGrantedV1>;
  changed: EventProbe<ProvisionChangedV1>;
  oegstgeest: { caseworker: AccessClient; decider: AccessClient };
  leiden: { caseworker: AccessClient; decider: AccessClient };
}

async function setUp(): Promise<Setup> {
  const ctx = await TestContext.create();
  const svc = await startAccess(ctx);
  setToday(svc, '2026-11-23');
  const procurement = await new ProcurementStandIn(ctx).start();
  for (const m of [LEIDEN, LEIDERDORP, OEGSTGEEST, VOORSCHOTEN]) {
    procurement.contract(BW, m, '15', { unit: Unit.DAY, tariffCents: 14_500 });
    procurement.contract(BW, m, '18', { unit: Unit.DAY, tariffCents: 9_800 });
  }
  procurement.contract(SHELTER, LEIDEN, '16', { unit: Unit.DAY, tariffCents: 7_200 });
  const o = await actorsFor(ctx, [OEGSTGEEST]);
  const l = await actorsFor(ctx, [LEIDEN]);
  return {
    ctx,
    svc,
    procurement,
    oegstgeest: { caseworker: new AccessClient(svc, o.caseworker), decider: new AccessClient(svc, o.decisionMaker) },
    leiden: { caseworker: new AccessClient(svc, l.caseworker), decider: new AccessClient(svc, l.decisionMaker) },
    granted: await ctx.probe<ProvisionGrantedV1>(PROVISION_GRANTED_V1),
    changed: await ctx.probe<ProvisionChangedV1>(PROVISION_CHANGED_V1),
  };
}

async function tearDown(s: Setup | undefined): Promise<void> {
  await s?.procurement.stop();
  await s?.ctx.close();
}

const decide = async (who: { decider: AccessClient }, applicationId: string, provisions: unknown[], decidedAt?: string) => {
  const res = await who.decider.post('/decisions', { applicationId, provisions, ...(decidedAt ? { decidedAt } : {}) });
  if (res.status !== 201) throw new Error(`decision: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.provisions[0] as { provisionId: string; responsibleMunicipality: string; responsibilityReason: string; responsibilitySwitchOn: string | null };
};

/** A new client registered in Oegstgeest, from Voorschoten, living in Leiderdorp: granted protected housing for three years. */
async function aNewClient(s: Setup, seed: number) {
  const bsn = bsnFor(seed);
  await createPerson(s.leiden.caseworker, { bsn, brpMunicipality: LEIDERDORP, municipality: LEIDEN });
  // The registration in Oegstgeest records the origin; the person is found by BSN across the region.
  const reg = await s.oegstgeest.caseworker
    .post('/registrations', { personBsn: bsn, receivingMunicipality: OEGSTGEEST, originMunicipality: VOORSCHOTEN, source: 'MELDPUNT', channel: 'PHONE', canAskForHelp: true, category: '15' })
    .expect(201);
  const app = await createApplication(s.oegstgeest.caseworker, reg.body.personId, { municipality: OEGSTGEEST, registrationId: reg.body.id });
  return { personId: reg.body.personId as string, provision: await decide(s.oegstgeest, app, [housing('15', '2026-12-01', '2029-11-30')]) };
}

describe('access: the responsible municipality for protected housing follows the dated rule set', () => {
  let ctx: TestContext;
  let svc: TestService;
  let procurement: ProcurementStandIn;
  let granted: EventProbe<ProvisionGrantedV1>;
  // Oegstgeest receives protected-housing registrations from anywhere (national access).
  let oegstgeest: { caseworker: AccessClient; decider: AccessClient };
  let leiden: { caseworker: AccessClient; decider: AccessClient };

  let setup: Setup;

  beforeAll(async () => {
    setup = await setUp();
    ({ ctx, svc, procurement, granted, oegstgeest, leiden } = setup);
  });

  afterAll(() => tearDown(setup));

  it('should keep shelter with the central municipality, whoever decides', async () => {
    setToday(svc, '2026-11-23');
    const personId = await createPerson(oegstgeest.caseworker, { bsn: bsnFor(11), brpMunicipality: LEIDERDORP, originMunicipality: VOORSCHOTEN, municipality: OEGSTGEEST });
    const app = await createApplication(oegstgeest.caseworker, personId, { municipality: OEGSTGEEST });
    const p = await decide(oegstgeest, app, [housing('16', '2026-12-01', '2027-02-28')]);
    expect(p).toMatchObject({ responsibleMunicipality: LEIDEN, responsibilityReason: 'SHELTER' });
    expect(procurement.asked).toContainEqual({ providerAgb: SHELTER, municipality: LEIDEN, product: { category: '16' }, date: '2026-12-01' });
    const event = await granted.next((e) => e.data.provisionId === p.provisionId);
    expect(event).toMatchObject({ municipality: OEGSTGEEST, data: { municipality: OEGSTGEEST, responsibleMunicipality: LEIDEN, responsibilityReason: 'SHELTER' } });
  });

  it('should let the municipality of origin pay for a new client, for the whole lineage', async () => {
    setToday(svc, '2026-11-23');
    const { personId, provision: p } = await aNewClient(setup, 12);
    expect(p).toMatchObject({ responsibleMunicipality: VOORSCHOTEN, responsibilityReason: 'ORIGIN_PERIOD', responsibilitySwitchOn: null });
    expect(procurement.asked).toContainEqual({ providerAgb: BW, municipality: VOORSCHOTEN, product: { category: '15' }, date: '2026-12-01' });
    await expect(granted.next((e) => e.data.provisionId === p.provisionId)).resolves.toMatchObject({
      data: { municipality: OEGSTGEEST, responsibleMunicipality: VOORSCHOTEN, responsibilityReason: 'ORIGIN_PERIOD', tariffCents: 14_500, tariffUnit: 'DAY', originMunicipality: VOORSCHOTEN },
    });
    // The paying municipality may now see the person it pays for.
    const voorschoten = new AccessClient(svc, (await actorsFor(ctx, [VOORSCHOTEN])).caseworker);
    await voorschoten.get(`/persons/${personId}`).expect(200);
  });

  it('should fall to the national safety net when no origin can be determined', async () => {
    setToday(svc, '2026-11-23');
    const personId = await createPerson(oegstgeest.caseworker, { bsn: bsnFor(13), municipality: OEGSTGEEST, brpMunicipality: null });
    const app = await createApplication(oegstgeest.caseworker, personId, { municipality: OEGSTGEEST });
    const p = await decide(oegstgeest, app, [housing('15', '2026-12-01', '2027-11-30')]);
    expect(p).toMatchObject({ responsibleMunicipality: OEGSTGEEST, responsibilityReason: 'NATIONAL_SAFETY_NET' });
  });

  it('should keep an existing client with the central municipality while the indication runs, and make a re-indicated one new', async () => {
    setToday(svc, '2025-05-27');
    const personId = await createPerson(leiden.caseworker, { bsn: bsnFor(14), brpMunicipality: LEIDEN, originMunicipality: VOORSCHOTEN });
    const first = await createApplication(leiden.caseworker, personId, { receivedAt: '2025-05-20' });
    const old = await decide(leiden, first, [housing('15', '2025-06-01', '2027-05-31')]);
    expect(old).toMatchObject({ responsibleMunicipality: LEIDEN, responsibilityReason: 'CENTRAL_REGIME' });

    setToday(svc, '2026-11-23');
    // A change of the running indication under the new rule set: still central.
    const change = await leiden.decider
      .post(`/provisions/${old.provisionId}/changes`, { validFrom: '2026-12-01', productCode: '15A02', changeReason: 'CONTRACT_CHANGE' })
      .expect(201);
    expect(change.body).toMatchObject({ version: 2, responsibleMunicipality: LEIDEN, responsibilityReason: 'EXISTING_CLIENT' });
    // Another provision within the running indication: still central.
    const second = await createApplication(leiden.caseworker, personId);
    await expect(decide(leiden, second, [housing('18', '2026-12-01', '2027-05-31')])).resolves.toMatchObject({
      responsibleMunicipality: LEIDEN,
      responsibilityReason: 'EXISTING_CLIENT',
    });
    // A re-indication makes them a new client: the municipality of origin pays.
    const third = await createApplication(leiden.caseworker, personId);
    await expect(decide(leiden, third, [housing('15', '2026-12-15', '2028-12-14', { reindication: true })])).resolves.toMatchObject({
      responsibleMunicipality: VOORSCHOTEN,
      responsibilityReason: 'ORIGIN_PERIOD',
      responsibilitySwitchOn: null, // the period ends before the origin period does
    });
  });
});

// New rule sets act on the whole schema: a database of their own.
describe('access: a change of payer is a new lineage (issue 11)', () => {
  let setup: Setup;

  beforeAll(async () => {
    setup = await setUp();
  });

  afterAll(() => tearDown(setup));

  it('should refuse a change from which another municipality pays, and start a new lineage with the new payer’s number', async () => {
    const { svc, oegstgeest, granted } = setup;
    setToday(svc, '2026-11-23');
    const { personId, provision } = await aNewClient(setup, 15);
    setToday(svc, '2028-12-02');
    const refused = await oegstgeest.decider.post(`/provisions/${provision.provisionId}/changes`, { validFrom: '2028-12-01', volume: { amount: 14, unit: 'DAY', frequency: 'PER_WEEK' } }).expect(422);
    expect(refused.body).toMatchObject({ code: 'PAYER_CHANGES', invalidParams: [{ name: 'validFrom', code: 'PAYER_CHANGES' }] });
    await oegstgeest.decider.post(`/provisions/${provision.provisionId}/end`, { endDate: '2028-11-30', reason: 'MOVED_TO_OTHER_MUNICIPALITY' }).expect(200);
    const app = await createApplication(oegstgeest.caseworker, personId, { municipality: OEGSTGEEST, receivedAt: '2028-11-25' });
    const next = await decide(oegstgeest, app, [housing('15', '2028-12-01', '2029-11-30')]);
    // Under today's rule sets a new indication is a new client (issue 12 replaces them): here the safety net pays.
    expect(next).toMatchObject({ responsibleMunicipality: OEGSTGEEST, responsibilityReason: 'NATIONAL_SAFETY_NET' });
    const [first, second] = await Promise.all(
      [provision.provisionId, next.provisionId].map((id) => granted.next((e) => e.data.provisionId === id)),
    );
    expect(first.data).toMatchObject({ responsibleMunicipality: VOORSCHOTEN, assignmentNumber: 1 });
    expect(second.data).toMatchObject({ responsibleMunicipality: OEGSTGEEST, assignmentNumber: 1 });
    expect(second.data.lineageId).not.toBe(first.data.lineageId);
  });
});

describe('access: responsibility rule sets', () => {
  let setup: Setup;

  beforeAll(async () => {
    setup = await setUp();
  });

  afterAll(() => tearDown(setup));

  it('should store new rule sets by their start date and never retroactively', async () => {
    const { svc, leiden, oegstgeest } = setup;
    setToday(svc, '2026-11-23');
    const body = { validFrom: '2027-01-01', regime: 'ORIGIN', centralMunicipality: LEIDEN, originPeriodMonths: 12 };
    const retro = await leiden.decider.post('/responsibility-rule-sets', { ...body, validFrom: '2026-11-23' }).expect(422);
    expect(retro.body.invalidParams).toEqual([expect.objectContaining({ name: 'validFrom', code: 'RULE_SET_RETROACTIVE' })]);
    await oegstgeest.decider.post('/responsibility-rule-sets', body).expect(403);
    await leiden.decider.post('/responsibility-rule-sets', body).expect(201);
    await leiden.decider.post('/responsibility-rule-sets', body).expect(409);
    const list = await leiden.caseworker.get('/responsibility-rule-sets').expect(200);
    expect(list.body.items.map((r: { validFrom: string; regime: string }) => `${r.validFrom} ${r.regime}`)).toEqual([
      '2015-01-01 CENTRAL',
      '2026-01-01 ORIGIN',
      '2027-01-01 ORIGIN',
    ]);
  });
});
