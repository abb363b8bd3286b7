import {
  CarePlanSignalKind,
  CONTRACT_CHECK,
  ContractCheckRequest,
  FinancingVariant,
  Law,
  OUTFLOW_READY_V1,
  OutflowReadyV1,
  PERSON_COMING_OF_AGE_V1,
  PersonComingOfAgeV1,
  ProductCategory,
  Role,
  SIGNAL_RAISED_V1,
  SignalRaisedV1,
  Unit,
} from '@vangnet/contracts';
import { EventProbe } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { SignalsService } from '../src/signals/signals.service';
import { addProvider, auth, CarePlans, eventually, GM_LEIDEN, grant, household, openPlan, OTHER_AGB, PROVIDER_AGB, pseudonym, publishEvent, startCarePlans } from './support';

// Each signal fires once, at the right time, through the outbox; /signals is the worklist.

const THIRD_AGB = '98000003';
const FOURTH_AGB = '98000004';

describe('signals', () => {
  let h: CarePlans;
  let raised: EventProbe<SignalRaisedV1>;
  let signals: SignalsService;

  beforeAll(async () => {
    h = await startCarePlans('2026-11-02');
    raised = await h.ctx.probe<SignalRaisedV1>(SIGNAL_RAISED_V1);
    signals = h.svc.app.get(SignalsService);
  });

  afterAll(() => h.close());

  const signalsOf = async (planId: string, kind: CarePlanSignalKind, token = h.coordinator) =>
    (await h.svc.http.get('/api/care-plans/v1/signals').query({ planId, kind }).set(auth(token)).expect(200)).body.items as Array<{ id: string; status: string; due: string; personId: string | null; detail: Record<string, unknown> }>;

  it('should raise REVIEW_OVERDUE once, the day after the review date, and close it when a review is held', async () => {
    const today = h.clock.today();
    try {
      h.clock.set('2026-05-01');
      const { plan, household: hh } = await openPlan(h, { openedOn: '2026-05-01' });
      expect(plan.nextReviewOn).toBe('2026-11-01');
      h.clock.set('2026-11-01');
      await signals.runNow();
      await expect(signalsOf(plan.id, CarePlanSignalKind.REVIEW_OVERDUE)).resolves.toEqual([]);

      h.clock.set('2026-11-02');
      await signals.runNow();
      await signals.runNow();
      const [signal, ...more] = await signalsOf(plan.id, CarePlanSignalKind.REVIEW_OVERDUE);
      expect(more).toEqual([]);
      expect(signal).toMatchObject({ status: 'OPEN', due: '2026-11-01' });
      await raised.next((e) => e.data.signalId === signal.id);
      await new Promise((r) => setTimeout(r, 300));
      expect(raised.matching((e) => e.data.planId === plan.id && e.data.kind === CarePlanSignalKind.REVIEW_OVERDUE)).toHaveLength(1);

      await h.svc.http.post(`/api/care-plans/v1/plans/${plan.id}/reviews`).set(auth(h.coordinator)).send({ heldOn: '2026-11-02', scores: [{ domain: 'FINANCES', personId: hh.resident, score: 3 }] }).expect(201);
      await signals.runNow();
      const [closed] = await signalsOf(plan.id, CarePlanSignalKind.REVIEW_OVERDUE);
      expect(closed).toMatchObject({ id: signal.id, status: 'CLOSED' });
    } finally {
      h.clock.set(today);
    }
  });

  it('should raise COMING_OF_AGE once, naming the provider without a Wmo contract and the one under a client stop', async () => {
    const hh = await household(h, { childEighteenOn: '2027-03-01' });
    const youth = (agb: string, category: ProductCategory) => grant(h, { personId: hh.child, providerAgb: agb, product: { category }, law: Law.JEUGDWET, period: { start: '2026-01-01', end: '2027-02-28' } });
    const ambulant = await youth(PROVIDER_AGB, ProductCategory.YOUTH_AMBULANT);
    const residential = await youth(OTHER_AGB, ProductCategory.YOUTH_RESIDENTIAL_WITHOUT_TREATMENT);
    const stopped = await youth(THIRD_AGB, ProductCategory.YOUTH_AMBULANT);
    const mentalHealth = await youth(FOURTH_AGB, ProductCategory.YOUTH_SPECIALIST_MENTAL_HEALTH);
    const procurement = await h.ctx.stub<ContractCheckRequest>(CONTRACT_CHECK, (q) =>
      q.providerAgb === PROVIDER_AGB
        ? { reply: { ok: true, contractId: randomUUID(), variant: FinancingVariant.EFFORT, unit: Unit.HOUR, tariffCents: 6_500, crisis: false } }
        : q.providerAgb === THIRD_AGB
          ? { reply: { ok: false, code: 'CLIENT_STOP' } }
          : { reply: { ok: false, code: 'NO_CONTRACT' } },
    );
    const { plan } = await openPlan(h, { household: hh });
    const event: PersonComingOfAgeV1 = { personId: hh.child, personPseudonym: pseudonym(hh.child), eighteenOn: '2027-03-01', brpMunicipality: GM_LEIDEN, youthProvisionLineageIds: [ambulant.lineageId, residential.lineageId, stopped.lineageId, mentalHealth.lineageId] };
    const first = await publishEvent(h.ctx, PERSON_COMING_OF_AGE_V1, event);
    await publishEvent(h.ctx, PERSON_COMING_OF_AGE_V1, event, { id: first.id });
    await publishEvent(h.ctx, PERSON_COMING_OF_AGE_V1, event);

    const [signal, ...more] = await eventually(async () => {
      const rows = await signalsOf(plan.id, CarePlanSignalKind.COMING_OF_AGE);
      return rows.length ? rows : undefined;
    });
    await signals.runNow();
    expect(more).toEqual([]);
    expect(signal).toMatchObject({ due: '2027-03-01', personId: hh.child });
    expect(signal.detail).toMatchObject({ eighteenOn: '2027-03-01', brpMunicipality: GM_LEIDEN, lacking: [OTHER_AGB, THIRD_AGB].sort() });
    const providers = signal.detail.providers as Array<{ providerAgb: string; contracted: boolean | null; code: string | null; wmoCategory: string | null; note: string }>;
    const byAgb = new Map(providers.map((p) => [p.providerAgb, p]));
    expect(providers).toHaveLength(4);
    expect(byAgb.get(PROVIDER_AGB)).toMatchObject({ contracted: true, code: null, wmoCategory: '02' });
    expect(byAgb.get(OTHER_AGB)).toMatchObject({ contracted: false, code: 'NO_CONTRACT', wmoCategory: '15' });
    expect(byAgb.get(THIRD_AGB)).toMatchObject({ contracted: true, code: 'CLIENT_STOP', note: expect.stringMatching(/contracted for the Wmo but stopped/) });
    expect(byAgb.get(FOURTH_AGB)).toMatchObject({ contracted: null, code: 'NO_WMO_EQUIVALENT' });
    // Asked for the BRP municipality, the Wmo category, on the 18th birthday; not for the mental-health care.
    const asked = procurement.requests.filter((r) => [PROVIDER_AGB, OTHER_AGB, THIRD_AGB].includes(r.providerAgb));
    expect(asked.map((r) => [r.providerAgb, r.municipality, r.product.category, r.date]).sort()).toEqual([
      [PROVIDER_AGB, GM_LEIDEN, '02', '2027-03-01'],
      [OTHER_AGB, GM_LEIDEN, '15', '2027-03-01'],
      [THIRD_AGB, GM_LEIDEN, '02', '2027-03-01'],
    ].sort());
    expect(procurement.requests.some((r) => r.providerAgb === FOURTH_AGB)).toBe(false);
    await raised.next((e) => e.data.signalId === signal.id && e.data.kind === CarePlanSignalKind.COMING_OF_AGE && e.data.personId === hh.child);
    await procurement.stop();
  });

  it('should hold a coming of age that arrives before the plan, and raise it when the plan opens', async () => {
    const hh = await household(h, { childEighteenOn: '2027-04-01' });
    const g = await grant(h, { personId: hh.child, providerAgb: PROVIDER_AGB, product: { category: ProductCategory.YOUTH_AMBULANT }, law: Law.JEUGDWET });
    const procurement = await h.ctx.stub<ContractCheckRequest>(CONTRACT_CHECK, { reply: { ok: false, code: 'NO_CONTRACT' } });
    await publishEvent(h.ctx, PERSON_COMING_OF_AGE_V1, { personId: hh.child, personPseudonym: pseudonym(hh.child), eighteenOn: '2027-04-01', brpMunicipality: GM_LEIDEN, youthProvisionLineageIds: [g.lineageId] });
    await eventually(async () => (procurement.requests.length === 0 && (await signals.runNow()) === 0 ? true : undefined));
    const { plan } = await openPlan(h, { household: hh });
    const [signal] = await eventually(async () => {
      const rows = await signalsOf(plan.id, CarePlanSignalKind.COMING_OF_AGE);
      return rows.length ? rows : undefined;
    });
    expect(signal.detail).toMatchObject({ lacking: [PROVIDER_AGB] });
    await procurement.stop();
  });

  it('should raise FRAGMENTATION once when more professionals than the norm are active in the household', async () => {
    const { plan, household: hh, residentParticipantId } = await openPlan(h);
    await addProvider(h, plan.id, residentParticipantId, { consent: null });
    await addProvider(h, plan.id, residentParticipantId, { agb: OTHER_AGB, consent: null });
    // Coordinator and two providers: three, at the norm.
    await expect(signalsOf(plan.id, CarePlanSignalKind.FRAGMENTATION)).resolves.toEqual([]);
    await grant(h, { personId: hh.partner, providerAgb: THIRD_AGB, period: { start: '2026-10-01' } });
    const [signal] = await eventually(async () => {
      const rows = await signalsOf(plan.id, CarePlanSignalKind.FRAGMENTATION);
      return rows.length ? rows : undefined;
    });
    expect(signal.detail).toMatchObject({ professionals: [GM_LEIDEN, `AGB:${PROVIDER_AGB}`, `AGB:${OTHER_AGB}`, `AGB:${THIRD_AGB}`].sort(), threshold: 3 });
    await grant(h, { personId: hh.resident, providerAgb: FOURTH_AGB, period: { start: '2026-10-01' } });
    await signals.runNow();
    await expect(signalsOf(plan.id, CarePlanSignalKind.FRAGMENTATION)).resolves.toHaveLength(1);
    expect(raised.matching((e) => e.data.planId === plan.id && e.data.kind === CarePlanSignalKind.FRAGMENTATION).length).toBeLessThanOrEqual(1);
    await raised.next((e) => e.data.signalId === signal.id);
  });

  it('should publish outflow.ready for housing and put it on the worklist, once per resident', async () => {
    const probe = await h.ctx.probe<OutflowReadyV1>(OUTFLOW_READY_V1);
    const { plan, household: hh } = await openPlan(h);
    const res = await h.svc.http.post(`/api/care-plans/v1/plans/${plan.id}/outflow`).set(auth(h.coordinator)).send({ personId: hh.resident, readyFrom: '2027-01-01', needs: ['PETS_ALLOWED', 'ACCESSIBLE'] }).expect(201);
    expect(res.body).toMatchObject({ kind: 'OUTFLOW_READY', due: '2027-01-01', personId: hh.resident, status: 'OPEN' });
    const bad = await h.svc.http.post(`/api/care-plans/v1/plans/${plan.id}/outflow`).set(auth(h.coordinator)).send({ personId: hh.resident, readyFrom: '2027-01-01', needs: ['DIAGNOSIS'] }).expect(400);
    expect(bad.body.invalidParams[0].name).toMatch(/^needs/);
    const event = await probe.next((e) => e.data.planId === plan.id);
    expect(event.data).toMatchObject({ personId: hh.resident, personPseudonym: pseudonym(hh.resident), municipality: GM_LEIDEN, readyFrom: '2027-01-01', needs: ['ACCESSIBLE', 'PETS_ALLOWED'] });
    const dup = await h.svc.http.post(`/api/care-plans/v1/plans/${plan.id}/outflow`).set(auth(h.coordinator)).send({ personId: hh.resident, readyFrom: '2027-02-01', needs: [] }).expect(409);
    expect(dup.body.code).toBe('OUTFLOW_ALREADY_READY');
    const child = await h.svc.http.post(`/api/care-plans/v1/plans/${plan.id}/outflow`).set(auth(h.coordinator)).send({ personId: hh.child, readyFrom: '2027-02-01', needs: [] }).expect(422);
    expect(child.body.invalidParams[0]).toMatchObject({ name: 'personId', code: 'NOT_A_RESIDENT' });
    await expect(signalsOf(plan.id, CarePlanSignalKind.OUTFLOW_READY)).resolves.toHaveLength(1);
  });

  it('should show the worklist to the municipality’s caseworker, and to a provider coordinator only for the plans it coordinates', async () => {
    const { plan, household: hh } = await openPlan(h);
    await h.svc.http.post(`/api/care-plans/v1/plans/${plan.id}/outflow`).set(auth(h.coordinator)).send({ personId: hh.resident, readyFrom: '2027-01-01', needs: [] }).expect(201);
    const caseworker = await h.ctx.token({ org: GM_LEIDEN, roles: [Role.ACCESS_CASEWORKER], municipalities: [GM_LEIDEN] });
    await expect(signalsOf(plan.id, CarePlanSignalKind.OUTFLOW_READY, caseworker)).resolves.toHaveLength(1);
    const elsewhere = await h.ctx.token({ org: 'GM0547', roles: [Role.ACCESS_CASEWORKER], municipalities: ['GM0547'] });
    await expect(signalsOf(plan.id, CarePlanSignalKind.OUTFLOW_READY, elsewhere)).resolves.toEqual([]);
    const providerCoordinator = await h.ctx.token({ org: `AGB:${PROVIDER_AGB}`, roles: [Role.CARE_PLANS_COORDINATOR] });
    await expect(signalsOf(plan.id, CarePlanSignalKind.OUTFLOW_READY, providerCoordinator)).resolves.toEqual([]);
    await h.svc.http.post(`/api/care-plans/v1/plans/${plan.id}/handovers`).set(auth(h.coordinator)).send({ toOrg: `AGB:${PROVIDER_AGB}`, on: '2026-11-02', inPerson: false }).expect(201);
    await expect(signalsOf(plan.id, CarePlanSignalKind.OUTFLOW_READY, providerCoordinator)).resolves.toHaveLength(1);
    const provider = await h.ctx.token({ org: `AGB:${PROVIDER_AGB}`, roles: [Role.PROVIDER] });
    await h.svc.http.get('/api/care-plans/v1/signals').set(auth(provider)).expect(403);
  });
});
