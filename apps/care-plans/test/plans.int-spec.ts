import { COORDINATOR_HANDED_OVER_V1, CoordinatorHandedOverV1, PLAN_OPENED_V1, PlanOpenedV1, Role } from '@vangnet/contracts';
import { ProcessingAction, ProcessingLogEntity } from '@vangnet/auth';
import { expectSchemaMatchesEntities } from '@vangnet/testing';
import { DataSource } from 'typeorm';
import { addProvider, auth, CarePlans, GM_LEIDEN, GM_LEIDERDORP, household, openPlan, PROVIDER_AGB, pseudonym, startCarePlans } from './support';

// One household, one plan, one coordinator: opening, participants, consent, handovers.

describe('plans, participants, consent and handovers', () => {
  let h: CarePlans;

  beforeAll(async () => {
    h = await startCarePlans('2026-11-02');
  });

  afterAll(() => h.close());

  it('should have migrations that match the entities', async () => {
    await expectSchemaMatchesEntities(h.svc);
  });

  it('should open one plan per household with its coordinator and residents, and publish plan.opened', async () => {
    const probe = await h.ctx.probe<PlanOpenedV1>(PLAN_OPENED_V1);
    const { plan, household: hh } = await openPlan(h);
    const opened = await probe.next((e) => e.data.planId === plan.id);
    expect(opened.data).toMatchObject({ householdId: hh.householdId, municipality: GM_LEIDEN, coordinatorOrg: GM_LEIDEN, coordinatorTeam: 'Buurtteam Noord', openedOn: '2026-11-02' });
    expect(opened.municipality).toBe(GM_LEIDEN);
    expect(plan.nextReviewOn).toBe('2027-05-02');

    const participants = (await h.svc.http.get(`/api/care-plans/v1/plans/${plan.id}/participants`).set(auth(h.coordinator)).expect(200)).body;
    expect(participants.map((p: { role: string }) => p.role).sort()).toEqual(['COORDINATOR', 'RESIDENT', 'RESIDENT']);

    const again = await h.svc.http.post('/api/care-plans/v1/plans').set(auth(h.coordinator)).send({ householdId: hh.householdId, coordinatorOrg: GM_LEIDEN }).expect(409);
    expect(again.body).toMatchObject({ code: 'PLAN_EXISTS', existingId: plan.id });
  });

  it('should refuse a household access never published, and one of another municipality, naming householdId', async () => {
    const other = await household(h, { municipality: GM_LEIDERDORP });
    for (const householdId of ['6a1c2a57-4a52-4a86-9a55-0d4a3c7f3e11', other.householdId]) {
      const res = await h.svc.http.post('/api/care-plans/v1/plans').set(auth(h.coordinator)).send({ householdId, coordinatorOrg: GM_LEIDEN }).expect(422);
      expect(res.body.invalidParams[0]).toMatchObject({ name: 'householdId', code: 'UNKNOWN_HOUSEHOLD' });
    }
  });

  it('should refuse a second active coordinator, naming role, and a corporation as participant, naming org', async () => {
    const { plan } = await openPlan(h);
    const second = await h.svc.http.post(`/api/care-plans/v1/plans/${plan.id}/participants`).set(auth(h.coordinator)).send({ role: 'COORDINATOR', org: 'AGB:98000003', label: 'Tweede regisseur' }).expect(409);
    expect(second.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(second.body.invalidParams[0]).toMatchObject({ name: 'role', code: 'COORDINATOR_EXISTS' });
    const corp = await h.svc.http.post(`/api/care-plans/v1/plans/${plan.id}/participants`).set(auth(h.coordinator)).send({ role: 'VOLUNTEER', org: 'CORP:30000001', label: 'Woningcorporatie' }).expect(422);
    expect(corp.body.invalidParams[0]).toMatchObject({ name: 'org', code: 'CORPORATION_NOT_PARTICIPANT' });
  });

  it('should refuse consent for a section that does not exist, naming the field, and a domain the region does not have', async () => {
    const { plan, residentParticipantId } = await openPlan(h);
    const p = await addProvider(h, plan.id, residentParticipantId, { consent: null });
    const base = { domains: ['FINANCES'], givenOn: '2026-11-01', method: 'IN_PERSON', instructedBy: residentParticipantId };
    const section = await h.svc.http.put(`/api/care-plans/v1/plans/${plan.id}/consent/${p.id}`).set(auth(h.coordinator)).send({ ...base, sections: ['GOALS', 'DIAGNOSIS'] }).expect(400);
    expect(section.body.invalidParams.map((i: { name: string }) => i.name).join()).toMatch(/^sections/);
    const domain = await h.svc.http.put(`/api/care-plans/v1/plans/${plan.id}/consent/${p.id}`).set(auth(h.coordinator)).send({ ...base, sections: ['GOALS'], domains: ['FINANCES', 'ASTROLOGY'] }).expect(422);
    expect(domain.body.invalidParams[0]).toMatchObject({ name: 'domains[1]', code: 'UNKNOWN_LIFE_DOMAIN' });
    const instructor = await h.svc.http.put(`/api/care-plans/v1/plans/${plan.id}/consent/${p.id}`).set(auth(h.coordinator)).send({ ...base, sections: ['GOALS'], instructedBy: p.id }).expect(422);
    expect(instructor.body.invalidParams[0]).toMatchObject({ name: 'instructedBy', code: 'NOT_RESIDENT' });
  });

  it('should record a handover visible to every participant, publish it, and make the new organisation the coordinator', async () => {
    const probe = await h.ctx.probe<CoordinatorHandedOverV1>(COORDINATOR_HANDED_OVER_V1);
    const { plan, residentParticipantId } = await openPlan(h, { openedOn: '2026-10-01' });
    await addProvider(h, plan.id, residentParticipantId, { consent: null });
    const res = await h.svc.http.post(`/api/care-plans/v1/plans/${plan.id}/handovers`).set(auth(h.coordinator)).send({ toOrg: `AGB:${PROVIDER_AGB}`, toTeam: 'Team Herstel', on: '2026-11-01', inPerson: true }).expect(201);
    expect(res.body).toMatchObject({ fromOrg: GM_LEIDEN, toOrg: `AGB:${PROVIDER_AGB}`, on: '2026-11-01', inPerson: true });
    const event = await probe.next((e) => e.data.planId === plan.id);
    expect(event.data).toMatchObject({ fromOrg: GM_LEIDEN, toOrg: `AGB:${PROVIDER_AGB}`, on: '2026-11-01', inPerson: true, toTeam: 'Team Herstel' });

    // The provider (a participant without consent) sees the handover; as coordinator now, it changes the plan.
    const provider = await h.ctx.token({ org: `AGB:${PROVIDER_AGB}`, roles: [Role.PROVIDER, Role.CARE_PLANS_COORDINATOR] });
    const seen = (await h.svc.http.get(`/api/care-plans/v1/plans/${plan.id}/handovers`).set(auth(provider)).expect(200)).body;
    expect(seen).toHaveLength(1);
    await h.svc.http.patch(`/api/care-plans/v1/plans/${plan.id}`).set(auth(provider)).send({ priorities: ['HOUSING', 'FINANCES'] }).expect(200);
    // Leiden's team is no longer the coordinator: it may not change the plan.
    await h.svc.http.patch(`/api/care-plans/v1/plans/${plan.id}`).set(auth(h.coordinator)).send({ priorities: ['FINANCES'] }).expect(404);

    const participants = (await h.svc.http.get(`/api/care-plans/v1/plans/${plan.id}/participants`).set(auth(provider)).expect(200)).body;
    const coordinators = participants.filter((p: { role: string }) => p.role === 'COORDINATOR');
    expect(coordinators.map((c: { org: string; leftOn: string | null }) => [c.org, c.leftOn])).toEqual([
      [GM_LEIDEN, '2026-11-01'],
      [`AGB:${PROVIDER_AGB}`, null],
    ]);
  });

  it('should write a processing-log record per household member for every read of the participants', async () => {
    const { plan, household: hh } = await openPlan(h);
    const ds = h.svc.app.get(DataSource);
    const count = () => ds.getRepository(ProcessingLogEntity).countBy({ resourceId: plan.id, subjectPseudonym: pseudonym(hh.child), action: ProcessingAction.READ });
    const before = await count();
    await h.svc.http.get(`/api/care-plans/v1/plans/${plan.id}/participants`).set(auth(h.coordinator)).expect(200);
    await expect(count()).resolves.toBe(before + 1);
  });

  it('should list the households of the coordinator’s municipalities, members without names', async () => {
    const mine = await household(h);
    const theirs = await household(h, { municipality: GM_LEIDERDORP });
    const items: Array<{ householdId: string; members: Array<Record<string, unknown>> }> = [];
    for (let cursor: string | null | undefined; cursor !== null; ) {
      const page = (await h.svc.http.get('/api/care-plans/v1/households').query({ limit: 500, ...(cursor ? { cursor } : {}) }).set(auth(h.coordinator)).expect(200)).body;
      items.push(...page.items);
      cursor = page.nextCursor;
    }
    const found = items.find((x) => x.householdId === mine.householdId);
    expect(found?.members.map((m) => m.role).sort()).toEqual(['APPLICANT', 'CHILD', 'PARTNER']);
    expect(Object.keys(found?.members[0] ?? {}).sort()).toEqual(['from', 'minorOn', 'personId', 'role', 'to']);
    expect(items.some((x) => x.householdId === theirs.householdId)).toBe(false);
  });

  it('should write a processing-log record per member for every read of the whole plan', async () => {
    const { plan, household: hh } = await openPlan(h);
    const ds = h.svc.app.get(DataSource);
    const count = () => ds.getRepository(ProcessingLogEntity).countBy({ resourceId: plan.id, subjectPseudonym: pseudonym(hh.resident), action: ProcessingAction.READ });
    const before = await count();
    await h.svc.http.get(`/api/care-plans/v1/plans/${plan.id}`).set(auth(h.coordinator)).expect(200);
    await h.svc.http.get(`/api/care-plans/v1/plans/${plan.id}`).set(auth(h.coordinator)).expect(200);
    await expect(count()).resolves.toBe(before + 2);
  });

  it('should answer 403 to a corporation and 404 to a provider that takes no part', async () => {
    const { plan } = await openPlan(h);
    const corporation = await h.ctx.token({ org: 'CORP:30000001', roles: [Role.CORPORATION] });
    await h.svc.http.get(`/api/care-plans/v1/plans/${plan.id}/participants`).set(auth(corporation)).expect(403);
    const stranger = await h.ctx.token({ org: 'AGB:98000009', roles: [Role.PROVIDER] });
    await h.svc.http.get(`/api/care-plans/v1/plans/${plan.id}/participants`).set(auth(stranger)).expect(404);
  });
});
