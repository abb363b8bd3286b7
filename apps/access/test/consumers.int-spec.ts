import { pseudonymize } from '@vangnet/auth';
import {
  ASSIGNMENT_REQUEST_ANSWERED_V1,
  ASSIGNMENT_REQUEST_RECEIVED_V1,
  AssignmentRequestAnsweredV1,
  AssignmentRequestReceivedV1,
  DELIVERY_STARTED_V1,
  DELIVERY_STOPPED_V1,
  DeliveryStartedV1,
  DeliveryStoppedV1,
  LEASE_SIGNED_V1,
  LeaseSignedV1,
  PROVISION_GRANTED_V1,
  ProvisionGrantedV1,
} from '@vangnet/contracts';
import { EventProbe, sleep, TEST_PSEUDONYM_KEY, TestContext, TestService, waitFor } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { AccessClient, actorsFor, bsnFor, createApplication, createPerson, inKind, LEIDEN, ProcurementStandIn, publishEvent, setToday, startAccess } from './support/access';

/** Other services' facts access consumes (issue 11): through JetStream and the inbox, each replayed. */
describe('access: the wave-2 events it consumes', () => {
  let ctx: TestContext;
  let svc: TestService;
  let procurement: ProcurementStandIn;
  let caseworker: AccessClient;
  let decider: AccessClient;
  let answered: EventProbe<AssignmentRequestAnsweredV1>;
  let granted: EventProbe<ProvisionGrantedV1>;
  let seed = 800;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startAccess(ctx);
    setToday(svc, '2026-11-23');
    procurement = await new ProcurementStandIn(ctx).start();
    const actors = await actorsFor(ctx);
    caseworker = new AccessClient(svc, actors.caseworker);
    decider = new AccessClient(svc, actors.decisionMaker);
    answered = await ctx.probe<AssignmentRequestAnsweredV1>(ASSIGNMENT_REQUEST_ANSWERED_V1);
    granted = await ctx.probe<ProvisionGrantedV1>(PROVISION_GRANTED_V1);
  });

  afterAll(async () => {
    await procurement.stop();
    await ctx.close();
  });

  async function aPerson(): Promise<{ personId: string; bsn: string }> {
    const bsn = bsnFor(++seed);
    return { bsn, personId: await createPerson(caseworker, { bsn }) };
  }

  /** A granted in-kind provision of a provider of the test's own. */
  async function aGrant(extra: Record<string, unknown> = {}) {
    const person = await aPerson();
    const agb = `9880${String(++seed).padStart(4, '0')}`;
    procurement.contract(agb, LEIDEN, '02');
    const applicationId = await createApplication(caseworker, person.personId);
    const res = await decider.post('/decisions', { applicationId, provisions: [inKind(agb)], ...extra }).expect(201);
    return { ...person, agb, lineageId: res.body.provisions[0].lineageId as string, assignmentNumber: res.body.provisions[0].assignmentNumber as number };
  }

  const tasksOf = async (personId: string) => (await caseworker.get(`/worklist/tasks?personId=${personId}&status=OPEN`).expect(200)).body.items;

  function aRequest(personId: string, over: Partial<AssignmentRequestReceivedV1> = {}): AssignmentRequestReceivedV1 {
    return {
      requestId: randomUUID(),
      providerReference: `REF-${seed}`,
      kind: 'NEW',
      providerAgb: '98000001',
      municipality: LEIDEN,
      law: 'WMO',
      personId,
      product: { category: '02' },
      volume: { amount: 4, unit: 'HOUR', frequency: 'PER_WEEK' },
      period: { start: '2026-12-01', end: '2027-11-30' },
      receivedOn: '2026-11-20',
      ...over,
    } as AssignmentRequestReceivedV1;
  }

  it('should put a provider’s request on the worklist once, due in 5 working days, however often it arrives', async () => {
    const { personId } = await aPerson();
    const request = aRequest(personId);
    const eventId = await publishEvent(ctx, ASSIGNMENT_REQUEST_RECEIVED_V1, request);
    await publishEvent(ctx, ASSIGNMENT_REQUEST_RECEIVED_V1, request, { id: eventId }); // the same message again
    await publishEvent(ctx, ASSIGNMENT_REQUEST_RECEIVED_V1, request); // the same fact, sent twice
    const [task] = await waitFor(async () => ((await tasksOf(personId)).length ? tasksOf(personId) : undefined));
    // Friday 20 Nov + 5 working days = Friday 27 Nov.
    expect(task).toMatchObject({ kind: 'ASSIGNMENT_REQUEST', status: 'OPEN', dueDate: '2026-11-27', municipality: LEIDEN, request: { requestId: request.requestId, answerDue: '2026-11-27' } });
    await sleep(500);
    await expect(tasksOf(personId)).resolves.toHaveLength(1);
  });

  it('should carry the request on a decision taken for it, and publish the caseworker’s answers', async () => {
    const { personId } = await aPerson();
    const request = aRequest(personId, { providerAgb: '98000002' });
    await publishEvent(ctx, ASSIGNMENT_REQUEST_RECEIVED_V1, request);
    const [task] = await waitFor(async () => ((await tasksOf(personId)).length ? tasksOf(personId) : undefined));

    // First: under investigation (the task stays open), then the final answer.
    const first = await caseworker.post(`/worklist/tasks/${task.id}/close`, { outcome: 'UNDER_INVESTIGATION' }).expect(200);
    expect(first.body).toMatchObject({ status: 'UNDER_INVESTIGATION', assignee: 'cw-GM0546' });
    await expect(answered.next((e) => e.data.requestId === request.requestId)).resolves.toMatchObject({
      municipality: LEIDEN,
      data: { outcome: 'UNDER_INVESTIGATION', providerReference: request.providerReference, lineageIds: [] },
    });

    procurement.contract('98000002', LEIDEN, '02');
    const applicationId = await createApplication(caseworker, personId);
    await decider.post('/decisions', { applicationId, provisions: [inKind('98000002')], requestId: randomUUID() }).expect(422);
    const decision = await decider.post('/decisions', { applicationId, provisions: [inKind('98000002')], requestId: request.requestId }).expect(201);
    const lineageId = decision.body.provisions[0].lineageId;
    expect(decision.body.provisions[0].requestId).toBe(request.requestId);
    await expect(granted.next((e) => e.data.lineageId === lineageId)).resolves.toMatchObject({ data: { requestId: request.requestId } });

    const noLineage = await caseworker.post(`/worklist/tasks/${task.id}/close`, { outcome: 'GRANTED' }).expect(400);
    expect(noLineage.body.invalidParams).toEqual([expect.objectContaining({ name: 'lineageIds', code: 'REQUIRED' })]);
    const other = await aGrant();
    const wrong = await caseworker.post(`/worklist/tasks/${task.id}/close`, { outcome: 'GRANTED', lineageIds: [lineageId, other.lineageId] }).expect(400);
    expect(wrong.body.invalidParams).toEqual([expect.objectContaining({ name: 'lineageIds[1]', code: 'LINEAGE_NOT_FOR_REQUEST' })]);
    const done = await caseworker.post(`/worklist/tasks/${task.id}/close`, { outcome: 'GRANTED', lineageIds: [lineageId], note: 'granted as asked' }).expect(200);
    expect(done.body).toMatchObject({ status: 'CLOSED', outcome: 'GRANTED', closedOn: '2026-11-23', request: { outcome: 'GRANTED', lineageIds: [lineageId] } });
    await expect(answered.next((e) => e.data.requestId === request.requestId && e.data.outcome === 'GRANTED')).resolves.toMatchObject({ data: { lineageIds: [lineageId] } });
    await caseworker.post(`/worklist/tasks/${task.id}/close`, { outcome: 'REJECTED', rejectionReason: 'NO_CONTRACT' }).expect(409);
  });

  it('should reject a request with its WJ759 reason, and refuse a rejection without one', async () => {
    const { personId } = await aPerson();
    const request = aRequest(personId);
    await publishEvent(ctx, ASSIGNMENT_REQUEST_RECEIVED_V1, request);
    const [task] = await waitFor(async () => ((await tasksOf(personId)).length ? tasksOf(personId) : undefined));
    const bare = await caseworker.post(`/worklist/tasks/${task.id}/close`, { outcome: 'REJECTED' }).expect(400);
    expect(bare.body.invalidParams).toEqual([expect.objectContaining({ name: 'rejectionReason', code: 'REQUIRED' })]);
    await caseworker.post(`/worklist/tasks/${task.id}/close`, { outcome: 'DONE' }).expect(400);
    await caseworker.post(`/worklist/tasks/${task.id}/assign`, {}).expect(200);
    await caseworker.post(`/worklist/tasks/${task.id}/close`, { outcome: 'REJECTED', rejectionReason: 'NO_CONTRACT' }).expect(200);
    await expect(answered.next((e) => e.data.requestId === request.requestId)).resolves.toMatchObject({ data: { outcome: 'REJECTED', rejectionReason: 'NO_CONTRACT', lineageIds: [] } });
    const elsewhere = new AccessClient(svc, (await actorsFor(ctx, ['GM0547'])).caseworker);
    await elsewhere.get(`/worklist/tasks/${task.id}`).expect(404);
  });

  it('should show the delivery providers report on the provision, whatever the order and however often', async () => {
    const g = await aGrant();
    const start: DeliveryStartedV1 = {
      provisionLineageId: g.lineageId,
      assignmentNumber: g.assignmentNumber,
      providerAgb: g.agb,
      municipality: LEIDEN,
      startDate: '2026-12-07',
      status: 'NEW',
      reportedOn: '2026-12-08',
    } as DeliveryStartedV1;
    const stop: DeliveryStoppedV1 = { ...start, endDate: '2027-03-31', law: 'WMO', reasonCode: '02', reportedOn: '2027-04-02' } as DeliveryStoppedV1;
    // The stop first, then the start, each twice; then an older correction of the start, which changes nothing.
    await publishEvent(ctx, DELIVERY_STOPPED_V1, stop);
    await publishEvent(ctx, DELIVERY_STOPPED_V1, stop);
    await publishEvent(ctx, DELIVERY_STARTED_V1, start);
    await publishEvent(ctx, DELIVERY_STARTED_V1, start);
    await publishEvent(ctx, DELIVERY_STARTED_V1, { ...start, status: 'DELETED', reportedOn: '2026-12-01' });
    const view = await waitFor(async () => {
      const res = await decider.get(`/provisions/${g.lineageId}`).expect(200);
      return res.body.delivery?.status === 'STOPPED' ? res.body : undefined;
    });
    expect(view.deliveries).toEqual([{ status: 'STOPPED', startDate: '2026-12-07', endDate: '2027-03-31', reasonCode: '02', providerAgb: g.agb }]);
    const list = await decider.get(`/provisions?personId=${g.personId}`).expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ lineageId: g.lineageId, delivery: expect.objectContaining({ status: 'STOPPED' }) })]);
    // A later withdrawal of the stop: running again.
    await publishEvent(ctx, DELIVERY_STOPPED_V1, { ...stop, status: 'DELETED', reportedOn: '2027-04-03' });
    await waitFor(async () => ((await decider.get(`/provisions/${g.lineageId}`)).body.delivery?.status === 'STARTED' ? true : undefined));
  });

  it('should put “change the support to ambulant” on the provision’s caseworker’s worklist when a lease is signed, once', async () => {
    const g = await aGrant();
    const lease: LeaseSignedV1 = {
      placementId: randomUUID(),
      personId: g.personId,
      personPseudonym: pseudonymize(g.bsn, TEST_PSEUDONYM_KEY),
      provisionLineageId: g.lineageId,
      corporation: '41160001',
      municipality: LEIDEN,
      leaseStart: '2027-02-01',
    };
    await publishEvent(ctx, LEASE_SIGNED_V1, lease, { municipality: LEIDEN });
    await publishEvent(ctx, LEASE_SIGNED_V1, lease, { municipality: LEIDEN });
    const tasks = await waitFor(async () => {
      const items = await tasksOf(g.personId);
      return items.length ? items : undefined;
    });
    await sleep(500);
    await expect(tasksOf(g.personId)).resolves.toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'CHANGE_TO_AMBULANT', lineageId: g.lineageId, assignee: 'dm-GM0546', dueDate: '2027-02-01', status: 'OPEN' });
    const mine = await decider.get('/worklist/tasks?assignee=me&kind=CHANGE_TO_AMBULANT').expect(200);
    expect(mine.body.items.map((t: { id: string }) => t.id)).toContain(tasks[0].id);
    await decider.post(`/worklist/tasks/${tasks[0].id}/close`, { outcome: 'DONE' }).expect(200);
  });
});
