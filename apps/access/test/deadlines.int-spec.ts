import { DEADLINE_BREACHED_V1, DeadlineBreachedV1 } from '@vangnet/contracts';
import { EventProbe, sleep, TestContext, TestService } from '@vangnet/testing';
import { DeadlinesService } from '../src/deadlines/deadlines.service';
import { AccessClient, actorsFor, bsnFor, createApplication, createPerson, LEIDEN, LEIDERDORP, setToday, startAccess } from './support/access';

interface Clients {
  caseworker: AccessClient;
  decider: AccessClient;
}

async function clientsFor(ctx: TestContext, svc: TestService): Promise<Clients> {
  const actors = await actorsFor(ctx);
  return { caseworker: new AccessClient(svc, actors.caseworker), decider: new AccessClient(svc, actors.decisionMaker) };
}

const register = async (caseworker: AccessClient, personId: string, receivedAt: string) =>
  (await caseworker.post('/registrations', { personId, receivingMunicipality: LEIDEN, source: 'RESIDENT', channel: 'WEB_FORM', canAskForHelp: true, receivedAt }).expect(201)).body;

/**
 * The worklist's cases: investigations due after Easter Monday, King's Day and Christmas, a
 * Jeugdwet and a Wmo decision term, the Wmo one suspended for ten days. Today: 2026-11-20.
 */
async function worklistCases(svc: TestService, { caseworker }: Clients, seed: number) {
  setToday(svc, '2026-11-13');
  const personId = await createPerson(caseworker, { bsn: bsnFor(seed) });
  const easter = (await register(caseworker, personId, '2026-02-23')).id;
  const kings = (await register(caseworker, personId, '2026-03-16')).id;
  const christmas = (await register(caseworker, personId, '2026-11-13')).id;
  const youth = (await caseworker.post('/applications', { personId, municipality: LEIDEN, law: 'JEUGDWET', receivedAt: '2026-10-30' }).expect(201)).body.id;
  const wmo = (await caseworker.post('/applications', { personId, municipality: LEIDEN, law: 'WMO', receivedAt: '2026-11-02' }).expect(201)).body.id;
  setToday(svc, '2026-11-20');
  const open = await caseworker.post(`/applications/${wmo}/suspensions`, { start: '2026-11-05' }).expect(201);
  await caseworker.post(`/applications/${wmo}/suspensions/${open.body.suspensions[0].id}/end`, { end: '2026-11-14' }).expect(200);
  return { easter, kings, christmas, youth, wmo };
}

describe('access: statutory terms', () => {
  let ctx: TestContext;
  let svc: TestService;
  let clients: Clients;
  let seed = 400;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startAccess(ctx);
    clients = await clientsFor(ctx, svc);
  });

  afterAll(() => ctx.close());

  const aPerson = () => createPerson(clients.caseworker, { bsn: bsnFor(++seed) });

  it('should end a six-week investigation term after Easter Monday, King’s Day and Christmas on the next working day', async () => {
    setToday(svc, '2026-11-13');
    const personId = await aPerson();
    const easter = await register(clients.caseworker, personId, '2026-02-23'); // +6 weeks = Easter Monday 6 April 2026
    const kings = await register(clients.caseworker, personId, '2026-03-16'); // +6 weeks = King's Day, Monday 27 April 2026
    const christmas = await register(clients.caseworker, personId, '2026-11-13'); // +6 weeks = Christmas Day, Friday 25 December 2026
    expect([easter.investigationDue, kings.investigationDue, christmas.investigationDue]).toEqual(['2026-04-07', '2026-04-28', '2026-12-28']);
    expect(christmas.deadlines).toEqual([expect.objectContaining({ kind: 'INVESTIGATION', startDate: '2026-11-13', dueDate: '2026-12-28', status: 'OPEN' })]);
  });

  it('should give the Jeugdwet eight weeks and the Wmo two, each moved to a working day', async () => {
    setToday(svc, '2026-11-13');
    const personId = await aPerson();
    const youth = await clients.caseworker.post('/applications', { personId, municipality: LEIDEN, law: 'JEUGDWET', receivedAt: '2026-10-30' }).expect(201);
    expect(youth.body.decisionDue).toBe('2026-12-28'); // +8 weeks = Friday 25 December
    const wmo = await clients.caseworker.post('/applications', { personId, municipality: LEIDEN, law: 'WMO', receivedAt: '2026-11-02' }).expect(201);
    expect(wmo.body.decisionDue).toBe('2026-11-16');
  });

  it('should stop the decision term while waiting for information and move it by the suspension’s length', async () => {
    setToday(svc, '2026-11-20');
    const wmo = await createApplication(clients.caseworker, await aPerson(), { receivedAt: '2026-11-02' });
    const { caseworker } = clients;
    const open = await caseworker.post(`/applications/${wmo}/suspensions`, { start: '2026-11-05', reason: 'asked for a medical report' }).expect(201);
    expect(open.body).toMatchObject({ suspended: true, decisionDue: null, deadline: { status: 'SUSPENDED' } });
    const suspensionId = open.body.suspensions[0].id;
    await caseworker.post(`/applications/${wmo}/suspensions`, { start: '2026-11-16', end: '2026-11-17' }).expect(409);
    const ended = await caseworker.post(`/applications/${wmo}/suspensions/${suspensionId}/end`, { end: '2026-11-14' }).expect(200);
    // 16 Nov + 10 suspended days = Thursday 26 Nov.
    expect(ended.body).toMatchObject({ suspended: false, decisionDue: '2026-11-26', deadline: { status: 'OPEN', suspendedDays: 10 } });
    const bad = await caseworker.post(`/applications/${wmo}/suspensions`, { start: '2026-11-18', end: '2026-11-17' }).expect(400);
    expect(bad.body.invalidParams).toEqual([expect.objectContaining({ name: 'end', code: 'END_BEFORE_START' })]);
  });

  it('should take a late objection as late, with the decision term counted from its receipt', async () => {
    setToday(svc, '2026-11-13');
    const app = await createApplication(clients.caseworker, await aPerson(), { receivedAt: '2026-11-13' });
    const decision = await clients.decider
      .post('/decisions', { applicationId: app, decidedAt: '2026-11-13', provisions: [{ product: { category: '02' }, deliveryForm: 'PGB', budgetCents: 100_000, period: { start: '2026-12-01', end: '2027-05-31' } }] })
      .expect(201);
    expect(decision.body.objectionDue).toBe('2026-12-28'); // +6 weeks = Christmas Day
    setToday(svc, '2027-01-05');
    const onTime = await clients.caseworker.post(`/decisions/${decision.body.id}/objections`, { receivedAt: '2026-12-28', advisoryCommittee: true }).expect(201);
    expect(onTime.body).toMatchObject({ timely: true, decisionDue: '2027-03-22' }); // 12 weeks after the term
    const late = await clients.caseworker.post(`/decisions/${decision.body.id}/objections`, { receivedAt: '2026-12-29' }).expect(201);
    expect(late.body).toMatchObject({ timely: false, termEnd: '2026-12-28', decisionDue: '2027-02-09' });
  });
});

