import { CarePlanSignalKind, PartnerSnapshotV1, Role } from '@vangnet/contracts';
import { registerPartner } from '@vangnet/testing';
import { auth, CarePlans, GM_LEIDEN, GM_LEIDERDORP, openPlan, startCarePlans } from './support';

/**
 * Issue 13, O1 (ADR 0052, 0017): care plans honour `access.caseworker` (signals, plans, life
 * domains), so an `ORG:` team holds it here too only as the gateway's partner registry says —
 * care plans keep the registry from its events through their own inbox.
 */
describe('care plans: partner teams from the gateway’s partner registry', () => {
  let h: CarePlans;
  let orgSeed = 0;

  beforeAll(async () => {
    h = await startCarePlans('2026-11-02');
  });

  afterAll(() => h.close());

  const anOrg = () => `ORG:4117${String(++orgSeed).padStart(4, '0')}`;

  /** The gateway's registry entry for an ORG: team of Leiden unless `over` says otherwise, once care plans hold it. */
  const register = (org: string, over: Partial<PartnerSnapshotV1> = {}) => registerPartner(h.ctx, h.svc, { org, accessTeamFor: [GM_LEIDEN], ...over });

  const team = (org: string, municipalities: string[]) => h.ctx.token({ sub: `team-${org}`, org, roles: [Role.ACCESS_CASEWORKER], municipalities });
  const signals = (token: string, query: Record<string, string>) => h.svc.http.get('/api/care-plans/v1/signals').query(query).set(auth(token));

  /** A Leiden plan with an open OUTFLOW_READY signal on it. */
  async function planWithSignal(): Promise<string> {
    const { plan, household } = await openPlan(h);
    await h.svc.http.post(`/api/care-plans/v1/plans/${plan.id}/outflow`).set(auth(h.coordinator)).send({ personId: household.resident, readyFrom: '2027-01-01', needs: [] }).expect(201);
    return plan.id;
  }

  it('should refuse an ORG: caseworker the registry does not know, on every route that honours the role', async () => {
    const planId = await planWithSignal();
    const unknown = await team(anOrg(), [GM_LEIDEN]);
    const res = await signals(unknown, { planId }).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res.body)).toMatch(/not registered in the partner registry/);
    await h.svc.http.get('/api/care-plans/v1/plans').set(auth(unknown)).expect(403);
    await h.svc.http.get('/api/care-plans/v1/life-domains').set(auth(unknown)).expect(403);

    // Known only as a partner that is no access team: refused alike. A municipal caseworker is not looked up.
    const notATeam = anOrg();
    await register(notATeam, { accessTeamFor: [] });
    await signals(await team(notATeam, [GM_LEIDEN]), { planId }).expect(403);
    const municipal = await h.ctx.token({ org: GM_LEIDEN, roles: [Role.ACCESS_CASEWORKER], municipalities: [GM_LEIDEN] });
    expect((await signals(municipal, { planId }).expect(200)).body.items).toHaveLength(1);
  });

  it('should let a registered team act only for the municipalities it is registered for, whatever its token claims', async () => {
    const planId = await planWithSignal();
    const org = anOrg();
    await register(org);
    const both = await team(org, [GM_LEIDEN, GM_LEIDERDORP]);
    const seen = await signals(both, { planId, kind: CarePlanSignalKind.OUTFLOW_READY }).expect(200);
    expect(seen.body.items).toEqual([expect.objectContaining({ status: 'OPEN' })]);
    await h.svc.http.get('/api/care-plans/v1/life-domains').set(auth(both)).expect(200);

    // Its token claims Leiderdorp too, but the registry does not: asking for it is out of scope.
    const leiderdorp = await signals(both, { municipality: GM_LEIDERDORP }).expect(403);
    expect(leiderdorp.body).toMatchObject({ code: 'OUT_OF_SCOPE', invalidParams: [{ name: 'municipality', code: 'OUT_OF_SCOPE' }] });
    const onlyLeiderdorp = await signals(await team(org, [GM_LEIDERDORP]), { planId }).expect(403);
    expect(onlyLeiderdorp.body).toMatchObject({ code: 'OUT_OF_SCOPE', invalidParams: [{ name: 'municipalities', code: 'OUT_OF_SCOPE' }] });
    expect(onlyLeiderdorp.body.detail ?? onlyLeiderdorp.body.title).toMatch(/registered as an access team for GM0546 only/);
  });

  it('should follow the registry’s changes: a deactivation refuses the team, a move narrows it to its new municipality', async () => {
    const planId = await planWithSignal();
    const org = anOrg();
    await register(org);
    const both = await team(org, [GM_LEIDEN, GM_LEIDERDORP]);
    expect((await signals(both, { planId }).expect(200)).body.items).toHaveLength(1);

    await register(org, { active: false, revision: 2 });
    const refused = await signals(both, { planId }).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect(JSON.stringify(refused.body)).toMatch(/deactivated/);

    // Active again, now Leiderdorp's access team: it no longer sees Leiden's plans, and a token for Leiden alone is out of scope.
    await register(org, { active: true, accessTeamFor: [GM_LEIDERDORP], revision: 3 });
    expect((await signals(both, { planId }).expect(200)).body.items).toEqual([]);
    await signals(await team(org, [GM_LEIDEN]), { planId }).expect(403);
  });
});
