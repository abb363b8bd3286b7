import { pseudonymize } from '@vangnet/auth';
import {
  DECISION_ISSUED_V1,
  EventEnvelope,
  INVESTIGATION_COMPLETED_V1,
  PARTNER_REGISTERED_V1,
  PERSON_SAFETY_FLAG_CHANGED_V1,
  PROVISION_CHANGED_V1,
  PROVISION_ENDED_V1,
  PROVISION_GRANTED_V1,
  ProvisionChangedV1,
  ProvisionEndedV1,
  ProvisionGrantedV1,
  REGISTRATION_RECEIVED_V1,
  Role,
} from '@vangnet/contracts';
import { EventProbe, publishEvent, TEST_PSEUDONYM_KEY, TestContext, TestService, waitFor } from '@vangnet/testing';
import {
  AccessClient,
  actorsFor,
  bsnFor,
  createApplication,
  createPerson,
  inKind,
  LEIDEN,
  LEIDERDORP,
  ProcurementStandIn,
  setToday,
  startAccess,
} from './support/access';

const CONSIDERED_ALL = [
  { option: 'OWN_NETWORK', sufficient: false, note: 'daughter lives abroad' },
  { option: 'GENERAL_PROVISION', sufficient: false },
  { option: 'COLLECTIVE_PROVISION', sufficient: false },
  { option: 'TAILORED_PROVISION', sufficient: true },
];

