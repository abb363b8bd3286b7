import {
  CALENDAR_DAY_DECREED_V1,
  CalendarDayDecreedV1,
  DEADLINE_BREACHED_V1,
  DeadlineBreachedV1,
  REGISTRATION_RECEIVED_V1,
  REGISTRATION_RECEIVED_V2,
  RegistrationReceivedV1,
  RegistrationReceivedV2,
  Role,
} from '@vangnet/contracts';
import { ApplicationsService } from '../src/applications/applications.service';
import { EventProbe, sleep, TestContext, TestService } from '@vangnet/testing';
import { Client } from 'pg';
import { DeadlinesService } from '../src/deadlines/deadlines.service';
import { CalendarService } from '../src/deadlines/calendar.service';
import { AccessClient, actorsFor, bsnFor, createApplication, createPerson, LEIDEN, LEIDERDORP, REGION, setToday, startAccess } from './support/access';

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
  // Asked 4 November, answered 15 November: suspended 5–14 November (Awb 4:15).
  const open = await caseworker.post(`/applications/${wmo}/suspensions`, { requestedOn: '2026-11-04', replyDeadline: '2026-11-25' }).expect(201);
  await caseworker.post(`/applications/${wmo}/suspensions/${open.body.suspensions[0].id}/information-received`, { receivedOn: '2026-11-15' }).expect(200);
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

  it('should run the four worked calendar cases: Good Friday, decreed days, Ascension, a Wmo application over Easter', async () => {
    setToday(svc, '2028-03-20');
    const personId = await aPerson();
    const easter = await register(clients.caseworker, personId, '2028-03-03');
    const decreed = await register(clients.caseworker, personId, '2028-03-17');
    const ascension = await register(clients.caseworker, personId, '2027-03-25');
    expect([easter.investigationDue, decreed.investigationDue, ascension.investigationDue]).toEqual(['2028-04-18', '2028-05-01', '2027-05-10']);
    expect(easter.deadlines[0]).toMatchObject({ kind: 'INVESTIGATION', dueDate: '2028-04-18', calendarVersion: 1 });
    const wmo = await clients.caseworker.post('/applications', { personId, municipality: LEIDEN, law: 'WMO', receivedAt: '2027-03-12' }).expect(201);
    expect(wmo.body.decisionDue).toBe('2027-03-30');
  });

  it('should give a Jeugdwet registration no investigation term and publish it as v2 only', async () => {
    setToday(svc, '2028-03-20');
    const v1 = await ctx.probe<RegistrationReceivedV1>(REGISTRATION_RECEIVED_V1);
    const v2 = await ctx.probe<RegistrationReceivedV2>(REGISTRATION_RECEIVED_V2);
    const personId = await aPerson();
    const youth = await clients.caseworker
      .post('/registrations', { personId, receivingMunicipality: LEIDEN, source: 'PROFESSIONAL', channel: 'PHONE', canAskForHelp: true, category: '45', receivedAt: '2028-03-03' })
      .expect(201);
    expect(youth.body).toMatchObject({ law: 'JEUGDWET', investigationDue: null, deadlines: [] });
    const wmo = await register(clients.caseworker, personId, '2028-03-03');
    expect(wmo).toMatchObject({ law: 'WMO', investigationDue: '2028-04-18' });
    const youthV2 = await v2.next((e) => e.data.registrationId === youth.body.id);
    expect(youthV2.data).toMatchObject({ law: 'JEUGDWET', category: '45' });
    expect(youthV2.data).not.toHaveProperty('investigationDue');
    await expect(v2.next((e) => e.data.registrationId === wmo.id)).resolves.toMatchObject({ data: { law: 'WMO', investigationDue: '2028-04-18' } });
    await expect(v1.next((e) => e.data.registrationId === wmo.id)).resolves.toMatchObject({ data: { investigationDue: '2028-04-18' } });
    await sleep(300);
    expect(v1.events.some((e) => e.data.registrationId === youth.body.id)).toBe(false);
    const mismatch = await clients.caseworker
      .post('/registrations', { personId, receivingMunicipality: LEIDEN, source: 'RESIDENT', channel: 'PHONE', canAskForHelp: true, category: '45', law: 'WMO' })
      .expect(422);
    expect(mismatch.body.invalidParams).toEqual([expect.objectContaining({ name: 'law', code: 'CATEGORY_NOT_IN_LAW' })]);
  });

  it('should suspend the decision term as DOMAIN.md’s worked example: 9–13 January, due Monday 25 January 2027', async () => {
    setToday(svc, '2027-01-08');
    const { caseworker } = clients;
    const app = await createApplication(caseworker, await aPerson(), { receivedAt: '2027-01-04' });
    const asked = await caseworker.post(`/applications/${app}/suspensions`, { requestedOn: '2027-01-08', replyDeadline: '2027-01-22', reason: 'asked for a medical report' }).expect(201);
    // While waiting, the term stands still; the deadline shows the latest it can be (through the reply deadline).
    expect(asked.body).toMatchObject({ suspended: true, decisionDue: null, deadline: { status: 'SUSPENDED', suspendedDays: 14, dueDate: '2027-02-01' } });
    expect(asked.body.suspensions).toEqual([expect.objectContaining({ requestedOn: '2027-01-08', replyDeadline: '2027-01-22', start: '2027-01-09', end: null, state: 'WAITING' })]);
    setToday(svc, '2027-01-14');
    await caseworker.post(`/applications/${app}/suspensions`, { requestedOn: '2027-01-13', replyDeadline: '2027-01-20' }).expect(409);
    const answered = await caseworker.post(`/applications/${app}/suspensions/${asked.body.suspensions[0].id}/information-received`, { receivedOn: '2027-01-14' }).expect(200);
    expect(answered.body).toMatchObject({ suspended: false, decisionDue: '2027-01-25', deadline: { status: 'OPEN', suspendedDays: 5 } });
    expect(answered.body.suspensions[0]).toMatchObject({ receivedOn: '2027-01-14', end: '2027-01-13', state: 'INFORMATION_RECEIVED' });
  });

  it('should end a suspension by itself when its reply deadline passes unanswered, visibly', async () => {
    setToday(svc, '2027-01-08');
    const { caseworker } = clients;
    const app = await createApplication(caseworker, await aPerson(), { receivedAt: '2027-01-04' });
    const asked = await caseworker.post(`/applications/${app}/suspensions`, { requestedOn: '2027-01-08', replyDeadline: '2027-01-22' }).expect(201);
    setToday(svc, '2027-01-23');
    // Visible at once, before the job wrote it…
    const seen = await caseworker.get(`/applications/${app}`).expect(200);
    expect(seen.body).toMatchObject({ suspended: false, suspensions: [{ state: 'REPLY_DEADLINE_PASSED', end: '2027-01-22' }] });
    // …and the job ends it: the term runs again, 14 days later than it would have (18 January → 1 February).
    await expect(svc.app.get(ApplicationsService).endLapsedSuspensions()).resolves.toBeGreaterThanOrEqual(1);
    const after = await caseworker.get(`/applications/${app}`).expect(200);
    expect(after.body).toMatchObject({ suspended: false, decisionDue: '2027-02-01', deadline: { status: 'OPEN', suspendedDays: 14 } });
    const late = await caseworker.post(`/applications/${app}/suspensions/${asked.body.suspensions[0].id}/information-received`, { receivedOn: '2027-01-23' }).expect(409);
    expect(late.body.invalidParams).toEqual([expect.objectContaining({ name: 'receivedOn', code: 'SUSPENSION_ENDED' })]);
  });

  it('should refuse a suspension that ends before it starts, naming the field, and write nothing', async () => {
    setToday(svc, '2027-01-20');
    const { caseworker } = clients;
    const app = await createApplication(caseworker, await aPerson(), { receivedAt: '2027-01-04' });
    const backwards = await caseworker.post(`/applications/${app}/suspensions`, { requestedOn: '2027-01-08', replyDeadline: '2027-01-07' }).expect(422);
    expect(backwards.body.invalidParams).toEqual([expect.objectContaining({ name: 'replyDeadline', code: 'END_BEFORE_START' })]);
    const early = await caseworker.post(`/applications/${app}/suspensions`, { requestedOn: '2027-01-08', replyDeadline: '2027-01-22', receivedOn: '2027-01-08' }).expect(422);
    expect(early.body.invalidParams).toEqual([expect.objectContaining({ name: 'receivedOn', code: 'END_BEFORE_START' })]);
    const missing = await caseworker.post(`/applications/${app}/suspensions`, { replyDeadline: '2027-01-22' }).expect(400);
    expect(missing.body.invalidParams).toEqual([expect.objectContaining({ name: 'requestedOn' })]);
    const untouched = await caseworker.get(`/applications/${app}`).expect(200);
    expect(untouched.body).toMatchObject({ suspensions: [], decisionDue: '2027-01-18', version: 1 });
  });

  it('should extend the decision term once, before it ends, with a reason and a new date (Awb 4:14)', async () => {
    setToday(svc, '2027-01-15');
    const { caseworker } = clients;
    const app = await createApplication(caseworker, await aPerson(), { receivedAt: '2027-01-04' });
    const notLater = await caseworker.post(`/applications/${app}/extension`, { newDueDate: '2027-01-18', reason: 'advice of the GP needed' }).expect(422);
    expect(notLater.body.invalidParams).toEqual([expect.objectContaining({ name: 'newDueDate', code: 'NEW_DATE_NOT_LATER' })]);
    const extended = await caseworker.post(`/applications/${app}/extension`, { newDueDate: '2027-02-01', reason: 'advice of the GP needed' }).expect(200);
    expect(extended.body).toMatchObject({
      decisionDue: '2027-02-01',
      extension: { noticeGivenOn: '2027-01-15', newDueDate: '2027-02-01', reason: 'advice of the GP needed' },
      deadline: { extensionDays: 14, dueDate: '2027-02-01' },
    });
    const twice = await caseworker.post(`/applications/${app}/extension`, { newDueDate: '2027-02-15', reason: 'again' }).expect(409);
    expect(twice.body.code).toBe('EXTENSION_ALREADY_GIVEN');

    const other = await createApplication(caseworker, await aPerson(), { receivedAt: '2026-12-28' }); // due Monday 11 January 2027
    const late = await caseworker.post(`/applications/${other}/extension`, { newDueDate: '2027-02-01', reason: 'too late' }).expect(409);
    expect(late.body.invalidParams).toEqual([expect.objectContaining({ name: 'noticeGivenOn', code: 'EXTENSION_TOO_LATE' })]);
    await expect(caseworker.get(`/applications/${other}`).then((r) => r.body.extension)).resolves.toBeNull();
  });

  it('should count the objection term from the day after the decision was sent (Awb 6:8)', async () => {
    setToday(svc, '2027-03-16');
    const app = await createApplication(clients.caseworker, await aPerson(), { receivedAt: '2027-03-01' });
    const decision = await clients.decider
      .post('/decisions', {
        applicationId: app,
        decidedAt: '2027-03-12',
        sentAt: '2027-03-16',
        provisions: [{ product: { category: '02' }, deliveryForm: 'PGB', budgetCents: 100_000, period: { start: '2027-04-01', end: '2027-09-30' } }],
      })
      .expect(201);
    // 16 March + 6 weeks = Tuesday 27 April 2027, King's Day → 28 April (from the decision date it would be 23 April).
    expect(decision.body).toMatchObject({ decidedAt: '2027-03-12', sentAt: '2027-03-16', objectionDue: '2027-04-28' });
    setToday(svc, '2027-04-28');
    const objection = await clients.caseworker.post(`/decisions/${decision.body.id}/objections`, { receivedAt: '2027-04-28' }).expect(201);
    expect(objection.body).toMatchObject({ timely: true, termEnd: '2027-04-28' });
    const before = await clients.decider.post('/decisions', { applicationId: await createApplication(clients.caseworker, await aPerson(), { receivedAt: '2027-03-01' }), decidedAt: '2027-03-12', sentAt: '2027-03-11', provisions: [{ product: { category: '02' }, deliveryForm: 'PGB', budgetCents: 100_000, period: { start: '2027-04-01', end: '2027-09-30' } }] }).expect(422);
    expect(before.body.invalidParams).toEqual([expect.objectContaining({ name: 'sentAt', code: 'BEFORE_DECISION' })]);
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

// Decreeing a day changes the calendar of the whole schema: a database of its own.
describe('access: days decreed (Atw art. 3 lid 3)', () => {
  let ctx: TestContext;
  let svc: TestService;
  let clients: Clients;
  let admin: AccessClient;
  let decreed: EventProbe<CalendarDayDecreedV1>;

  beforeAll(async () => {
    ctx = await TestContext.create();
    decreed = await ctx.probe<CalendarDayDecreedV1>(CALENDAR_DAY_DECREED_V1);
    svc = await startAccess(ctx);
    clients = await clientsFor(ctx, svc);
    admin = new AccessClient(svc, await ctx.token({ sub: 'ra-1', org: 'GM0546', roles: [Role.REGION_ADMINISTRATOR], municipalities: REGION }));
  });

  afterAll(() => ctx.close());

  it('should hold the seeded days as version 1 and announce them once', async () => {
    const res = await clients.caseworker.get('/calendar/decreed-days').expect(200);
    expect(res.body.calendarVersion).toBe(1);
    expect(res.body.decreedDays.map((d: { date: string }) => d.date)).toEqual(['2026-01-02', '2026-05-15', '2027-05-07', '2028-04-28', '2028-05-26']);
    await svc.app.get(CalendarService).announceUnannounced();
    await decreed.next((e) => e.data.date === '2028-05-26');
    expect(decreed.events.filter((e) => e.data.calendarVersion === 1)).toHaveLength(5);
    expect(decreed.events[0].municipality).toBeNull();
  });

  it('should recompute open deadlines when a day is decreed, recording the calendar version', async () => {
    setToday(svc, '2029-03-01');
    const personId = await createPerson(clients.caseworker, { bsn: bsnFor(900) });
    // 2029-03-30 + 6 weeks = Friday 11 May 2029, the day after Ascension (10 May 2029).
    const before = await register(clients.caseworker, personId, '2029-03-01');
    const bridge = (await clients.caseworker.post('/registrations', { personId, receivingMunicipality: LEIDEN, source: 'RESIDENT', channel: 'PHONE', canAskForHelp: true, receivedAt: '2029-03-01' }).expect(201)).body;
    expect(before.investigationDue).toBe('2029-04-12');
    const app = await createApplication(clients.caseworker, personId, { receivedAt: '2029-02-26' }); // due Monday 12 March 2029
    setToday(svc, '2029-03-30');
    const onBridge = await register(clients.caseworker, personId, '2029-03-30');
    expect(onBridge).toMatchObject({ investigationDue: '2029-05-11', deadlines: [{ calendarVersion: 1 }] });

    const res = await admin.post('/calendar/decreed-days', { date: '2029-05-11', decree: 'Besluit gelijkstelling dagen 2029-2031' }, { 'If-Match': 'W/"1"' }).expect(201);
    expect(res.body.calendarVersion).toBe(2);
    expect(res.body.decreedDays.find((d: { date: string }) => d.date === '2029-05-11')).toMatchObject({ calendarVersion: 2, addedBy: 'GM0546/ra-1' });
    await expect(decreed.next((e) => e.data.date === '2029-05-11')).resolves.toMatchObject({ municipality: null, data: { calendarVersion: 2, decree: 'Besluit gelijkstelling dagen 2029-2031' } });

    const moved = await clients.caseworker.get(`/registrations/${onBridge.id}`).expect(200);
    expect(moved.body).toMatchObject({ investigationDue: '2029-05-14', deadlines: [{ dueDate: '2029-05-14', calendarVersion: 2 }] });
    const unmoved = await clients.caseworker.get(`/registrations/${bridge.id}`).expect(200);
    expect(unmoved.body.deadlines[0]).toMatchObject({ dueDate: '2029-04-12', calendarVersion: 2 });
    await expect(clients.caseworker.get(`/applications/${app}`).then((r) => r.body.deadline.calendarVersion)).resolves.toBe(2);
  });

  it('should bring deadlines computed before the calendar existed onto it (Good Friday included)', async () => {
    setToday(svc, '2028-03-03');
    const personId = await createPerson(clients.caseworker, { bsn: bsnFor(901) });
    const reg = await register(clients.caseworker, personId, '2028-03-03');
    // As the old rule stored it: Good Friday 14 April 2028 was a working day, and no calendar version.
    const db = new Client({ connectionString: ctx.db.url });
    await db.connect();
    try {
      await db.query(`UPDATE access.deadline SET due_date = '2028-04-14', calendar_version = 0 WHERE case_id = $1`, [reg.id]);
      await expect(svc.app.get(DeadlinesService).recomputeStale()).resolves.toBeGreaterThanOrEqual(1);
      const after = await clients.caseworker.get(`/registrations/${reg.id}`).expect(200);
      expect(after.body.deadlines[0]).toMatchObject({ dueDate: '2028-04-18', calendarVersion: 2 });
    } finally {
      await db.end();
    }
  });

  it('should refuse a day that is already a holiday, a weekend day or decreed, naming the field, and change nothing', async () => {
    const goodFriday = await admin.post('/calendar/decreed-days', { date: '2029-03-30', decree: 'x' }).expect(422);
    expect(goodFriday.body.invalidParams).toEqual([expect.objectContaining({ name: 'date', code: 'ALREADY_A_HOLIDAY' })]);
    const kingsDay = await admin.post('/calendar/decreed-days', { date: '2029-04-27', decree: 'x' }).expect(422); // a Friday
    expect(kingsDay.body.invalidParams).toEqual([expect.objectContaining({ name: 'date', code: 'ALREADY_A_HOLIDAY' })]);
    const saturday = await admin.post('/calendar/decreed-days', { date: '2029-05-12', decree: 'x' }).expect(422);
    expect(saturday.body.invalidParams).toEqual([expect.objectContaining({ name: 'date', code: 'WEEKEND_DAY' })]);
    const again = await admin.post('/calendar/decreed-days', { date: '2029-05-11', decree: 'x' }, { 'If-Match': 'W/"2"' }).expect(409);
    expect(again.body.invalidParams).toEqual([expect.objectContaining({ name: 'date', code: 'ALREADY_DECREED' })]);
    const bad = await admin.post('/calendar/decreed-days', { date: '2029-13-01' }).expect(400);
    expect(bad.body.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual(['date', 'decree']);
    await clients.caseworker.post('/calendar/decreed-days', { date: '2029-05-14', decree: 'x' }).expect(403);
    const local = new AccessClient(svc, await ctx.token({ sub: 'ra-2', org: 'GM0547', roles: [Role.REGION_ADMINISTRATOR], municipalities: [LEIDERDORP] }));
    await local.post('/calendar/decreed-days', { date: '2029-05-14', decree: 'x' }).expect(403);
    await expect(clients.caseworker.get('/calendar/decreed-days').then((r) => r.body.calendarVersion)).resolves.toBe(2);
  });
});
