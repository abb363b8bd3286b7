import { IdentityPurpose, PERSON_IDENTITY_GET, PERSON_SAFETY_FLAG_CHANGED_V1, PersonIdentityReply, PersonSafetyFlagChangedV1 } from '@vangnet/contracts';
import { TestContext, TestService } from '@vangnet/testing';
import { AccessClient, actorsFor, ask, bsnFor, LEIDEN, LEIDERDORP, OEGSTGEEST, startAccess } from './support/access';

/**
 * Issue 13, O2 (ADR 0051): one regional person registry for identity only. A municipality sees
 * what it knows of a person, never another's name or flag, nor that another knows them.
 */
describe('access: one regional person registry, identity only', () => {
  let ctx: TestContext;
  let svc: TestService;
  let a: AccessClient;
  let b: AccessClient;
  let auditorA: AccessClient;
  let auditorB: AccessClient;
  let seed = 7000;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startAccess(ctx);
    const actorsA = await actorsFor(ctx, [LEIDEN]);
    const actorsB = await actorsFor(ctx, [LEIDERDORP]);
    a = new AccessClient(svc, actorsA.caseworker);
    b = new AccessClient(svc, actorsB.caseworker);
    auditorA = new AccessClient(svc, actorsA.auditor);
    auditorB = new AccessClient(svc, actorsB.auditor);
  });

  afterAll(() => ctx.close());

  const personLog = async (auditor: AccessClient, bsn: string) =>
    (await auditor.get(`/processing-log?bsn=${bsn}`).expect(200)).body.items.filter((i: { resource: string }) => i.resource === 'person') as Array<{
      action: string;
      municipality: string;
    }>;

  /** Everything B can see of a person, as one string: A's name and the other municipality's code must be in none of it. */
  const everythingBSees = async (id: string, bsn: string) => {
    const got = await b.get(`/persons/${id}`).expect(200);
    const searched = await b.post('/persons/search', { bsn }).expect(200);
    const legacy = await b.get(`/persons?bsn=${bsn}`).expect(200);
    return { got: got.body, text: JSON.stringify([got.body, searched.body, legacy.body]), searched: searched.body, legacy: legacy.body };
  };

  it('should link a BSN known elsewhere silently, answer with the caller’s own view, and 409 only on its own duplicate', async () => {
    const bsn = bsnFor(++seed);
    const flags = await ctx.probe<PersonSafetyFlagChangedV1>(PERSON_SAFETY_FLAG_CHANGED_V1);
    const created = await a
      .post('/persons', { bsn, givenName: 'Anna', familyName: 'Vermeulen', birthDate: '1990-02-03', brpMunicipality: LEIDEN, safetyFlag: true, municipality: LEIDEN })
      .expect(201);
    expect(created.body).toMatchObject({ municipality: LEIDEN, familyName: 'Vermeulen', safetyFlag: true, outboundBlocked: true });
    expect(created.body).not.toHaveProperty('municipalities');
    const id = created.body.id;
    await flags.next((e) => e.data.personId === id && e.data.safetyFlag);

    // B records the same BSN: 201, as for a person nobody knew, with B's own facts only.
    const linked = await b.post('/persons', { bsn, familyName: 'Jansen', municipality: LEIDERDORP }).expect(201);
    const fresh = await b.post('/persons', { bsn: bsnFor(++seed), familyName: 'Jansen', municipality: LEIDERDORP }).expect(201);
    expect(Object.keys(linked.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(linked.headers['location']).toBe(`/api/access/v1/persons/${id}`);
    expect(linked.body).toEqual({
      id,
      bsn,
      municipality: LEIDERDORP,
      givenName: null,
      familyName: 'Jansen',
      birthDate: null,
      brpMunicipality: null,
      originMunicipality: null,
      residence: null,
      safetyFlag: false,
      // A's flag shows to B only as this.
      outboundBlocked: true,
      households: [],
      version: 1,
    });
    // B's own record did not raise a second announcement: outbound was blocked already.
    expect(flags.matching((e) => e.data.personId === id)).toHaveLength(1);

    // Again: B's own duplicate, the only 409.
    const again = await b.post('/persons', { bsn, familyName: 'Jansen', municipality: LEIDERDORP }).expect(409);
    expect(again.body.code).toBe('PERSON_ALREADY_EXISTS');
    expect(again.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['bsn']);
    expect(JSON.stringify(again.body)).not.toContain(LEIDEN);
    // A's duplicate likewise, and A's view is untouched by B's record.
    await a.post('/persons', { bsn, familyName: 'Vermeulen', municipality: LEIDEN }).expect(409);
    const aView = await a.get(`/persons/${id}`).expect(200);
    expect(aView.body).toMatchObject({ municipality: LEIDEN, givenName: 'Anna', familyName: 'Vermeulen', safetyFlag: true, brpMunicipality: LEIDEN });

    // B's reads: never A's name, A's flag or a list of municipalities, by id, by search, by the deprecated GET.
    const seen = await everythingBSees(id, bsn);
    expect(seen.got).toMatchObject({ municipality: LEIDERDORP, familyName: 'Jansen', givenName: null, safetyFlag: false, outboundBlocked: true });
    expect(seen.searched.items).toEqual([seen.got]);
    expect(seen.legacy).toEqual(seen.searched);
    expect(seen.text).not.toContain('Vermeulen');
    expect(seen.text).not.toContain('Anna');
    expect(seen.text).not.toContain(LEIDEN);
    expect(seen.text).not.toContain('municipalities');

    // B changes its own record: A's stays as it was.
    const etag = (await b.get(`/persons/${id}`).expect(200)).headers['etag'];
    await b.patch(`/persons/${id}`, { givenName: 'Jan' }, { 'If-Match': etag }).expect(200);
    await expect(a.get(`/persons/${id}`).expect(200)).resolves.toMatchObject({ body: { givenName: 'Anna', version: 1 } });

    // Each read is logged under the reader's own municipality, and each auditor sees only its own.
    const logA = await personLog(auditorA, bsn);
    const logB = await personLog(auditorB, bsn);
    expect(logA.length).toBeGreaterThan(0);
    expect(logB.length).toBeGreaterThan(0);
    expect(new Set(logA.map((r) => r.municipality))).toEqual(new Set([LEIDEN]));
    expect(new Set(logB.map((r) => r.municipality))).toEqual(new Set([LEIDERDORP]));
    // A: create, two GETs; B: create, GET×2 (one for the ETag), search, legacy GET, update.
    expect(logA.map((r) => r.action).sort()).toEqual(['CREATE', 'READ', 'READ']);
    expect(logB.map((r) => r.action).sort()).toEqual(['CREATE', 'READ', 'READ', 'READ', 'READ', 'UPDATE']);
  });

  it('should tell a third municipality nothing about a BSN it does not know, and its record of the flag only as outbound blocked', async () => {
    const bsn = bsnFor(++seed);
    const id = (await a.post('/persons', { bsn, familyName: 'Vermeulen', safetyFlag: true, municipality: LEIDEN }).expect(201)).body.id;
    const c = new AccessClient(svc, (await actorsFor(ctx, [OEGSTGEEST])).caseworker);
    await expect(c.post('/persons/search', { bsn }).expect(200)).resolves.toMatchObject({ body: { items: [] } });
    await c.get(`/persons/${id}`).expect(404);
    // The identity for a message of C: not known to C, whoever else knows them.
    const asked = await ask<PersonIdentityReply>(ctx, PERSON_IDENTITY_GET, { personId: id, municipality: OEGSTGEEST, purpose: IdentityPurpose.ISTANDAARD_MESSAGE }, 'exchange');
    expect(asked.error?.code).toBe('PERSON_NOT_FOUND');

    await c.post('/persons', { bsn, familyName: 'Bakker', municipality: OEGSTGEEST }).expect(201);
    const reply = await ask<PersonIdentityReply>(ctx, PERSON_IDENTITY_GET, { personId: id, municipality: OEGSTGEEST, purpose: IdentityPurpose.ISTANDAARD_MESSAGE }, 'exchange');
    // C's name, and outbound blocked because of A's flag (the reply's safetyFlag blocks partner messages).
    expect(reply.reply).toMatchObject({ bsn, name: { familyName: { name: 'Bakker' } }, safetyFlag: true });
    expect(JSON.stringify(reply.reply)).not.toContain('Vermeulen');
  });

  it('should show a household only to its own municipality and accept only members that municipality knows', async () => {
    const bsn = bsnFor(++seed);
    const id = (await a.post('/persons', { bsn, familyName: 'Vermeulen', municipality: LEIDEN }).expect(201)).body.id;
    const household = await a.post('/households', { municipality: LEIDEN, members: [{ personId: id, role: 'APPLICANT' }] }).expect(201);
    // B does not know the person yet: a household of B cannot name them.
    const refused = await b.post('/households', { municipality: LEIDERDORP, members: [{ personId: id, role: 'APPLICANT' }] }).expect(422);
    expect(refused.body.invalidParams.map((p: { name: string; code: string }) => `${p.name} ${p.code}`)).toEqual(['members[0].personId PERSON_NOT_FOUND']);
    await b.post('/persons', { bsn, familyName: 'Jansen', municipality: LEIDERDORP }).expect(201);
    const view = await b.get(`/persons/${id}`).expect(200);
    expect(view.body.households).toEqual([]);
    await b.get(`/households/${household.body.id}`).expect(404);
    await expect(a.get(`/persons/${id}`).expect(200)).resolves.toMatchObject({ body: { households: [{ householdId: household.body.id, role: 'APPLICANT' }] } });
  });
  it('should let a caller of several municipalities choose whose record it reads, and start a case in another from its own facts', async () => {
    const both = new AccessClient(svc, (await actorsFor(ctx, [LEIDEN, LEIDERDORP])).caseworker);
    const bsn = bsnFor(++seed);
    const id = (await both.post('/persons', { bsn, givenName: 'Anna', familyName: 'Vermeulen', safetyFlag: true, municipality: LEIDEN }).expect(201)).body.id;
    // Leiderdorp does not know them yet: asking for its record is 404, the default is Leiden's.
    await both.get(`/persons/${id}?municipality=${LEIDERDORP}`).expect(404);
    await expect(both.post('/persons/search', { bsn }).expect(200)).resolves.toMatchObject({ body: { items: [{ municipality: LEIDEN, familyName: 'Vermeulen' }] } });
    // A case in Leiderdorp for the person by id: Leiderdorp's record starts from Leiden's facts, not its flag.
    await both.post('/applications', { personId: id, municipality: LEIDERDORP, law: 'WMO' }).expect(201);
    const leiderdorp = await both.get(`/persons/${id}?municipality=${LEIDERDORP}`).expect(200);
    expect(leiderdorp.body).toMatchObject({ municipality: LEIDERDORP, givenName: 'Anna', familyName: 'Vermeulen', safetyFlag: false, outboundBlocked: true });
    await expect(both.post('/persons/search', { bsn, municipality: LEIDERDORP }).expect(200)).resolves.toMatchObject({ body: { items: [{ municipality: LEIDERDORP }] } });
    await both.get(`/persons/${id}?municipality=GM9999`).expect(404);
    await both.get(`/persons/${id}?municipality=nope`).expect(400);
  });

  it('should take a case by a BSN nobody knows as readily as one known elsewhere, each starting the municipality’s own record', async () => {
    const known = bsnFor(++seed);
    await a.post('/persons', { bsn: known, familyName: 'Vermeulen', municipality: LEIDEN }).expect(201);
    const unknown = bsnFor(++seed);
    const apps = await Promise.all([known, unknown].map((bsn) => b.post('/applications', { personBsn: bsn, municipality: LEIDERDORP, law: 'WMO' })));
    expect(apps.map((r) => r.status)).toEqual([201, 201]);
    for (const bsn of [known, unknown]) {
      const [view] = (await b.post('/persons/search', { bsn }).expect(200)).body.items;
      expect(view).toMatchObject({ municipality: LEIDERDORP, familyName: null, givenName: null, outboundBlocked: false });
    }
  });
});
