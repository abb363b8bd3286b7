import { PARTNER_CHANGED_V1, PARTNER_REGISTERED_V1, PartnerKind, PartnerSnapshotV1, Role } from '@vangnet/contracts';
import { publishEvent, registerPartner, TestContext, TestService } from '@vangnet/testing';
import { DataSource } from 'typeorm';
import { AccessClient, actorsFor, bsnFor, createPerson, LEIDEN, LEIDERDORP, setToday, startAccess } from './support/access';

/**
 * Issue 13, O1 (ADR 0052): an `ORG:` partner team holds `access.caseworker` only as the gateway's
 * partner registry says, learnt from its events through the inbox; providers and corporations never.
 */
describe('access: partner teams from the gateway’s partner registry', () => {
  let ctx: TestContext;
  let svc: TestService;
  let leiden: AccessClient;
  let leiderdorp: AccessClient;
  let seed = 5200;
  let orgSeed = 0;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startAccess(ctx);
    setToday(svc, '2026-11-23');
    leiden = new AccessClient(svc, (await actorsFor(ctx)).caseworker);
    leiderdorp = new AccessClient(svc, (await actorsFor(ctx, [LEIDERDORP])).caseworker);
  });

  afterAll(() => ctx.close());

  const anOrg = () => `ORG:4116${String(++orgSeed).padStart(4, '0')}`;

  function snapshot(org: string, over: Partial<PartnerSnapshotV1> = {}): PartnerSnapshotV1 {
    return { org, kind: PartnerKind.ORG, name: `Wijkteam ${org}`, scopes: ['access.cases'], accessTeamFor: [LEIDEN], active: true, revision: 1, ...over };
  }

  const stored = async (org: string): Promise<{ revision: number; active: boolean } | undefined> => {
    const rows: Array<{ revision: number; active: boolean }> = await svc.app.get(DataSource).query(`SELECT revision, active FROM partner_team WHERE org = $1`, [org]);
    return rows[0];
  };

  /** Publishes a registry event and waits until access holds that revision. */
  const register = (org: string, over: Partial<PartnerSnapshotV1> = {}) => registerPartner(ctx, svc, snapshot(org, over));

  async function teamClient(org: string, municipalities: string[], roles: Role[] = [Role.ACCESS_CASEWORKER]): Promise<AccessClient> {
    return new AccessClient(svc, await ctx.token({ sub: `team-${org}`, org, roles, municipalities }));
  }

  async function aPerson(client = leiden, municipality = LEIDEN): Promise<string> {
    return createPerson(client, { bsn: bsnFor(++seed), brpMunicipality: municipality });
  }

  const registration = (personId: string, receivingMunicipality = LEIDEN) => ({ personId, receivingMunicipality, source: 'PROFESSIONAL', channel: 'REFERRAL', canAskForHelp: true });

  it('should let a team registered for GM0546 read and investigate there, logged as any caseworker’s reads', async () => {
    const org = anOrg();
    await register(org);
    const team = await teamClient(org, [LEIDEN]);
    const personId = await aPerson();
    await team.get(`/persons/${personId}`).expect(200);
    const reg = await team.post('/registrations', registration(personId)).expect(201);
    const res = await team
      .post(`/registrations/${reg.body.id}/investigation`, { scores: [], considered: [{ option: 'OWN_NETWORK', sufficient: true }], clientSupportOffered: true })
      .expect(201);
    expect(res.body.investigatedBy).toBe(org);
    const logged: Array<{ action: string; municipality: string }> = await svc.app
      .get(DataSource)
      .query(`SELECT action, municipality FROM processing_log WHERE actor_org = $1 AND resource_id = $2`, [org, personId]);
    expect(logged).toContainEqual(expect.objectContaining({ action: 'READ', municipality: LEIDEN }));
  });

  it('should let a team act only for the municipalities it is registered for, whatever its token claims', async () => {
    const org = anOrg();
    await register(org);
    const team = await teamClient(org, [LEIDEN, LEIDERDORP]);
    const inLeiderdorp = await aPerson(leiderdorp, LEIDERDORP);
    const refused = await team.post('/registrations', registration(inLeiderdorp, LEIDERDORP)).expect(403);
    expect(refused.body).toMatchObject({ code: 'OUT_OF_SCOPE', invalidParams: [{ name: 'receivingMunicipality', code: 'OUT_OF_SCOPE' }] });
    await team.get(`/persons/${inLeiderdorp}`).expect(404);
    await team.get(`/persons/${await aPerson()}`).expect(200);

    const onlyLeiderdorp = await teamClient(org, [LEIDERDORP]);
    const none = await onlyLeiderdorp.get('/registrations').expect(403);
    expect(none.body).toMatchObject({ code: 'OUT_OF_SCOPE', invalidParams: [{ name: 'municipalities', code: 'OUT_OF_SCOPE' }] });
    expect(none.body.detail ?? none.body.title).toMatch(/registered as an access team for GM0546 only/);
  });

  it('should refuse a team entirely once the registry deactivates it, and not undo that with an older revision', async () => {
    const org = anOrg();
    await register(org);
    const team = await teamClient(org, [LEIDEN]);
    const personId = await aPerson();
    await team.get(`/persons/${personId}`).expect(200);

    await register(org, { active: false, revision: 3 });
    const refused = await team.get(`/persons/${personId}`).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    expect(JSON.stringify(refused.body)).toMatch(/deactivated/);
    await team.post('/registrations', registration(personId)).expect(403);

    // Revision 2 (still active) arrives late. A later event of another partner, on the same
    // stream and consumer, shows it was applied before the check.
    await publishEvent(ctx, PARTNER_CHANGED_V1, snapshot(org, { active: true, revision: 2 }));
    await register(anOrg());
    expect(await stored(org)).toEqual({ revision: 3, active: false });
    await team.get(`/persons/${personId}`).expect(403);

    // Reactivated by a newer revision, it works again.
    await register(org, { active: true, revision: 4 });
    await team.get(`/persons/${personId}`).expect(200);
  });

  it('should refuse an ORG: team the registry does not know, or knows only as another kind of partner', async () => {
    const personId = await aPerson();
    const unknown = await teamClient(anOrg(), [LEIDEN]);
    const res = await unknown.get(`/persons/${personId}`).expect(403);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN' });
    expect(JSON.stringify(res.body)).toMatch(/not registered/);
    await unknown.get('/registrations').expect(403);
    await unknown.post('/registrations', registration(personId)).expect(403);

    const notATeam = anOrg();
    await register(notATeam, { accessTeamFor: [] });
    await (await teamClient(notATeam, [LEIDEN])).get(`/persons/${personId}`).expect(403);
  });

  it('should refuse a provider or a corporation with an access role, whatever municipalities it claims', async () => {
    const personId = await aPerson();
    // Even one the registry lists (as a provider; it can list only ORG: partners as access teams).
    await register('AGB:98765432', { kind: PartnerKind.AGB, accessTeamFor: [] });
    for (const org of ['AGB:98765432', 'CORP:55667788']) {
      const client = await teamClient(org, [LEIDEN, LEIDERDORP], [Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER]);
      await client.get(`/persons/${personId}`).expect(403);
      await client.get('/registrations').expect(403);
      await client.post('/registrations', registration(personId)).expect(403);
      await client.post('/persons', { bsn: bsnFor(++seed), familyName: 'Jansen', givenName: 'Sam', birthDate: '1980-05-17', brpMunicipality: LEIDEN, municipality: LEIDEN }).expect(403);
    }
  });

  it('should dead-letter a registry event that breaks its contract, and keep going; an ORG: operator reads it without registering', async () => {
    const org = anOrg();
    const bad = await publishEvent(ctx, PARTNER_REGISTERED_V1, { ...snapshot(org), kind: PartnerKind.CORP });
    await register(org, { revision: 2 });
    expect(await stored(org)).toEqual({ revision: 2, active: true });
    const dead: Array<{ error_code: string }> = await svc.app.get(DataSource).query(`SELECT error_code FROM dead_letter WHERE message_id = $1`, [bad.id]);
    expect(dead).toEqual([{ error_code: 'INVALID_PAYLOAD' }]);

    // An ORG: platform operator is not a team: it needs no registration for its own routes…
    const operator = await teamClient(anOrg(), [], [Role.PLATFORM_OPERATOR]);
    const letters = await operator.get('/dead-letters').expect(200);
    expect(letters.body.items).toContainEqual(expect.objectContaining({ messageId: bad.id }));
    // …but one that also claims access.caseworker unregistered is refused on every route.
    await (await teamClient(anOrg(), [LEIDEN], [Role.PLATFORM_OPERATOR, Role.ACCESS_CASEWORKER])).get('/dead-letters').expect(403);
  });
});
