import {
  HOUSEHOLD_CHANGED_V1,
  HouseholdChangedV1,
  LIFE_DOMAIN_CHANGED_V1,
  LifeDomainChangedV1,
  PERSON_COMING_OF_AGE_V1,
  PersonComingOfAgeV1,
  PROVISION_CHANGED_V1,
  PROVISION_ENDED_V1,
  PROVISION_GRANTED_V1,
  ProvisionChangedV1,
  ProvisionEndedV1,
  ProvisionGrantedV1,
  Role,
} from '@vangnet/contracts';
import { etagOf } from '@vangnet/platform';
import { EventProbe, sleep, TestContext, TestService } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { Client } from 'pg';
import { ComingOfAgeService } from '../src/coming-of-age/coming-of-age.service';
import { LifeDomainsService } from '../src/life-domains/life-domains.service';
import { PersonsService } from '../src/persons/persons.service';
import { AccessClient, actorsFor, bsnFor, createApplication, createPerson, inKind, LEIDEN, LEIDERDORP, ProcurementStandIn, REGION, setToday, startAccess } from './support/access';

/** Access's new events (issue 11), each through the outbox to JetStream, read back by a probe. */
describe('access: the wave-2 events it publishes', () => {
  let ctx: TestContext;
  let svc: TestService;
  let procurement: ProcurementStandIn;
  let caseworker: AccessClient;
  let decider: AccessClient;
  let db: Client;
  let seed = 700;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startAccess(ctx);
    procurement = await new ProcurementStandIn(ctx).start();
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

  const aPerson = (over: { birthDate?: string; municipality?: string } = {}) =>
    createPerson(caseworker, { bsn: bsnFor(++seed), brpMunicipality: over.municipality ?? LEIDEN }).then(async (id) => {
      if (over.birthDate) {
        const current = await caseworker.get(`/persons/${id}`).expect(200);
        await caseworker.patch(`/persons/${id}`, { birthDate: over.birthDate }, { 'If-Match': current.headers.etag }).expect(200);
      }
      return id;
    });

  const ofType = <T>(probe: EventProbe<T>, match: (e: T) => boolean) => probe.events.filter((e) => match(e.data));

  it('should number lineages per paying municipality, once each under concurrency, and carry the number on every version', async () => {
    setToday(svc, '2026-11-23');
    const granted = await ctx.probe<ProvisionGrantedV1>(PROVISION_GRANTED_V1);
    const agb = '98700001';
    procurement.contract(agb, LEIDEN, '02');
    const apps: string[] = [];
    for (let i = 0; i < 6; i++) apps.push(await createApplication(caseworker, await aPerson()));
    const decided = await Promise.all(apps.map((applicationId) => decider.post('/decisions', { applicationId, provisions: [inKind(agb)] })));
    expect(decided.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const lineages = decided.map((r) => r.body.provisions[0].lineageId as string);
    const events = await Promise.all(lineages.map((lid) => granted.next((e) => e.data.lineageId === lid)));
    const numbers = events.map((e) => e.data.assignmentNumber);
    expect(new Set(numbers).size).toBe(6);
    expect(numbers.every((n) => Number.isInteger(n) && (n ?? 0) >= 1)).toBe(true);
    expect(decided.map((r) => r.body.provisions[0].assignmentNumber).sort()).toEqual([...numbers].sort());

    // A change and the end carry the lineage's number.
    const changed = await ctx.probe<ProvisionChangedV1>(PROVISION_CHANGED_V1);
    const ended = await ctx.probe<ProvisionEndedV1>(PROVISION_ENDED_V1);
    const v2 = await decider.post(`/provisions/${lineages[0]}/changes`, { validFrom: '2027-02-01', volume: { amount: 5, unit: 'HOUR', frequency: 'PER_WEEK' } }).expect(201);
    await expect(changed.next((e) => e.data.provisionId === v2.body.provisionId)).resolves.toMatchObject({ data: { assignmentNumber: numbers[0], version: 2 } });
    await decider.post(`/provisions/${lineages[0]}/end`, { endDate: '2027-03-31', reason: 'ENDED_BY_CLIENT' }).expect(200);
    await expect(ended.next((e) => e.data.lineageId === lineages[0])).resolves.toMatchObject({ data: { assignmentNumber: numbers[0] } });
    const view = await decider.get(`/provisions/${lineages[0]}`).expect(200);
    expect(view.body).toMatchObject({ assignmentNumber: numbers[0], versions: [{ assignmentNumber: numbers[0] }, { assignmentNumber: numbers[0] }] });
  });

  it('should publish the whole household on every change of its members, roles and dates, with a rising version', async () => {
    setToday(svc, '2026-11-23');
    const probe = await ctx.probe<HouseholdChangedV1>(HOUSEHOLD_CHANGED_V1);
    const parent = await aPerson();
    const child = await aPerson({ birthDate: '2012-04-02' });
    const created = await caseworker.post('/households', { municipality: LEIDEN, members: [{ personId: parent, role: 'APPLICANT', from: '2026-01-01' }] }).expect(201);
    const householdId = created.body.id;
    await caseworker.post(`/households/${householdId}/members`, { personId: child, role: 'CHILD' }).expect(200);
    const current = await caseworker.get(`/households/${householdId}`).expect(200);
    await caseworker.patch(`/households/${householdId}/members/${parent}`, { role: 'PARENT' }, { 'If-Match': `"${current.body.version}"` }).expect(200);
    await caseworker.patch(`/households/${householdId}/members/${child}`, { to: '2026-11-30' }).expect(200);
    await caseworker.patch(`/households/${householdId}/members/${child}`, { to: '2025-01-01' }).expect(400);
    await caseworker.patch(`/households/${householdId}/members/${child}`, { to: '2026-11-30' }).expect(422);

    const last = await probe.next((e) => e.data.householdId === householdId && e.data.version === 5);
    expect(last.municipality).toBe(LEIDEN);
    expect(last.data.members).toEqual([
      { personId: parent, personPseudonym: expect.stringMatching(/^[0-9a-f]{64}$/), role: 'PARENT', from: '2026-01-01' },
      { personId: child, personPseudonym: expect.stringMatching(/^[0-9a-f]{64}$/), role: 'CHILD', from: '2026-11-23', to: '2026-11-30', minorOn: '2030-04-02' },
    ]);
    expect(JSON.stringify(last)).not.toContain('Jansen');
    await sleep(200);
    // Created with its first members (version 2), a member added, a role changed, a membership ended.
    expect(ofType(probe, (d) => d.householdId === householdId).map((e) => e.data.version)).toEqual([2, 3, 4, 5]);
  });

  it('should announce every household once when first deployed, however often the backfill runs', async () => {
    const probe = await ctx.probe<HouseholdChangedV1>(HOUSEHOLD_CHANGED_V1);
    const member = await aPerson();
    // A household from before the event existed: never announced.
    const householdId = randomUUID();
    await db.query(`INSERT INTO access.household (id, municipality, version) VALUES ($1, 'GM0546', 3)`, [householdId]);
    await db.query(`INSERT INTO access.household_member (household_id, person_id, role, from_date) VALUES ($1, $2, 'APPLICANT', '2024-05-01')`, [householdId, member]);
    const persons = svc.app.get(PersonsService);
    await expect(persons.announceUnannounced()).resolves.toBeGreaterThanOrEqual(1);
    await expect(persons.announceUnannounced()).resolves.toBe(0);
    await expect(probe.next((e) => e.data.householdId === householdId)).resolves.toMatchObject({ data: { version: 3, members: [{ personId: member, from: '2024-05-01' }] } });
    await sleep(200);
    expect(ofType(probe, (d) => d.householdId === householdId)).toHaveLength(1);
  });

  it('should publish the region’s life domains once at first start, and every change by a region administrator with If-Match and an audit record', async () => {
    const probe = await ctx.probe<LifeDomainChangedV1>(LIFE_DOMAIN_CHANGED_V1);
    // The set that existed before the event: announced at start, once.
    const seeded = await probe.next((e) => e.data.code === 'RECOVERY_STABLE_HOUSING');
    expect(seeded).toMatchObject({ municipality: null, data: { scaleMin: 1, scaleMax: 5, active: true, revision: 1, framework: 'RECOVERY' } });
    await expect(svc.app.get(LifeDomainsService).announceUnannounced()).resolves.toBe(0);
    expect(ofType(probe, (d) => d.code === 'FINANCES')).toHaveLength(1);

    const admin = new AccessClient(svc, await ctx.token({ sub: 'ra-1', org: LEIDEN, roles: [Role.REGION_ADMINISTRATOR], municipalities: REGION }));
    const partial = new AccessClient(svc, await ctx.token({ sub: 'ra-2', org: LEIDEN, roles: [Role.REGION_ADMINISTRATOR], municipalities: [LEIDEN, LEIDERDORP] }));
    const body = { label: 'Financiën en schulden', active: true };
    await decider.put('/life-domains/FINANCES', body).expect(403);
    const scope = await partial.put('/life-domains/FINANCES', body).expect(403);
    expect(scope.body.code).toBe('OUT_OF_SCOPE');
    await admin.put('/life-domains/FINANCES', body, { 'If-Match': '"7"' }).expect(412);
    const changed = await admin.put('/life-domains/FINANCES', body, { 'If-Match': '"1"' }).expect(200);
    expect(changed.body).toMatchObject({ code: 'FINANCES', label: 'Financiën en schulden', revision: 2 });
    expect(changed.headers.etag).toBe(etagOf(2));
    await expect(probe.next((e) => e.data.code === 'FINANCES' && e.data.revision === 2)).resolves.toMatchObject({ data: { label: 'Financiën en schulden', active: true } });
    const added = await admin.put('/life-domains/LOCAL_LANGUAGE', { label: 'Taal', active: true }, { 'If-None-Match': '*' }).expect(200);
    expect(added.body).toMatchObject({ framework: 'LOCAL', revision: 1, position: 18 });
    await expect(probe.next((e) => e.data.code === 'LOCAL_LANGUAGE')).resolves.toMatchObject({ data: { revision: 1, position: 18 } });
    const audit = await db.query(`SELECT code, revision, changed_by FROM access.life_domain_revision ORDER BY code, revision`);
    expect(audit.rows).toEqual([
      { code: 'FINANCES', revision: 2, changed_by: `${LEIDEN}/ra-1` },
      { code: 'LOCAL_LANGUAGE', revision: 1, changed_by: `${LEIDEN}/ra-1` },
    ]);
    await admin.put('/life-domains/not-a-code', body).expect(400);
  });

  it('should announce a young person’s coming of age once, at the later of six months before 18 and the first running youth provision', async () => {
    setToday(svc, '2026-11-23');
    const probe = await ctx.probe<PersonComingOfAgeV1>(PERSON_COMING_OF_AGE_V1);
    const youth = await aPerson({ birthDate: '2009-03-10' });
    const app = await createApplication(caseworker, youth, { law: 'JEUGDWET' });
    const grant = await decider
      .post('/decisions', { applicationId: app, provisions: [{ product: { category: '45' }, deliveryForm: 'PGB', budgetCents: 400_000, period: { start: '2026-12-01', end: '2027-12-31' } }] })
      .expect(201);
    const job = svc.app.get(ComingOfAgeService);
    const mine = () => ofType(probe, (d) => d.personId === youth);
    await job.run('2026-11-30');
    await job.run('2026-12-01');
    await job.run('2026-12-02');
    const event = await probe.next((e) => e.data.personId === youth);
    expect(event).toMatchObject({
      municipality: LEIDEN,
      data: { eighteenOn: '2027-03-10', brpMunicipality: LEIDEN, youthProvisionLineageIds: [grant.body.provisions[0].lineageId] },
    });
    await sleep(200);
    expect(mine()).toHaveLength(1);
  });
});
