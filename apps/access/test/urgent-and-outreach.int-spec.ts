import { TestContext, TestService } from '@vangnet/testing';
import { AccessClient, actorsFor, bsnFor, createApplication, createPerson, LEIDEN, LEIDERDORP, setToday, startAccess } from './support/access';

const pgb = (start: string, end?: string) => ({ product: { category: '02' }, deliveryForm: 'PGB', budgetCents: 80_000, period: { start, ...(end ? { end } : {}) } });

describe('access: urgent cases (Wmo 2.3.3) and the outreach worklist', () => {
  let ctx: TestContext;
  let svc: TestService;
  let caseworker: AccessClient;
  let decider: AccessClient;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startAccess(ctx);
    const actors = await actorsFor(ctx);
    caseworker = new AccessClient(svc, actors.caseworker);
    decider = new AccessClient(svc, actors.decisionMaker);
  });

  afterAll(() => ctx.close());

  it('should decide a temporary provision at once, marked urgent, with the ordinary route continuing behind it', async () => {
    setToday(svc, '2026-11-20');
    const personId = await createPerson(caseworker, { bsn: bsnFor(701) });
    const registration = (await caseworker.post('/registrations', { personId, receivingMunicipality: LEIDEN, source: 'POLICE', channel: 'PHONE', canAskForHelp: true }).expect(201)).body;
    const app = await createApplication(caseworker, personId, { registrationId: registration.id });
    const open = await decider.post('/decisions', { applicationId: app, urgent: true, provisions: [pgb('2026-11-20')] }).expect(400);
    expect(open.body.invalidParams).toEqual([expect.objectContaining({ name: 'provisions[0].period.end', code: 'TEMPORARY_NEEDS_END' })]);
    const urgent = await decider.post('/decisions', { applicationId: app, urgent: true, provisions: [pgb('2026-11-20', '2026-12-31')] }).expect(201);
    expect(urgent.body).toMatchObject({ urgent: true, outcome: 'GRANTED', provisions: [{ status: 'ACTIVE' }] });
    // The investigation has not ended and the ordinary decision term still runs.
    const after = await caseworker.get(`/applications/${app}`).expect(200);
    expect(after.body).toMatchObject({ status: 'OPEN', decisionDue: '2026-12-04', deadline: { status: 'OPEN' } });
    await expect(caseworker.get(`/registrations/${registration.id}`).then((r) => r.body.deadlines[0].status)).resolves.toBe('OPEN');
    // The ordinary decision follows and closes the application.
    setToday(svc, '2026-12-02');
    const ordinary = await decider.post('/decisions', { applicationId: app, provisions: [pgb('2027-01-01', '2027-12-31')] }).expect(201);
    expect(ordinary.body.urgent).toBe(false);
    await expect(caseworker.get(`/applications/${app}`).then((r) => [r.body.status, r.body.decisionId, r.body.deadline.status])).resolves.toEqual(['DECIDED', ordinary.body.id, 'MET']);
    await decider.post('/decisions', { applicationId: app, provisions: [pgb('2027-01-01', '2027-12-31')] }).expect(409);
    const youth = await createApplication(caseworker, personId, { law: 'JEUGDWET' });
    const refused = await decider.post('/decisions', { applicationId: youth, urgent: true, provisions: [{ ...pgb('2026-12-02', '2026-12-31'), product: { category: '45' } }] }).expect(422);
    expect(refused.body.invalidParams).toEqual([expect.objectContaining({ name: 'urgent', code: 'URGENT_WMO_ONLY' })]);
  });

  it('should list, assign, record contacts and close an outreach task against its first-contact norm', async () => {
    setToday(svc, '2026-12-23');
    const reg = (await caseworker.post('/registrations', { receivingMunicipality: LEIDEN, source: 'CONCERNED_OTHER', channel: 'PHONE', canAskForHelp: false, summary: 'neighbour worried' }).expect(201)).body;
    // Three working days: Thursday 24, (Christmas, Boxing Day, Sunday), Monday 28, Tuesday 29 December.
    expect(reg.outreachTask).toMatchObject({ status: 'OPEN', firstContactDue: '2026-12-29' });
    const taskId = reg.outreachTask.id;
    const list = await caseworker.get('/outreach-tasks').expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: taskId, registrationId: reg.id, firstContact: 'DUE', contacts: [] })]);
    const elsewhere = new AccessClient(svc, (await actorsFor(ctx, [LEIDERDORP])).caseworker);
    await expect(elsewhere.get('/outreach-tasks').then((r) => r.body.items)).resolves.toEqual([]);
    await elsewhere.get(`/outreach-tasks/${taskId}`).expect(404);

    await caseworker.post(`/outreach-tasks/${taskId}/assign`, { assignee: 'bemoeizorg-team-noord' }).expect(200);
    setToday(svc, '2026-12-30');
    const missed = await caseworker.post(`/outreach-tasks/${taskId}/contacts`, { contactedOn: '2026-12-28', channel: 'VISIT', reached: false, note: 'nobody home' }).expect(201);
    expect(missed.body).toMatchObject({ status: 'ASSIGNED', assignee: 'bemoeizorg-team-noord', firstContact: 'OVERDUE', firstContactOn: null });
    const reached = await caseworker.post(`/outreach-tasks/${taskId}/contacts`, { channel: 'VISIT', reached: true }).expect(201);
    expect(reached.body).toMatchObject({ firstContact: 'MET', firstContactOn: '2026-12-30', contacts: [{ reached: false }, { reached: true }] });
    const bad = await caseworker.post(`/outreach-tasks/${taskId}/contacts`, { channel: 'PIGEON', reached: 'yes' }).expect(400);
    expect(bad.body.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual(['channel', 'reached']);
    const closed = await caseworker.post(`/outreach-tasks/${taskId}/close`, { outcome: 'ACCEPTED_HELP' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'CLOSED', outcome: 'ACCEPTED_HELP', closedOn: '2026-12-30' });
    await caseworker.post(`/outreach-tasks/${taskId}/close`, { outcome: 'REFERRED' }).expect(409);
    await expect(caseworker.get('/outreach-tasks').then((r) => r.body.items)).resolves.toEqual([]);
    await expect(caseworker.get('/outreach-tasks?status=CLOSED').then((r) => r.body.items.map((i: { id: string }) => i.id))).resolves.toEqual([taskId]);
  });
});