// The worklist and the breach job see every open deadline of the schema: each has a database of its own.
describe('access: the worklist', () => {
  let ctx: TestContext;
  let svc: TestService;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startAccess(ctx);
  });

  afterAll(() => ctx.close());

  it('should list what is due within N days and every breach, in the caller’s municipalities', async () => {
    const clients = await clientsFor(ctx, svc);
    const { caseworker } = clients;
    const ids = await worklistCases(svc, clients, 501);
    setToday(svc, '2026-12-22');
    const list = await caseworker.get('/worklist?dueWithinDays=7').expect(200);
    const rows = list.body.items.map((i: { caseId: string; state: string; dueDate: string }) => [i.caseId, i.state, i.dueDate]);
    // By due date (ties in deadline order).
    expect(rows.slice(0, 3)).toEqual([
      [ids.easter, 'BREACHED', '2026-04-07'],
      [ids.kings, 'BREACHED', '2026-04-28'],
      [ids.wmo, 'BREACHED', '2026-11-26'],
    ]);
    expect(rows.slice(3)).toHaveLength(2);
    expect(rows.slice(3)).toEqual(
      expect.arrayContaining([
        [ids.christmas, 'DUE_SOON', '2026-12-28'],
        [ids.youth, 'DUE_SOON', '2026-12-28'],
      ]),
    );
    expect(list.body).toMatchObject({ today: '2026-12-22', dueWithinDays: 7, counts: { breached: 3, dueSoon: 2 } });
    const narrow = await caseworker.get('/worklist?dueWithinDays=1').expect(200);
    expect(narrow.body.counts).toEqual({ breached: 3, dueSoon: 0 });
    const paged = await caseworker.get('/worklist?dueWithinDays=7&limit=2').expect(200);
    const next = await caseworker.get(`/worklist?dueWithinDays=7&limit=2&cursor=${paged.body.nextCursor}`).expect(200);
    expect([...paged.body.items, ...next.body.items].map((i: { caseId: string }) => i.caseId)).toEqual(list.body.items.slice(0, 4).map((i: { caseId: string }) => i.caseId));
    const elsewhere = new AccessClient(svc, (await actorsFor(ctx, [LEIDERDORP])).caseworker);
    await expect(elsewhere.get('/worklist').then((r) => r.body.items)).resolves.toEqual([]);
    await caseworker.get('/worklist?dueWithinDays=-1').expect(400);
  });
});

describe('access: the breach job', () => {
  let ctx: TestContext;
  let svc: TestService;
  let breaches: EventProbe<DeadlineBreachedV1>;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startAccess(ctx);
    breaches = await ctx.probe<DeadlineBreachedV1>(DEADLINE_BREACHED_V1);
  });

  afterAll(() => ctx.close());

  it('should announce each breach once, however often the job runs', async () => {
    const clients = await clientsFor(ctx, svc);
    const ids = await worklistCases(svc, clients, 502);
    setToday(svc, '2026-12-22');
    const job = svc.app.get(DeadlinesService);
    await expect(job.checkBreaches()).resolves.toEqual({ breached: 3 });
    await expect(job.checkBreaches()).resolves.toEqual({ breached: 0 });
    await breaches.next((e) => e.data.caseId === ids.wmo);
    await sleep(300);
    const seen = breaches.events.map((e) => e.data.caseId).sort();
    expect(seen).toEqual([ids.easter, ids.kings, ids.wmo].sort());
    expect(breaches.events.find((e) => e.data.caseId === ids.wmo)).toMatchObject({
      municipality: LEIDEN,
      data: { kind: 'DECISION', dueDate: '2026-11-26', breachedOn: '2026-12-22' },
    });
    const list = await clients.caseworker.get('/worklist').expect(200);
    expect(list.body.items.find((i: { caseId: string }) => i.caseId === ids.wmo)).toMatchObject({ state: 'BREACHED', breachedOn: '2026-12-22', daysLeft: -26 });
  });
});
