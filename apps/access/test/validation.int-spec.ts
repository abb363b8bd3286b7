import { FinancingVariant, Unit } from '@vangnet/contracts';
import { expectSchemaMatchesEntities, TestContext, TestService } from '@vangnet/testing';
import { Client } from 'pg';
import {
  AccessClient,
  actorsFor,
  bsnFor,
  createApplication,
  createPerson,
  inKind,
  LEIDEN,
  LEIDERDORP,
  ProcurementStandIn,
  setToday,
  startAccess,
} from './support/access';

const PROVIDER = '98000001';

describe('access: bad input is a 4xx naming the field, and nothing is half-written', () => {
  let ctx: TestContext;
  let svc: TestService;
  let procurement: ProcurementStandIn;
  let caseworker: AccessClient;
  let decider: AccessClient;
  let db: Client;
  // Each test records its own person and application, so it runs alone and counts only its own rows.
  let seed = 300;

  const count = async (table: string, where: string, value: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM access.${table} WHERE ${where} = $1`, [value])).rows[0].n);
  const provisionEvents = async (personId: string) =>
    Number(
      (
        await db.query(
          `SELECT count(*) AS n FROM access.outbox WHERE subject IN ('access.provision.granted.v1', 'access.decision.issued.v1') AND envelope->'data'->>'personId' = $1`,
          [personId],
        )
      ).rows[0].n,
    );

  async function aCase(): Promise<{ bsn: string; personId: string; applicationId: string }> {
    const bsn = bsnFor(++seed);
    const personId = await createPerson(caseworker, { bsn });
    return { bsn, personId, applicationId: await createApplication(caseworker, personId) };
  }

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startAccess(ctx);
    setToday(svc, '2026-11-23');
    procurement = await new ProcurementStandIn(ctx).start();
    procurement.contract(PROVIDER, LEIDEN, '02');
    const actors = await actorsFor(ctx);
    caseworker = new AccessClient(svc, actors.caseworker);
    decider = new AccessClient(svc, actors.decisionMaker);
    db = new Client({ connectionString: ctx.db.url });
    await db.connect();
  });

  afterAll(async () => {
    await procurement.stop();
    await db.end();
    await ctx.close();
  });

  it('should have entities that match its migrated schema', () => expectSchemaMatchesEntities(svc));

  const problemOf = (res: { status: number; body: { code: string; invalidParams?: Array<{ name: string; code: string }> } }) => ({
    status: res.status,
    code: res.body.code,
    fields: (res.body.invalidParams ?? []).map((p) => `${p.name} ${p.code}`),
  });

  it('should refuse a BSN that fails the eleven-proof', async () => {
    const res = await caseworker.post('/persons', { bsn: '123456789', familyName: 'X', municipality: LEIDEN });
    expect(problemOf(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: ['bsn INVALID_BSN'] });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    await caseworker.get('/persons?bsn=123456789').expect(400);
    await expect(count('person', 'bsn', '123456789')).resolves.toBe(0);
  });

  it('should keep one person per BSN across the region', async () => {
    const { bsn, personId } = await aCase();
    const res = await caseworker.post('/persons', { bsn, familyName: 'Again', municipality: LEIDEN });
    expect(problemOf(res)).toEqual({ status: 409, code: 'PERSON_ALREADY_EXISTS', fields: ['bsn PERSON_ALREADY_EXISTS'] });
    expect(res.body.detail).toContain(personId);
    // Another municipality learns nothing (ADR 0051): the BSN links silently to the one person, with its own record; only its own duplicate is 409.
    const elsewhere = new AccessClient(svc, (await actorsFor(ctx, [LEIDERDORP])).caseworker);
    const foreign = await elsewhere.post('/persons', { bsn, familyName: 'Again', municipality: LEIDERDORP }).expect(201);
    expect(foreign.body).toMatchObject({ id: personId, municipality: LEIDERDORP, familyName: 'Again' });
    await expect(count('person', 'bsn', bsn)).resolves.toBe(1);
    const again = await elsewhere.post('/persons', { bsn, familyName: 'Again', municipality: LEIDERDORP });
    expect(problemOf(again)).toEqual({ status: 409, code: 'PERSON_ALREADY_EXISTS', fields: ['bsn PERSON_ALREADY_EXISTS'] });
  });

  it('should refuse a period that ends before it starts', async () => {
    const { applicationId } = await aCase();
    const res = await decider.post('/decisions', { applicationId, provisions: [inKind(PROVIDER, '02', { period: { start: '2026-12-01', end: '2026-11-30' } })] });
    expect(problemOf(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: ['provisions[0].period.end END_BEFORE_START'] });
  });

  it('should refuse a per-week volume without an end date', async () => {
    const { applicationId } = await aCase();
    const res = await decider.post('/decisions', { applicationId, provisions: [inKind(PROVIDER, '02', { period: { start: '2026-12-01' } })] });
    expect(problemOf(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: ['provisions[0].period.end END_DATE_REQUIRED'] });
  });

  it('should refuse an unknown product category', async () => {
    const { applicationId } = await aCase();
    const res = await decider.post('/decisions', { applicationId, provisions: [inKind(PROVIDER, '99')] });
    expect(problemOf(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: ['provisions[0].product.category UNKNOWN_VALUE'] });
    const wrongLaw = await decider.post('/decisions', { applicationId, provisions: [inKind(PROVIDER, '45')] });
    expect(problemOf(wrongLaw)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: ['provisions[0].product.category CATEGORY_NOT_IN_LAW'] });
  });

  it('should refuse deciding without an application', async () => {
    const none = await decider.post('/decisions', { provisions: [inKind(PROVIDER)] });
    expect(problemOf(none)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: ['applicationId REQUIRED'] });
    const unknown = await decider.post('/decisions', { applicationId: '0b8a3d1e-5a4f-4f3e-9d1c-2b3a4c5d6e7f', provisions: [inKind(PROVIDER)] });
    expect(problemOf(unknown)).toEqual({ status: 422, code: 'APPLICATION_NOT_FOUND', fields: ['applicationId APPLICATION_NOT_FOUND'] });
  });

  it('should name each field of an incomplete in-kind or budget provision, and unknown fields', async () => {
    const { applicationId } = await aCase();
    const res = await decider.post('/decisions', {
      applicationId,
      provisions: [inKind(PROVIDER, '02', { providerAgb: undefined }), { product: { category: '10' }, deliveryForm: 'IN_KIND', providerAgb: PROVIDER, period: { start: '2026-12-01' } }],
      extra: true,
    });
    expect(res.status).toBe(400);
    expect(problemOf(res).fields).toEqual(['extra UNKNOWN_FIELD']);
    const missing = await decider.post('/decisions', {
      applicationId,
      provisions: [inKind(PROVIDER, '02', { providerAgb: undefined }), { product: { category: '10' }, deliveryForm: 'IN_KIND', providerAgb: PROVIDER, period: { start: '2026-12-01' } }],
    });
    expect(problemOf(missing).fields).toEqual(['provisions[0].providerAgb REQUIRED', 'provisions[1].budgetCents BUDGET_REQUIRED']);
  });

  it('should refuse a volume in a unit the contract does not price', async () => {
    const { applicationId } = await aCase();
    const res = await decider.post('/decisions', { applicationId, provisions: [inKind(PROVIDER, '02', { volume: { amount: 2, unit: 'DAY_PART', frequency: 'PER_WEEK' } })] });
    expect(problemOf(res)).toEqual({ status: 422, code: 'UNIT_NOT_CONTRACTED', fields: ['provisions[0].volume.unit UNIT_NOT_CONTRACTED'] });
  });

  it('should refuse a per-day frequency for etmaal, dagdeel, euro or effort-based pieces (iWmo CS343), writing nothing', async () => {
    const { personId, applicationId } = await aCase();
    procurement.contract('98000011', LEIDEN, '05', { unit: Unit.DAY, tariffCents: 9_000 });
    procurement.contract('98000012', LEIDEN, '07', { unit: Unit.PIECE, variant: FinancingVariant.EFFORT, tariffCents: 1_500 });
    procurement.contract('98000013', LEIDEN, '06', { unit: Unit.PIECE, variant: FinancingVariant.OUTPUT, tariffCents: 1_500 });
    const perDay = await decider.post('/decisions', {
      applicationId,
      provisions: [
        inKind(PROVIDER, '02'),
        inKind('98000011', '05', { volume: { amount: 1, unit: 'DAY', frequency: 'PER_DAY' } }),
        { product: { category: '02' }, deliveryForm: 'PGB', budgetCents: 100_000, volume: { amount: 2, unit: 'DAY_PART', frequency: 'PER_DAY' }, period: { start: '2026-12-01' } },
      ],
    });
    expect(problemOf(perDay)).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: ['provisions[1].volume.frequency FREQUENCY_NOT_ALLOWED', 'provisions[2].period.end END_DATE_REQUIRED', 'provisions[2].volume.frequency FREQUENCY_NOT_ALLOWED'],
    });
    const effortPieces = await decider.post('/decisions', { applicationId, provisions: [inKind('98000012', '07', { volume: { amount: 1, unit: 'PIECE', frequency: 'PER_DAY' } })] });
    expect(problemOf(effortPieces).fields).toEqual(['provisions[0].volume.frequency FREQUENCY_NOT_ALLOWED']);
    await expect(count('decision', 'person_id', personId)).resolves.toBe(0);
    await expect(provisionEvents(personId)).resolves.toBe(0);
    // An output-based piece is code 82: CS343 does not govern it.
    const output = await decider.post('/decisions', { applicationId, provisions: [inKind('98000013', '06', { volume: { amount: 1, unit: 'PIECE', frequency: 'PER_DAY' } })] });
    expect(output.status).toBe(201);
  });

  it('should have written nothing for any refused decision', async () => {
    const { personId, applicationId } = await aCase();
    const refused = [
      inKind(PROVIDER, '02', { period: { start: '2026-12-01', end: '2026-11-30' } }),
      inKind(PROVIDER, '02', { period: { start: '2026-12-01' } }),
      inKind(PROVIDER, '45'),
      inKind(PROVIDER, '02', { volume: { amount: 2, unit: 'DAY_PART', frequency: 'PER_WEEK' } }),
      inKind('98000009'),
    ];
    const statuses = [];
    for (const provision of refused) statuses.push((await decider.post('/decisions', { applicationId, provisions: [provision] })).status);
    expect(statuses).toEqual([400, 400, 400, 422, 422]);
    await expect(count('decision', 'person_id', personId)).resolves.toBe(0);
    await expect(count('provision', 'person_id', personId)).resolves.toBe(0);
    await expect(count('provision_lineage', 'person_id', personId)).resolves.toBe(0);
    await expect(provisionEvents(personId)).resolves.toBe(0);
    await expect(caseworker.get(`/applications/${applicationId}`).then((r) => r.body.status)).resolves.toBe('OPEN');
  });

  it('should refuse investigations out of the fixed order and unknown life domains', async () => {
    const { personId } = await aCase();
    const reg = await caseworker.post('/registrations', { personId, receivingMunicipality: LEIDEN, source: 'RESIDENT', channel: 'DESK', canAskForHelp: true }).expect(201);
    const res = await caseworker.post(`/registrations/${reg.body.id}/investigation`, {
      scores: [{ domain: 'ASTROLOGY', score: 3 }, { domain: 'FINANCES', score: 6 }],
      considered: [{ option: 'OWN_NETWORK', sufficient: false }],
      clientSupportOffered: true,
    });
    expect(problemOf(res)).toEqual({ status: 400, code: 'VALIDATION_FAILED', fields: ['scores[1].score MAX'] });
    const order = await caseworker.post(`/registrations/${reg.body.id}/investigation`, {
      scores: [{ domain: 'ASTROLOGY', score: 3 }],
      considered: [{ option: 'OWN_NETWORK', sufficient: false }, { option: 'TAILORED_PROVISION', sufficient: true }],
      clientSupportOffered: true,
    });
    expect(problemOf(order)).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: ['scores[0].domain UNKNOWN_LIFE_DOMAIN', 'considered[1].option CONSIDERED_OUT_OF_ORDER'],
    });
    await expect(count('investigation', 'registration_id', reg.body.id)).resolves.toBe(0);
  });

  it('should refuse dates in the future, malformed ids and malformed JSON', async () => {
    const { personId } = await aCase();
    const future = await caseworker.post('/registrations', { personId, receivingMunicipality: LEIDEN, source: 'RESIDENT', channel: 'DESK', canAskForHelp: true, receivedAt: '2026-11-24' });
    expect(problemOf(future)).toEqual({ status: 400, code: 'DATE_IN_FUTURE', fields: ['receivedAt DATE_IN_FUTURE'] });
    const badId = await caseworker.get('/registrations/not-a-uuid');
    expect(problemOf(badId)).toEqual({ status: 400, code: 'INVALID_UUID', fields: ['id INVALID_UUID'] });
    const badJson = await svc.http
      .post('/api/access/v1/registrations')
      .set('Authorization', `Bearer ${caseworker.token}`)
      .set('Content-Type', 'application/json')
      .send('{"receivingMunicipality": ');
    expect(badJson.status).toBe(400);
    expect(badJson.body.code).toBe('INVALID_JSON');
  });

  it('should refuse a birth date after today on a new or changed person, writing nothing', async () => {
    const bsn = bsnFor(++seed);
    const born = await caseworker.post('/persons', { bsn, familyName: 'Later', birthDate: '2026-11-24', municipality: LEIDEN });
    expect(problemOf(born)).toEqual({ status: 400, code: 'DATE_IN_FUTURE', fields: ['birthDate DATE_IN_FUTURE'] });
    await expect(count('person', 'bsn', bsn)).resolves.toBe(0);
    // Today itself is a birth date (a newborn).
    const today = await caseworker.post('/persons', { bsn, familyName: 'Today', birthDate: '2026-11-23', municipality: LEIDEN }).expect(201);
    const changed = await caseworker.patch(`/persons/${today.body.id}`, { birthDate: '2027-01-01' }, { 'If-Match': today.headers.etag });
    expect(problemOf(changed)).toEqual({ status: 400, code: 'DATE_IN_FUTURE', fields: ['birthDate DATE_IN_FUTURE'] });
    const after = await caseworker.get(`/persons/${today.body.id}`).expect(200);
    expect(after.body.birthDate).toBe('2026-11-23');
    expect(after.headers.etag).toBe(today.headers.etag);
  });

  it('should refuse acting for a municipality outside the token', async () => {
    const { personId } = await aCase();
    const res = await caseworker.post('/registrations', { personId, receivingMunicipality: LEIDERDORP, source: 'RESIDENT', channel: 'DESK', canAskForHelp: true });
    expect(problemOf(res)).toEqual({ status: 403, code: 'OUT_OF_SCOPE', fields: ['receivingMunicipality OUT_OF_SCOPE'] });
  });

  it('should decide an application once when two decisions race for it', async () => {
    const { personId, applicationId } = await aCase();
    const body = { applicationId, provisions: [inKind(PROVIDER)] };
    const results = await Promise.all([decider.post('/decisions', body), decider.post('/decisions', body), decider.post('/decisions', body)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(results.find((r) => r.status === 409)?.body.code).toBe('APPLICATION_ALREADY_DECIDED');
    await expect(count('decision', 'person_id', personId)).resolves.toBe(1);
    await expect(count('provision', 'person_id', personId)).resolves.toBe(1);
    await expect(provisionEvents(personId)).resolves.toBe(2); // decision.issued + provision.granted
  });

  it('should decide a rejection without provisions granted or events for them', async () => {
    const { personId, applicationId } = await aCase();
    const res = await decider
      .post('/decisions', { applicationId, provisions: [{ outcome: 'REJECTED', product: { category: '02' }, reason: 'the general provision suffices' }] })
      .expect(201);
    expect(res.body).toMatchObject({ outcome: 'REJECTED', provisions: [], rejected: [{ product: { category: '02' }, reason: 'the general provision suffices' }] });
    await expect(count('provision', 'person_id', personId)).resolves.toBe(0);
    await expect(provisionEvents(personId)).resolves.toBe(1); // decision.issued only
    const detail = await decider.get(`/decisions/${res.body.id}`).expect(200);
    expect(detail.body.rejected).toEqual(res.body.rejected);
  });
});
