import { PartnerSnapshotV1, PROVISION_GRANTED_V1, Role } from '@vangnet/contracts';
import { pseudonymize } from '@vangnet/auth';
import { registerPartner, TEST_PSEUDONYM_KEY } from '@vangnet/testing';
import { aGrant, aPerson, auth, bsnOf, eventually, Exchange, GM_LEIDEN, GM_LEIDERDORP, publishEvent, startExchange } from './support';

/**
 * Issue 13, O1 (ADR 0052, 0017): the message archive honours `access.caseworker`, so an `ORG:`
 * team reads it only as the gateway's partner registry says — the exchange keeps the registry
 * from its events through its own inbox.
 */
describe('exchange: partner teams from the gateway’s partner registry', () => {
  let x: Exchange;
  let orgSeed = 0;
  let seed = 700;

  beforeAll(async () => {
    x = await startExchange('2026-11-20');
  });

  afterAll(() => x.close());

  const anOrg = () => `ORG:4118${String(++orgSeed).padStart(4, '0')}`;

  /** The gateway's registry entry (for no municipality) for an ORG: team of Leiden unless `over` says otherwise, once the exchange holds it. */
  const register = (org: string, over: Partial<PartnerSnapshotV1> = {}) => registerPartner(x.ctx, x.svc, { org, accessTeamFor: [GM_LEIDEN], ...over });

  const team = (org: string, municipalities: string[]) => x.ctx.token({ sub: `team-${org}`, org, roles: [Role.ACCESS_CASEWORKER], municipalities });
  const messages = (token: string, query: Record<string, string> = {}) => x.svc.http.get('/api/exchange/v1/messages').query(query).set(auth(token));

  /** A Leiden 301 in the archive, as Leiden's own caseworker finds it. */
  async function a301(): Promise<{ id: string; assignmentNumber: string }> {
    const bsn = bsnOf(++seed);
    const grant = aGrant({ personPseudonym: pseudonymize(bsn, TEST_PSEUDONYM_KEY) });
    x.persons.set(grant.personId, aPerson(bsn));
    await publishEvent(x.ctx, PROVISION_GRANTED_V1, grant);
    const assignmentNumber = String(grant.assignmentNumber);
    const msg = await eventually(async () => (await messages(x.caseworker, { assignmentNumber, messageType: '301' }).expect(200)).body.items[0] as { id: string } | undefined);
    return { id: msg.id, assignmentNumber };
  }

  it('should refuse an ORG: caseworker the registry does not know, or knows as no access team', async () => {
    const msg = await a301();
    const unknown = await team(anOrg(), [GM_LEIDEN]);
    const res = await messages(unknown).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(JSON.stringify(res.body)).toMatch(/not registered in the partner registry/);
    await x.svc.http.get(`/api/exchange/v1/messages/${msg.id}`).set(auth(unknown)).expect(403);
    await x.svc.http.get('/api/exchange/v1/messages/overdue').set(auth(unknown)).expect(403);

    const notATeam = anOrg();
    await register(notATeam, { accessTeamFor: [] });
    await x.svc.http.get(`/api/exchange/v1/messages/${msg.id}`).set(auth(await team(notATeam, [GM_LEIDEN]))).expect(403);
  });

  it('should let a registered team read only its registered municipalities’ messages, whatever its token claims', async () => {
    const msg = await a301();
    const org = anOrg();
    await register(org);
    const both = await team(org, [GM_LEIDEN, GM_LEIDERDORP]);
    const seen = await x.svc.http.get(`/api/exchange/v1/messages/${msg.id}`).set(auth(both)).expect(200);
    expect(seen.body).toMatchObject({ id: msg.id, municipality: GM_LEIDEN });
    // Its token claims Leiderdorp too, but the registry does not: asking for Leiderdorp finds nothing of it.
    expect((await messages(both, { municipality: GM_LEIDERDORP }).expect(200)).body.items).toEqual([]);
    const onlyLeiderdorp = await messages(await team(org, [GM_LEIDERDORP])).expect(403);
    expect(onlyLeiderdorp.body).toMatchObject({ code: 'OUT_OF_SCOPE', invalidParams: [{ name: 'municipalities', code: 'OUT_OF_SCOPE' }] });
  });

  it('should follow the registry’s changes: a deactivation refuses the team, a move narrows it to its new municipality', async () => {
    const msg = await a301();
    const org = anOrg();
    await register(org);
    const both = await team(org, [GM_LEIDEN, GM_LEIDERDORP]);
    await x.svc.http.get(`/api/exchange/v1/messages/${msg.id}`).set(auth(both)).expect(200);

    await register(org, { active: false, revision: 2 });
    const refused = await x.svc.http.get(`/api/exchange/v1/messages/${msg.id}`).set(auth(both)).expect(403);
    expect(JSON.stringify(refused.body)).toMatch(/deactivated/);

    // Active again, now Leiderdorp's access team: Leiden's message is no longer its to read.
    await register(org, { active: true, accessTeamFor: [GM_LEIDERDORP], revision: 3 });
    await x.svc.http.get(`/api/exchange/v1/messages/${msg.id}`).set(auth(both)).expect(404);
    expect((await messages(both, { assignmentNumber: msg.assignmentNumber }).expect(200)).body.items).toEqual([]);
    await messages(await team(org, [GM_LEIDEN])).expect(403);
  });
});