describe('access: from registration to a granted provision', () => {
  let ctx: TestContext;
  let svc: TestService;
  let procurement: ProcurementStandIn;
  let caseworker: AccessClient;
  let decider: AccessClient;
  let auditor: AccessClient;
  let granted: EventProbe<ProvisionGrantedV1>;
  // Each test records its own residents (and its own provider where it grants), so each runs alone.
  let seed = 0;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startAccess(ctx);
    setToday(svc, '2026-11-23');
    procurement = await new ProcurementStandIn(ctx).start();
    const actors = await actorsFor(ctx);
    caseworker = new AccessClient(svc, actors.caseworker);
    decider = new AccessClient(svc, actors.decisionMaker);
    auditor = new AccessClient(svc, actors.auditor);
    granted = await ctx.probe<ProvisionGrantedV1>(PROVISION_GRANTED_V1);
  });

  afterAll(async () => {
    await procurement.stop();
    await ctx.close();
  });

  async function aPerson(familyName = 'De Vries'): Promise<{ bsn: string; personId: string }> {
    const bsn = bsnFor(100 + ++seed);
    return { bsn, personId: await createPerson(caseworker, { bsn, familyName }) };
  }

  async function aRegistration(personId: string, receivedAt = '2026-11-20'): Promise<string> {
    const res = await caseworker
      .post('/registrations', { personId, receivingMunicipality: LEIDEN, source: 'RESIDENT', channel: 'PHONE', canAskForHelp: true, receivedAt })
      .expect(201);
    return res.body.id;
  }

  /** A provider of the test's own, contracted for guidance (02) in Leiden. */
  function aProvider(): { agb: string; contractId: string } {
    const agb = `9800${String(100 + ++seed).padStart(4, '0')}`;
    return { agb, contractId: procurement.contract(agb, LEIDEN, '02', { tariffCents: 6540 }) };
  }

  /** A person with a registration, an application and a decision granting one in-kind provision (decided today). */
  async function aGrant() {
    const person = await aPerson();
    const provider = aProvider();
    const registrationId = await aRegistration(person.personId);
    const applicationId = await createApplication(caseworker, person.personId, { registrationId, receivedAt: '2026-11-23' });
    const res = await decider.post('/decisions', { applicationId, decidedAt: '2026-11-23', provisions: [inKind(provider.agb)] }).expect(201);
    return { ...person, ...provider, registrationId, applicationId, decisionId: res.body.id as string, provisionId: res.body.provisions[0].provisionId as string };
  }

  it('should register a resident’s request with its investigation deadline and announce it', async () => {
    const received = await ctx.probe(REGISTRATION_RECEIVED_V1);
    const { personId } = await aPerson();
    const res = await caseworker
      .post('/registrations', { personId, receivingMunicipality: LEIDEN, source: 'RESIDENT', channel: 'PHONE', canAskForHelp: true, receivedAt: '2026-11-20' })
      .expect(201);
    const registrationId = res.body.id;
    expect(res.body).toMatchObject({ personId, status: 'OPEN', investigationDue: '2027-01-04', outreachTask: null });
    const event = await received.next((e) => (e.data as { registrationId: string }).registrationId === registrationId);
    expect(event).toMatchObject({ municipality: LEIDEN, data: { personId, receivedAt: '2026-11-20', investigationDue: '2027-01-04', outreachTaskCreated: false } });
  });

  it('should create an outreach task when the person cannot ask for help', async () => {
    const res = await caseworker
      .post('/registrations', { receivingMunicipality: LEIDEN, source: 'CONCERNED_OTHER', channel: 'PHONE', canAskForHelp: false, summary: 'neighbour worried' })
      .expect(201);
    expect(res.body.personId).toBeNull();
    expect(res.body.outreachTask).toMatchObject({ status: 'OPEN', createdOn: '2026-11-23' });
  });

  it('should link the person once the BSN of an anonymous report is known, and keep households', async () => {
    const { personId } = await aPerson();
    const anonymous = await caseworker
      .post('/registrations', { receivingMunicipality: LEIDEN, source: 'POLICE', channel: 'PHONE', canAskForHelp: true })
      .expect(201);
    const partnerBsn = bsnFor(100 + ++seed);
    const partner = await createPerson(caseworker, { bsn: partnerBsn, familyName: 'De Vries' });
    const linked = await caseworker.post(`/registrations/${anonymous.body.id}/person`, { personBsn: partnerBsn }).expect(200);
    expect(linked.body.personId).toBe(partner);
    await caseworker.post(`/registrations/${anonymous.body.id}/person`, { personId }).expect(409);

    const household = await caseworker
      .post('/households', { municipality: LEIDEN, members: [{ personId, role: 'APPLICANT' }, { personId: partner, role: 'PARTNER' }] })
      .expect(201);
    // Memberships carry their dates since access.household.changed.v1 (issue 11).
    expect(household.body.members).toEqual([
      { personId, role: 'APPLICANT', from: '2026-11-23', to: null },
      { personId: partner, role: 'PARTNER', from: '2026-11-23', to: null },
    ]);
    const person = await caseworker.get(`/persons/${personId}`).expect(200);
    expect(person.body.households).toEqual([{ householdId: household.body.id, role: 'APPLICANT' }]);
    const duplicate = await caseworker.post('/households', { municipality: LEIDEN, members: [{ personId, role: 'APPLICANT' }, { personId, role: 'PARTNER' }] }).expect(400);
    expect(duplicate.body.invalidParams).toEqual([expect.objectContaining({ name: 'members[1].personId', code: 'DUPLICATE_MEMBER' })]);
  });

  it('should refer to another chain and escalate, time-stamped, with a tracked status', async () => {
    const registrationId = await aRegistration((await aPerson()).personId);
    const referral = await caseworker
      .post(`/registrations/${registrationId}/referrals`, { target: 'DEBT_HELP', organisation: 'Schuldhulpverlening Leiden', at: '2026-11-23T09:15:00Z' })
      .expect(201);
    expect(referral.body).toMatchObject({ kind: 'REFERRAL', status: 'REQUESTED', at: '2026-11-23T09:15:00.000Z' });
    const accepted = await caseworker.post(`/referrals/${referral.body.id}/status`, { status: 'ACCEPTED', at: '2026-11-23T10:00:00Z' }).expect(200);
    expect(accepted.body.history.map((h: { status: string }) => h.status)).toEqual(['REQUESTED', 'ACCEPTED']);
    await caseworker.post(`/referrals/${referral.body.id}/status`, { status: 'COMPLETED' }).expect(200);
    await caseworker.post(`/referrals/${referral.body.id}/status`, { status: 'IN_PROGRESS' }).expect(409);
    await caseworker.post(`/registrations/${registrationId}/escalations`, { target: 'CARE_AND_SAFETY_HUB', note: 'case conference' }).expect(201);
    await caseworker.post(`/registrations/${registrationId}/escalations`, { target: 'DEBT_HELP' }).expect(400);
    const list = await caseworker.get(`/registrations/${registrationId}/referrals`).expect(200);
    expect(list.body.items.map((r: { kind: string; target: string }) => `${r.kind} ${r.target}`)).toEqual(['REFERRAL DEBT_HELP', 'ESCALATION CARE_AND_SAFETY_HUB']);
  });

  it('should record the investigation in the fixed order, with scores and the client-support offer', async () => {
    const registrationId = await aRegistration((await aPerson()).personId);
    const completed = await ctx.probe(INVESTIGATION_COMPLETED_V1);
    const res = await caseworker
      .post(`/registrations/${registrationId}/investigation`, {
        scores: [
          { domain: 'FINANCES', score: 2 },
          { domain: 'HOUSING', score: 4 },
        ],
        considered: CONSIDERED_ALL,
        clientSupportOffered: true,
        clientSupportAccepted: false,
      })
      .expect(201);
    expect(res.body).toMatchObject({ investigatedBy: LEIDEN, conclusion: 'TAILORED_PROVISION', scores: [{ domain: 'FINANCES', score: 2 }, { domain: 'HOUSING', score: 4 }] });
    await expect(completed.next((e) => (e.data as { registrationId: string }).registrationId === registrationId)).resolves.toMatchObject({
      data: { registrationId, clientSupportOffered: true, considered: CONSIDERED_ALL.map((c) => c.option) },
    });
    const reg = await caseworker.get(`/registrations/${registrationId}`).expect(200);
    expect(reg.body.status).toBe('INVESTIGATED');
    expect(reg.body.deadlines).toEqual([expect.objectContaining({ kind: 'INVESTIGATION', status: 'MET', metOn: '2026-11-23' })]);
  });

  it('should let a partner team investigate but never decide', async () => {
    const { personId } = await aPerson();
    const { agb } = aProvider();
    // Registered by Leiden as its access team in the gateway's partner registry (O1, ADR 0052).
    const team = 'ORG:41160099';
    await publishEvent(ctx, PARTNER_REGISTERED_V1, { org: team, kind: 'ORG', name: 'Sociaal Wijkteam Leiden', scopes: [], accessTeamFor: [LEIDEN], active: true, revision: 1 });
    const partner = new AccessClient(svc, await ctx.token({ org: team, roles: [Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER], municipalities: [LEIDEN] }));
    await waitFor(async () => (await partner.get(`/persons/${personId}`)).status === 200, 10_000, 'the partner team registered in access');
    const reg = await caseworker.post('/registrations', { personId, receivingMunicipality: LEIDEN, source: 'PROFESSIONAL', channel: 'REFERRAL', canAskForHelp: true }).expect(201);
    const res = await partner
      .post(`/registrations/${reg.body.id}/investigation`, { scores: [], considered: [{ option: 'OWN_NETWORK', sufficient: true }], clientSupportOffered: true })
      .expect(201);
    expect(res.body.investigatedBy).toBe('ORG:41160099');
    const app = await createApplication(caseworker, personId);
    await partner.post('/decisions', { applicationId: app, provisions: [inKind(agb)] }).expect(403);
    await caseworker.post('/decisions', { applicationId: app, provisions: [inKind(agb)] }).expect(403);
  });

  it('should grant an in-kind provision after procurement’s check and announce provision.granted with its contents', async () => {
    const { bsn, personId } = await aPerson();
    const { agb, contractId } = aProvider();
    const registrationId = await aRegistration(personId);
    const issued = await ctx.probe(DECISION_ISSUED_V1);
    const applicationId = await createApplication(caseworker, personId, { registrationId, receivedAt: '2026-11-23' });
    const app = await caseworker.get(`/applications/${applicationId}`).expect(200);
    expect(app.body).toMatchObject({ status: 'OPEN', decisionDue: '2026-12-07' });

    const res = await decider.post('/decisions', { applicationId, decidedAt: '2026-11-23', provisions: [inKind(agb)] });
    expect(res.status).toBe(201);
    const decisionId = res.body.id;
    const provisionId = res.body.provisions[0].provisionId;
    expect(res.body).toMatchObject({ outcome: 'GRANTED', objectionDue: '2027-01-04', provisions: [{ lineageId: provisionId, version: 1, status: 'ACTIVE' }] });
    expect(procurement.asked).toContainEqual({ providerAgb: agb, municipality: LEIDEN, product: { category: '02' }, date: '2026-12-01' });

    const event = await granted.next((e) => e.data.provisionId === provisionId);
    expect(event.type).toBe(PROVISION_GRANTED_V1);
    expect(event.municipality).toBe(LEIDEN);
    expect(event.data).toEqual({
      provisionId,
      lineageId: provisionId,
      assignmentNumber: expect.any(Number),
      version: 1,
      validFrom: '2026-12-01',
      decisionId,
      personId,
      personPseudonym: pseudonymize(bsn, TEST_PSEUDONYM_KEY),
      product: { category: '02' },
      deliveryForm: 'IN_KIND',
      providerAgb: agb,
      volume: { amount: 4, unit: 'HOUR', frequency: 'PER_WEEK' },
      period: { start: '2026-12-01', end: '2027-11-30' },
      contractId,
      tariffCents: 6540,
      tariffUnit: 'HOUR',
      variant: 'EFFORT',
      municipality: LEIDEN,
      responsibleMunicipality: LEIDEN,
      responsibilityReason: 'WMO_BRP_MUNICIPALITY',
      law: 'WMO',
      crisis: false,
    });
    // Events never carry the BSN or the name.
    expect(JSON.stringify(event)).not.toContain(bsn);
    expect(JSON.stringify(event)).not.toContain('De Vries');
    await expect(issued.next((e) => (e.data as { decisionId: string }).decisionId === decisionId)).resolves.toMatchObject({
      data: { applicationId, personId, outcome: 'GRANTED', provisionIds: [provisionId], objectionDue: '2027-01-04', law: 'WMO' },
    });

    const decision = await decider.get(`/decisions/${decisionId}`).expect(200);
    expect(decision.body.provisions).toEqual([expect.objectContaining({ provisionId, contractId, tariffCents: 6540, responsibleMunicipality: LEIDEN })]);
    const after = await caseworker.get(`/applications/${applicationId}`).expect(200);
    expect(after.body).toMatchObject({ status: 'DECIDED', decisionId, deadline: { status: 'MET', metOn: '2026-11-23' } });
    await decider.post('/decisions', { applicationId, provisions: [inKind(agb)] }).expect(409);
  });

  it('should refuse a provider without a contract, or under a client stop, with procurement’s code and write nothing', async () => {
    const { personId, decisionId, agb } = await aGrant();
    procurement.refuse('98000004', LEIDEN, '01', 'CLIENT_STOP');
    const app = await createApplication(caseworker, personId);
    const noContract = await decider.post('/decisions', { applicationId: app, provisions: [inKind('98000009')] }).expect(422);
    expect(noContract.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(noContract.body).toMatchObject({ status: 422, code: 'NO_CONTRACT', invalidParams: [{ name: 'provisions[0].providerAgb', code: 'NO_CONTRACT' }] });

    // One refused provision among several refuses the whole decision.
    const stop = await decider
      .post('/decisions', { applicationId: app, provisions: [inKind(agb), inKind('98000004', '01', { volume: { amount: 3, unit: 'HOUR', frequency: 'PER_WEEK' } })] })
      .expect(422);
    expect(stop.body).toMatchObject({ code: 'CLIENT_STOP', invalidParams: [{ name: 'provisions[1].providerAgb', code: 'CLIENT_STOP' }] });
    const still = await caseworker.get(`/applications/${app}`).expect(200);
    expect(still.body).toMatchObject({ status: 'OPEN', decisionId: null });
    const decisions = await decider.get(`/decisions?personId=${personId}`).expect(200);
    expect(decisions.body.items.map((d: { id: string }) => d.id)).toEqual([decisionId]);
  });

  it('should answer 503 NO_RESPONDER when procurement does not answer, writing nothing', async () => {
    const { personId } = await aPerson();
    const { agb } = aProvider();
    await procurement.stop();
    try {
      const app = await createApplication(caseworker, personId);
      const res = await decider.post('/decisions', { applicationId: app, provisions: [inKind(agb)] }).expect(503);
      expect(res.body).toMatchObject({ status: 503, code: 'NO_RESPONDER' });
      await expect(caseworker.get(`/applications/${app}`).then((r) => r.body.status)).resolves.toBe('OPEN');
    } finally {
      await procurement.start();
    }
  });

  it('should grant a PGB without asking procurement, with its budget for the whole period', async () => {
    const { personId } = await aPerson();
    const asked = procurement.asked.length;
    const app = await createApplication(caseworker, personId);
    const res = await decider
      .post('/decisions', { applicationId: app, provisions: [{ product: { category: '01' }, deliveryForm: 'PGB', budgetCents: 312_000, period: { start: '2027-01-01', end: '2027-12-31' } }] })
      .expect(201);
    const event = await granted.next((e) => e.data.provisionId === res.body.provisions[0].provisionId);
    expect(event.data).toMatchObject({ deliveryForm: 'PGB', budgetCents: 312_000, period: { start: '2027-01-01', end: '2027-12-31' } });
    expect(event.data.providerAgb).toBeUndefined();
    expect(event.data.volume).toBeUndefined();
    expect(procurement.asked.length).toBe(asked);
  });

  it('should change a provision into a new version of its lineage and end the lineage, by either id', async () => {
    const { personId, provisionId, contractId, agb } = await aGrant();
    const changed = await ctx.probe<ProvisionChangedV1>(PROVISION_CHANGED_V1);
    const ended = await ctx.probe<ProvisionEndedV1>(PROVISION_ENDED_V1);
    const res = await decider
      .post(`/provisions/${provisionId}/changes`, { validFrom: '2027-03-01', volume: { amount: 6, unit: 'HOUR', frequency: 'PER_WEEK' }, changeReason: 'REASSESSMENT_EXTENSION' })
      .expect(201);
    const v2 = res.body.provisionId;
    expect(res.body).toMatchObject({ lineageId: provisionId, version: 2, validFrom: '2027-03-01', previousProvisionId: provisionId });
    const change = await changed.next((e) => e.data.provisionId === v2);
    expect(change.data).toMatchObject({
      lineageId: provisionId,
      version: 2,
      validFrom: '2027-03-01',
      previousProvisionId: provisionId,
      volume: { amount: 6, unit: 'HOUR', frequency: 'PER_WEEK' },
      period: { start: '2026-12-01', end: '2027-11-30' },
      contractId,
      responsibleMunicipality: LEIDEN,
      changeReason: 'REASSESSMENT_EXTENSION',
    });
    const lineage = await decider.get(`/provisions/${v2}`).expect(200);
    expect(lineage.body.versions.map((v: { version: number; validTo: string | null; status: string }) => [v.version, v.validTo, v.status])).toEqual([
      [1, '2027-02-28', 'SUPERSEDED'],
      [2, null, 'ACTIVE'],
    ]);
    await decider.post(`/provisions/${provisionId}/changes`, { validFrom: '2027-02-01', volume: { amount: 2, unit: 'HOUR', frequency: 'PER_WEEK' } }).expect(422);

    const end = await decider.post(`/provisions/${v2}/end`, { endDate: '2027-06-30', reason: 'ENDED_BY_CLIENT' }).expect(200);
    expect(end.body).toMatchObject({ lineageId: provisionId, status: 'ENDED', endDate: '2027-06-30' });
    await expect(ended.next((e) => e.data.lineageId === provisionId)).resolves.toMatchObject({
      data: { provisionId: v2, lineageId: provisionId, endDate: '2027-06-30', reason: 'ENDED_BY_CLIENT', personId, providerAgb: agb, responsibleMunicipality: LEIDEN },
    });
    await decider.post(`/provisions/${provisionId}/end`, { endDate: '2027-05-31', reason: 'ENDED_BY_CLIENT' }).expect(409);
  });

  it('should let the assigned provider read its provision, and no other provider', async () => {
    const { personId, provisionId, agb } = await aGrant();
    const own = new AccessClient(svc, await ctx.token({ org: `AGB:${agb}`, roles: [Role.PROVIDER] }));
    const other = new AccessClient(svc, await ctx.token({ org: 'AGB:98000004', roles: [Role.PROVIDER] }));
    const res = await own.get(`/provisions/${provisionId}`).expect(200);
    expect(res.body.current.providerAgb).toBe(agb);
    await other.get(`/provisions/${provisionId}`).expect(404);
    const list = await own.get('/provisions').expect(200);
    expect(list.body.items.map((p: { lineageId: string }) => p.lineageId)).toContain(provisionId);
    await own.get(`/persons/${personId}`).expect(403);
  });

  it('should limit reads to the caller’s municipalities and log every read of a person', async () => {
    const { bsn, personId, decisionId } = await aGrant();
    const elsewhere = new AccessClient(svc, (await actorsFor(ctx, [LEIDERDORP])).decisionMaker);
    await elsewhere.get(`/persons/${personId}`).expect(404);
    await expect(elsewhere.post('/persons/search', { bsn }).then((r) => r.body.items)).resolves.toEqual([]);
    await elsewhere.get(`/decisions/${decisionId}`).expect(404);

    const found = await caseworker.post('/persons/search', { bsn }).expect(200);
    expect(found.body.items).toEqual([expect.objectContaining({ id: personId, bsn, familyName: 'De Vries' })]);
    const log = await auditor.get(`/processing-log?bsn=${bsn}&action=READ`).expect(200);
    expect(log.body.items.length).toBeGreaterThan(0);
    expect(log.body.items[0]).toMatchObject({ action: 'READ', resource: expect.any(String), municipality: LEIDEN, legalBasis: expect.stringContaining('Wmo 2015') });
    expect(log.body.items.some((i: { resource: string; resourceId: string }) => i.resource === 'person' && i.resourceId === personId)).toBe(true);
  });

  it('should publish the safety flag change once it is set', async () => {
    const { bsn, personId } = await aPerson();
    const flags = await ctx.probe(PERSON_SAFETY_FLAG_CHANGED_V1);
    const current = await caseworker.get(`/persons/${personId}`).expect(200);
    const res = await caseworker.patch(`/persons/${personId}`, { safetyFlag: true }, { 'If-Match': current.headers.etag }).expect(200);
    expect(res.body.safetyFlag).toBe(true);
    await caseworker.patch(`/persons/${personId}`, { familyName: 'Stale' }, { 'If-Match': current.headers.etag }).expect(412);
    const event = (await flags.next((e) => (e.data as { personId: string }).personId === personId)) as EventEnvelope<{ safetyFlag: boolean; personPseudonym: string }>;
    expect(event.data).toMatchObject({ safetyFlag: true, personPseudonym: pseudonymize(bsn, TEST_PSEUDONYM_KEY), changedAt: '2026-11-23' });
  });

  it('should take an objection within its term, with the decision term for the objection', async () => {
    const { decisionId } = await aGrant();
    const res = await caseworker.post(`/decisions/${decisionId}/objections`, { grounds: 'too few hours' }).expect(201);
    expect(res.body).toMatchObject({ timely: true, termEnd: '2027-01-04', decisionDue: '2027-02-15', status: 'OPEN' });
    const decided = await decider.post(`/objections/${res.body.id}/decision`, { outcome: 'REJECTED' }).expect(200);
    expect(decided.body).toMatchObject({ status: 'DECIDED', outcome: 'REJECTED', deadline: { status: 'MET' } });
    await caseworker.post(`/objections/${res.body.id}/decision`, { outcome: 'UPHELD' }).expect(403);
  });
});
