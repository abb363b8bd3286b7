import { EndReason, Law, ProductCategory, PROVISION_ENDED_V1, ProvisionEndedV1, Role } from '@vangnet/contracts';
import { randomUUID } from 'crypto';
import { AccessFactsService } from '../src/access-facts/access-facts.service';
import { addProvider, auth, CarePlans, eventually, grant, openPlan, OTHER_AGB, PROVIDER_AGB, publishEvent, startCarePlans } from './support';

// What each participant reads of a plan: its consent, per section and life domain, from the next read.

describe('consent applied to what each participant reads', () => {
  let h: CarePlans;
  let provider: string;
  let otherProvider: string;

  beforeAll(async () => {
    h = await startCarePlans('2026-11-02');
    provider = await h.ctx.token({ sub: 'begeleider', org: `AGB:${PROVIDER_AGB}`, roles: [Role.PROVIDER] });
    otherProvider = await h.ctx.token({ sub: 'andere', org: `AGB:${OTHER_AGB}`, roles: [Role.PROVIDER] });
  });

  afterAll(() => h.close());

  /** A plan with goals in two domains, an action for each provider, a review, a crisis card. */
  const fullPlan = async (o: { sections?: string[]; domains?: string[] } = {}) => {
    const p = await openPlan(h, { openedOn: '2026-06-01' });
    const mine = await addProvider(h, p.plan.id, p.residentParticipantId, { sections: o.sections ?? ['GOALS', 'REVIEWS'], domains: o.domains ?? ['FINANCES'] });
    const theirs = await addProvider(h, p.plan.id, p.residentParticipantId, { agb: OTHER_AGB, sections: ['GOALS', 'ACTIONS', 'PROVISIONS', 'CRISIS_CARD'], domains: ['FINANCES', 'HOUSING'] });
    const url = `/api/care-plans/v1/plans/${p.plan.id}`;
    const goal = async (domain: string) =>
      (await h.svc.http.post(`${url}/goals`).set(auth(h.coordinator)).send({ domain, personId: p.household.resident, description: `Doel ${domain}`, baselineScore: 2, baselineOn: '2026-06-01', targetScore: 4, targetDate: '2027-06-01' }).expect(201)).body;
    const finances = await goal('FINANCES');
    const housing = await goal('HOUSING');
    const action = async (performerId: string, goalId: string) =>
      (await h.svc.http.post(`${url}/actions`).set(auth(h.coordinator)).send({ performerId, goalId, description: 'Wekelijks overleg', dueOn: '2026-12-01' }).expect(201)).body;
    const myAction = await action(mine.id, housing.id);
    const theirAction = await action(theirs.id, finances.id);
    await h.svc.http.post(`${url}/reviews`).set(auth(h.coordinator)).send({ heldOn: '2026-10-01', scores: [{ domain: 'FINANCES', personId: p.household.resident, score: 3 }, { domain: 'HOUSING', personId: p.household.resident, score: 2 }] }).expect(201);
    await h.svc.http
      .put(`${url}/crisis-card`)
      .set(auth(h.coordinator))
      .send({ contacts: [{ name: 'Ans', relation: 'zus', phone: '0612345678' }], whatHelps: ['Rustig praten'], whatDoesNotHelp: ['Politie aan de deur'], wrap: { wellness: ['Wandelen'], triggers: ['Drukte'], earlyWarningSigns: ['Slecht slapen'], whenThingsBreakDown: ['Bel Ans'], afterACrisis: ['Rust'] }, ownInput: 'Ik wil weer werken', instructedBy: p.residentParticipantId, method: 'IN_PERSON' })
      .expect(200);
    return { ...p, url, mine, theirs, finances, housing, myAction, theirAction };
  };

  it('should show the coordinator the whole plan, crisis card included', async () => {
    const p = await fullPlan();
    const view = (await h.svc.http.get(p.url).set(auth(h.coordinator)).expect(200)).body;
    expect(view.viewer.coordinator).toBe(true);
    expect(view.goals).toHaveLength(2);
    expect(view.actions).toHaveLength(2);
    expect(view.reviews).toHaveLength(1);
    expect(view.residentParts[0].crisisCard.contacts[0]).toEqual({ name: 'Ans', relation: 'zus', phone: '0612345678' });
    expect(view.residentParts[0].wrap.triggers).toEqual(['Drukte']);
    expect(view.members).toHaveLength(3);
  });

  it('should show a provider its own actions and the domains it was granted, never the crisis card it was not allowed', async () => {
    const p = await fullPlan();
    const view = (await h.svc.http.get(p.url).set(auth(provider)).expect(200)).body;
    expect(view.viewer).toMatchObject({ coordinator: false, sections: ['GOALS', 'REVIEWS'], domains: ['FINANCES'] });
    expect(view.goals.map((g: { id: string }) => g.id)).toEqual([p.finances.id]);
    // Its own action (in HOUSING, a domain it was not granted) and nobody else's.
    expect(view.actions.map((a: { id: string }) => a.id)).toEqual([p.myAction.id]);
    expect(view.reviews[0].scores).toEqual([{ domain: 'FINANCES', personId: p.household.resident, score: 3 }]);
    expect(view.scoreHistory.map((d: { domain: string }) => d.domain)).toEqual(['FINANCES']);
    for (const absent of ['residentParts', 'members', 'whoPays']) expect(view).not.toHaveProperty(absent);
    expect(view.participants.map((x: { role: string }) => x.role).sort()).toEqual(['COORDINATOR', 'PROVIDER']);
    expect(view.participants.every((x: Record<string, unknown>) => !('consent' in x))).toBe(true);
    await h.svc.http.get(`${p.url}/crisis-card`).set(auth(provider)).expect(404);

    // The other provider was allowed the crisis card, but not the WRAP or the own input.
    const other = (await h.svc.http.get(p.url).set(auth(otherProvider)).expect(200)).body;
    expect(other.residentParts).toHaveLength(1);
    expect(other.residentParts[0]).toHaveProperty('crisisCard');
    expect(other.residentParts[0]).not.toHaveProperty('wrap');
    expect(other.residentParts[0]).not.toHaveProperty('ownInput');
    expect(other.actions.map((a: { id: string }) => a.id).sort()).toEqual([p.myAction.id, p.theirAction.id].sort());
    expect(other).not.toHaveProperty('reviews');
  });

  it('should narrow what a provider sees from the next read, and show nothing after a withdrawal', async () => {
    const p = await fullPlan({ sections: ['GOALS'], domains: ['FINANCES', 'HOUSING'] });
    const goalsSeen = async () => ((await h.svc.http.get(p.url).set(auth(provider)).expect(200)).body.goals ?? []).map((g: { domain: string }) => g.domain).sort();
    await expect(goalsSeen()).resolves.toEqual(['FINANCES', 'HOUSING']);

    await h.svc.http.put(`${p.url}/consent/${p.mine.id}`).set(auth(h.coordinator)).send({ sections: ['GOALS'], domains: ['HOUSING'], givenOn: '2026-11-02', method: 'BY_PHONE', instructedBy: p.residentParticipantId }).expect(200);
    await expect(goalsSeen()).resolves.toEqual(['HOUSING']);

    const withdrawn = await h.svc.http.delete(`${p.url}/consent/${p.mine.id}`).query({ method: 'IN_WRITING', instructedBy: p.residentParticipantId }).set(auth(h.coordinator)).expect(200);
    expect(withdrawn.body).toMatchObject({ withdrawnOn: '2026-11-02', withdrawalMethod: 'IN_WRITING' });
    const after = (await h.svc.http.get(p.url).set(auth(provider)).expect(200)).body;
    expect(after).not.toHaveProperty('goals');
    expect(after.viewer.sections).toEqual([]);
    // Still a participant: its own action and the handovers stay visible.
    expect(after.actions.map((a: { id: string }) => a.id)).toEqual([p.myAction.id]);

    const history = (await h.svc.http.get(`${p.url}/consent/${p.mine.id}`).set(auth(h.coordinator)).expect(200)).body;
    expect(history.map((c: { domains: string[]; withdrawnOn: string | null }) => [c.domains, c.withdrawnOn])).toEqual([
      [['FINANCES', 'HOUSING'], null],
      [['HOUSING'], '2026-11-02'],
    ]);
  });

  it('should put a provision granted in access on the plan by itself, its provider seeing its own only', async () => {
    const p = await fullPlan();
    const granted = await grant(h, { personId: p.household.resident, providerAgb: PROVIDER_AGB });
    const otherGrant = await grant(h, { personId: p.household.child, providerAgb: OTHER_AGB, responsibleMunicipality: 'GM0547', law: Law.JEUGDWET, product: { category: ProductCategory.YOUTH_AMBULANT } });
    const view = (await h.svc.http.get(p.url).set(auth(h.coordinator)).expect(200)).body;
    expect(view.provisions.map((x: { lineageId: string }) => x.lineageId).sort()).toEqual([granted.lineageId, otherGrant.lineageId].sort());
    expect(view.whoPays).toEqual([
      { responsibleMunicipality: 'GM0546', law: 'WMO', lineageIds: [granted.lineageId], providers: [PROVIDER_AGB], budgetCents: 0 },
      { responsibleMunicipality: 'GM0547', law: 'JEUGDWET', lineageIds: [otherGrant.lineageId], providers: [OTHER_AGB], budgetCents: 0 },
    ]);

    // The coordinator links it to a goal; an action is paid by it.
    const linked = await h.svc.http.put(`${p.url}/provisions/${granted.provisionId}/goals`).set(auth(h.coordinator)).send({ goalIds: [p.finances.id] }).expect(200);
    expect(linked.body).toMatchObject({ lineageId: granted.lineageId, goalIds: [p.finances.id], running: true });
    await h.svc.http.post(`${p.url}/actions`).set(auth(h.coordinator)).send({ performerId: p.mine.id, description: 'Budgetcoaching', lineageId: granted.lineageId }).expect(201);
    const foreign = await h.svc.http.post(`${p.url}/actions`).set(auth(h.coordinator)).send({ performerId: p.mine.id, description: 'x', lineageId: randomUUID() }).expect(422);
    expect(foreign.body.invalidParams[0]).toMatchObject({ name: 'lineageId', code: 'PROVISION_NOT_IN_HOUSEHOLD' });

    const mine = (await h.svc.http.get(`${p.url}/provisions`).set(auth(provider)).expect(200)).body;
    expect(mine.provisions.map((x: { lineageId: string }) => x.lineageId)).toEqual([granted.lineageId]);
    expect(mine.whoPays).toEqual([]);

    // Ended in access: still on the plan, no longer running.
    const end: ProvisionEndedV1 = { provisionId: granted.provisionId, lineageId: granted.lineageId, endDate: '2026-10-31', reason: EndReason.DELIVERED_AS_PLANNED };
    await publishEvent(h.ctx, PROVISION_ENDED_V1, end);
    const facts = h.svc.app.get(AccessFactsService);
    await eventually(async () => ((await facts.provision(granted.lineageId))?.endedOn ? true : undefined));
    const ended = (await h.svc.http.get(`${p.url}/provisions`).set(auth(h.coordinator)).expect(200)).body;
    expect(ended.provisions.find((x: { lineageId: string }) => x.lineageId === granted.lineageId)).toMatchObject({ endedOn: '2026-10-31', running: false });
  });

  it('should achieve a goal when a review meets its target, and keep each domain’s score history', async () => {
    const p = await fullPlan();
    const res = await h.svc.http.post(`${p.url}/reviews`).set(auth(h.coordinator)).send({ heldOn: '2026-11-01', scores: [{ domain: 'FINANCES', personId: p.household.resident, score: 4 }, { domain: 'HOUSING', personId: p.household.resident, score: 3 }] }).expect(201);
    expect(res.body.achievedGoalIds).toEqual([p.finances.id]);
    const view = (await h.svc.http.get(p.url).set(auth(h.coordinator)).expect(200)).body;
    const byId = new Map(view.goals.map((g: { id: string }) => [g.id, g]));
    expect(byId.get(p.finances.id)).toMatchObject({ status: 'ACHIEVED', achievedOn: '2026-11-01', currentScore: 4 });
    expect(byId.get(p.housing.id)).toMatchObject({ status: 'ACTIVE', currentScore: 3 });
    const finances = view.scoreHistory.find((d: { domain: string }) => d.domain === 'FINANCES');
    expect(finances.history.map((x: { on: string; score: number }) => [x.on, x.score])).toEqual([
      ['2026-06-01', 2],
      ['2026-10-01', 3],
      ['2026-11-01', 4],
    ]);
    expect(view.nextReviewOn).toBe('2027-05-01');
  });

  it('should refuse a score outside the domain’s scale and a target date before the baseline, naming the field', async () => {
    const p = await openPlan(h);
    const url = `/api/care-plans/v1/plans/${p.plan.id}`;
    const base = { domain: 'FINANCES', description: 'Schulden onder controle', baselineScore: 2, baselineOn: '2026-10-01', targetScore: 4, targetDate: '2027-10-01' };
    const scale = await h.svc.http.post(`${url}/goals`).set(auth(h.coordinator)).send({ ...base, targetScore: 9 }).expect(400);
    expect(scale.body.invalidParams[0]).toMatchObject({ name: 'targetScore', code: 'SCORE_OUT_OF_SCALE' });
    const dates = await h.svc.http.post(`${url}/goals`).set(auth(h.coordinator)).send({ ...base, targetDate: '2026-09-30' }).expect(400);
    expect(dates.body.invalidParams[0].name).toBe('targetDate');
    const review = await h.svc.http.post(`${url}/reviews`).set(auth(h.coordinator)).send({ heldOn: '2026-11-01', scores: [{ domain: 'HOUSING', score: 3 }, { domain: 'FINANCES', score: 0 }] }).expect(400);
    expect(review.body.invalidParams[0]).toMatchObject({ name: 'scores[1].score', code: 'SCORE_OUT_OF_SCALE' });
    // Nothing half-written: no review and no goal.
    const view = (await h.svc.http.get(url).set(auth(h.coordinator)).expect(200)).body;
    expect([view.goals, view.reviews]).toEqual([[], []]);
  });

  it('should show a participant that left nothing of the plan from the next day', async () => {
    const p = await fullPlan();
    await h.svc.http.get(p.url).set(auth(provider)).expect(200);
    const early = await h.svc.http.post(`${p.url}/participants/${p.mine.id}/leave`).set(auth(h.coordinator)).send({ leftOn: '2026-10-31' }).expect(422);
    expect(early.body.invalidParams[0].name).toBe('leftOn');
    const left = await h.svc.http.post(`${p.url}/participants/${p.mine.id}/leave`).set(auth(h.coordinator)).send({}).expect(200);
    expect(left.body.leftOn).toBe('2026-11-02');
    // Its last day still counts; the next it reads nothing.
    await h.svc.http.get(p.url).set(auth(provider)).expect(200);
    h.clock.set('2026-11-03');
    try {
      await h.svc.http.get(p.url).set(auth(provider)).expect(404);
    } finally {
      h.clock.set('2026-11-02');
    }
    const coordinatorLeaves = await h.svc.http.post(`${p.url}/participants/${(await h.svc.http.get(`${p.url}/participants`).set(auth(h.coordinator))).body.find((x: { role: string }) => x.role === 'COORDINATOR').id}/leave`).set(auth(h.coordinator)).send({}).expect(422);
    expect(coordinatorLeaves.body.invalidParams[0].name).toBe('participantId');
  });

  it('should let a provider mark its own action done, and not another’s', async () => {
    const p = await fullPlan();
    const done = await h.svc.http.patch(`${p.url}/actions/${p.myAction.id}`).set(auth(provider)).send({ status: 'DONE' }).expect(200);
    expect(done.body).toMatchObject({ status: 'DONE', doneOn: '2026-11-02' });
    await h.svc.http.patch(`${p.url}/actions/${p.theirAction.id}`).set(auth(provider)).send({ status: 'DONE' }).expect(404);
  });
});
