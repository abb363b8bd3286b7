import { pseudonymize } from '@vangnet/auth';
import { IdentityPurpose, PERSON_IDENTITY_GET, PERSON_RESOLVE, PersonIdentityReply, PersonResolveReply, Role } from '@vangnet/contracts';
import { RpcClient } from '@vangnet/messaging';
import { TEST_PSEUDONYM_KEY, TestContext, TestService } from '@vangnet/testing';
import { AccessClient, actorsFor, ask, bsnFor, createPerson, LEIDEN, LEIDERDORP, startAccess } from './support/access';

describe('access: access.person.identity.get and access.person.resolve', () => {
  let ctx: TestContext;
  let svc: TestService;
  let caseworker: AccessClient;
  let auditor: AccessClient;
  let seed = 600;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startAccess(ctx);
    const actors = await actorsFor(ctx);
    caseworker = new AccessClient(svc, actors.caseworker);
    auditor = new AccessClient(svc, actors.auditor);
  });

  afterAll(() => ctx.close());

  async function aPerson(): Promise<{ bsn: string; personId: string }> {
    const bsn = bsnFor(++seed);
    return { bsn, personId: await createPerson(caseworker, { bsn, familyName: 'de Wit' }) };
  }

  it('should answer the exchange and housing with the identity the municipality holds, and log each answer with the purpose asked', async () => {
    const { bsn, personId } = await aPerson();
    const exchange = await ask<PersonIdentityReply>(ctx, PERSON_IDENTITY_GET, { personId, municipality: LEIDEN, purpose: IdentityPurpose.ISTANDAARD_MESSAGE }, 'exchange');
    expect(exchange.reply).toEqual({ bsn, birthDate: '1980-05-17', sex: 'UNKNOWN', name: { familyName: { name: 'de Wit' }, givenNames: 'Sam', initials: 'S' }, safetyFlag: false });
    const housing = await ask<PersonIdentityReply>(ctx, PERSON_IDENTITY_GET, { personId, municipality: LEIDEN, purpose: IdentityPurpose.HOUSING_NOMINATION }, 'housing');
    expect(housing.reply?.bsn).toBe(bsn);
    const log = await auditor.get(`/processing-log?bsn=${bsn}&action=READ`).expect(200);
    const purposes = log.body.items.filter((i: { resource: string }) => i.resource === 'person').map((i: { purpose: string }) => i.purpose);
    expect(purposes).toHaveLength(2);
    expect(purposes).toEqual(expect.arrayContaining([expect.stringMatching(/iWmo\/iJw message.*\(exchange\)/), expect.stringMatching(/housing corporation.*\(housing\)/)]));
  });

  it('should refuse any caller without the exchange or housing identity, with a code (both ways of asking)', async () => {
    const { personId } = await aPerson();
    const body = { personId, municipality: LEIDEN, purpose: IdentityPurpose.ISTANDAARD_MESSAGE };
    await expect(ask(ctx, PERSON_IDENTITY_GET, body)).resolves.toEqual({ error: expect.objectContaining({ code: 'CALLER_NOT_ALLOWED' }) });
    await expect(ask(ctx, PERSON_IDENTITY_GET, body, 'finance')).resolves.toEqual({ error: expect.objectContaining({ code: 'CALLER_NOT_ALLOWED' }) });
    // A real RpcClient names its own service (here access itself), which is not allowed either.
    await expect(svc.app.get(RpcClient).request(PERSON_IDENTITY_GET, body)).rejects.toMatchObject({ code: 'CALLER_NOT_ALLOWED' });
  });

  it('should answer an unknown person, one the municipality does not know, malformed input or a missing purpose with a code', async () => {
    const { personId } = await aPerson();
    const unknown = await ask(ctx, PERSON_IDENTITY_GET, { personId: '0b8a3d1e-5a4f-4f3e-9d1c-2b3a4c5d6e7f', municipality: LEIDEN, purpose: IdentityPurpose.ISTANDAARD_MESSAGE }, 'exchange');
    expect(unknown.error?.code).toBe('PERSON_NOT_FOUND');
    // Known in Leiden only: Leiderdorp hears the same as for a stranger.
    const elsewhere = await ask(ctx, PERSON_IDENTITY_GET, { personId, municipality: LEIDERDORP, purpose: IdentityPurpose.ISTANDAARD_MESSAGE }, 'exchange');
    expect(elsewhere.error?.code).toBe('PERSON_NOT_FOUND');
    const noPurpose = await ask(ctx, PERSON_IDENTITY_GET, { personId, municipality: LEIDEN }, 'exchange');
    expect(noPurpose.error).toMatchObject({ code: 'VALIDATION_FAILED', invalidParams: [expect.objectContaining({ name: 'purpose' })] });
    const badId = await ask(ctx, PERSON_IDENTITY_GET, { personId: 'nope', municipality: LEIDEN, purpose: IdentityPurpose.ISTANDAARD_MESSAGE }, 'exchange');
    expect(badId.error).toMatchObject({ code: 'VALIDATION_FAILED', invalidParams: [expect.objectContaining({ name: 'personId' })] });
    const badBsn = await ask(ctx, PERSON_RESOLVE, { bsn: '123456789', municipality: LEIDEN }, 'exchange');
    expect(badBsn.error).toMatchObject({ code: 'VALIDATION_FAILED', invalidParams: [expect.objectContaining({ name: 'bsn' })] });
  });

  it('should resolve a BSN for a municipality with the same answer whether it was known elsewhere or not, and again the same on a replay', async () => {
    const known = await aPerson(); // in Leiden
    const stranger = bsnFor(++seed);
    const linked = await ask<PersonResolveReply>(ctx, PERSON_RESOLVE, { bsn: known.bsn, municipality: LEIDERDORP }, 'exchange');
    const created = await ask<PersonResolveReply>(ctx, PERSON_RESOLVE, { bsn: stranger, municipality: LEIDERDORP }, 'exchange');
    // Same shape, nothing else: no "already exists" oracle.
    expect(Object.keys(linked.reply ?? {}).sort()).toEqual(['personId', 'personPseudonym']);
    expect(Object.keys(created.reply ?? {}).sort()).toEqual(['personId', 'personPseudonym']);
    expect(linked.reply).toEqual({ personId: known.personId, personPseudonym: pseudonymize(known.bsn, TEST_PSEUDONYM_KEY) });
    await expect(ask(ctx, PERSON_RESOLVE, { bsn: stranger, municipality: LEIDERDORP }, 'exchange')).resolves.toEqual(created);
    // Leiderdorp may now read both; the created one is known by BSN only.
    const leiderdorp = new AccessClient(svc, await ctx.token({ org: LEIDERDORP, roles: [Role.ACCESS_CASEWORKER], municipalities: [LEIDERDORP] }));
    await leiderdorp.get(`/persons/${known.personId}`).expect(200);
    const fresh = await leiderdorp.get(`/persons/${created.reply?.personId}`).expect(200);
    expect(fresh.body).toMatchObject({ bsn: stranger, familyName: null, municipality: LEIDERDORP });
    expect(fresh.body).not.toHaveProperty('municipalities');
    // Its identity cannot be given until a name is recorded.
    const incomplete = await ask(ctx, PERSON_IDENTITY_GET, { personId: created.reply?.personId, municipality: LEIDERDORP, purpose: IdentityPurpose.ISTANDAARD_MESSAGE }, 'exchange');
    expect(incomplete.error?.code).toBe('IDENTITY_INCOMPLETE');
    await expect(ask(ctx, PERSON_RESOLVE, { bsn: stranger, municipality: LEIDERDORP }, 'access')).resolves.toEqual({ error: expect.objectContaining({ code: 'CALLER_NOT_ALLOWED' }) });
  });
});
