import {
  DeliveryForm,
  EndReason,
  HOUSEHOLD_CHANGED_V1,
  HouseholdChangedV1,
  HouseholdRole,
  PERSON_SAFETY_FLAG_CHANGED_V1,
  PersonSafetyFlagChangedV1,
  PROVISION_CHANGED_V1,
  PROVISION_ENDED_V1,
  PROVISION_GRANTED_V1,
  ProvisionChangedV1,
  ProvisionEndedV1,
  Role,
  WAITLIST_ENTERED_V1,
  WAITLIST_LEFT_V1,
  WaitlistEnteredV1,
  WaitlistLeftV1,
  ProductCategory,
} from '@vangnet/contracts';
import { EventProbe, expectSchemaMatchesEntities } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { aGrant, activeScheme, auth, entry, eventually, GM_LEIDEN, GM_LEIDERDORP, Housing, pseudonym, publishEvent, REGION, startHousing } from './support';

// The waiting list as access's events feed it: through the inbox, once per event, in any order.

describe('the waiting list fed by access', () => {
  let h: Housing;
  let entered: EventProbe<WaitlistEnteredV1>;
  let left: EventProbe<WaitlistLeftV1>;
  const lineageEntries = async (lineageId: string) => {
    const all = [];
    for (const status of ['OPEN', 'PLACED', 'LEFT']) {
      const res = await h.svc.http.get('/api/housing/v1/waitlist').query({ status, limit: 500 }).set(auth(h.officer)).expect(200);
      all.push(...res.body.items.filter((e: { provisionLineageId: string }) => e.provisionLineageId === lineageId));
    }
    const direct = await h.svc.http.get('/api/housing/v1/direct-placements').query({ limit: 500 }).set(auth(h.officer)).expect(200);
    all.push(...direct.body.items.filter((e: { provisionLineageId: string }) => e.provisionLineageId === lineageId));
    return all;
  };
  /** Events are applied in stream order: once a marker is applied, everything before it is too. */
  const settle = async () => {
    const marker = aGrant();
    await publishEvent(h.ctx, PROVISION_GRANTED_V1, marker);
    await eventually(async () => ((await lineageEntries(marker.lineageId)).length ? true : undefined));
  };

  beforeAll(async () => {
    h = await startHousing('2026-11-23');
    await activeScheme(h, [{ factor: 'WAITING_DAYS', weight: 1 }, { factor: 'HOUSEHOLD_WITH_CHILDREN', weight: 50 }]);
    entered = await h.ctx.probe<WaitlistEnteredV1>(WAITLIST_ENTERED_V1);
    left = await h.ctx.probe<WaitlistLeftV1>(WAITLIST_LEFT_V1);
  });

  afterAll(() => h.close());

  it('should migrate exactly to what the entities declare', async () => {
    await expectSchemaMatchesEntities(h.svc);
  });

  it('should put a granted in-kind category-15 provision on the list by itself, once, and publish waitlist.entered', async () => {
    const grant = aGrant({ product: { category: ProductCategory.PROTECTED_HOUSING }, originMunicipality: GM_LEIDERDORP, period: { start: '2026-09-01' } });
    const event = await publishEvent(h.ctx, PROVISION_GRANTED_V1, grant, { municipality: GM_LEIDEN });
    await publishEvent(h.ctx, PROVISION_GRANTED_V1, grant, { id: event.id, municipality: GM_LEIDEN }); // the same event again
    await publishEvent(h.ctx, PROVISION_GRANTED_V1, grant, { municipality: GM_LEIDEN }); // the same version, a new event id
    const [e] = await eventually(async () => ((await lineageEntries(grant.lineageId)).length ? lineageEntries(grant.lineageId) : undefined));
    expect(e).toMatchObject({
      route: 'WAITING_LIST',
      status: 'WAITING',
      personId: grant.personId,
      facilityType: 'INTRAMURAL_PROTECTED_HOUSING',
      municipality: GM_LEIDEN,
      responsibleMunicipality: GM_LEIDEN,
      originMunicipality: GM_LEIDERDORP,
      waitingSince: '2026-09-01',
      enteredOn: '2026-11-23',
    });
    expect(e.ranking).toMatchObject({ factors: { WAITING_DAYS: 83 } });
    await settle();
    expect(await lineageEntries(grant.lineageId)).toHaveLength(1);
    const published = entered.matching((x) => x.data.entryId === e.id);
    expect(published).toHaveLength(1);
    expect(published[0].data).toEqual({ entryId: e.id, personId: grant.personId, personPseudonym: grant.personPseudonym, facilityType: 'INTRAMURAL_PROTECTED_HOUSING', municipality: GM_LEIDEN, responsibleMunicipality: GM_LEIDEN, provisionLineageId: grant.lineageId, enteredOn: '2026-11-23' });
  });

  it('should keep a PGB off the list, and send emergency shelter (17) to direct placement instead of the list', async () => {
    const pgb = aGrant({ deliveryForm: DeliveryForm.PGB, budgetCents: 2_000_000 });
    const emergency = aGrant({ product: { category: ProductCategory.EMERGENCY_SHELTER }, crisis: true });
    await publishEvent(h.ctx, PROVISION_GRANTED_V1, pgb);
    await publishEvent(h.ctx, PROVISION_GRANTED_V1, emergency);
    await settle();
    expect(await lineageEntries(pgb.lineageId)).toEqual([]);
    const [direct] = await lineageEntries(emergency.lineageId);
    expect(direct).toMatchObject({ route: 'DIRECT_PLACEMENT', status: 'WAITING', facilityType: 'CRISIS_SINGLE', crisis: true, ranking: null });
    const open = await h.svc.http.get('/api/housing/v1/waitlist').query({ limit: 500 }).set(auth(h.officer)).expect(200);
    expect(open.body.items.map((x: { id: string }) => x.id)).not.toContain(direct.id);
    expect(entered.matching((x) => x.data.personId === emergency.personId || x.data.personId === pgb.personId)).toEqual([]);
    const explained = await h.svc.http.get(`/api/housing/v1/waitlist/${direct.id}/explanation`).set(auth(h.officer)).expect(409);
    expect(explained.body.code).toBe('NOT_ON_THE_LIST');
  });

  it('should take the facility type from the configured mapping of (category, product code), and follow a change of product', async () => {
    await h.svc.http.put('/api/housing/v1/settings/facility-type-mappings').set(auth(h.officer)).send({ category: ProductCategory.OTHER_PROTECTED_HOUSING_AND_SHELTER, productCode: '18W01', facilityType: 'WOMENS_SHELTER' }).expect(200);
    const grant = aGrant({ product: { category: ProductCategory.OTHER_PROTECTED_HOUSING_AND_SHELTER, code: '18W01' } });
    await publishEvent(h.ctx, PROVISION_GRANTED_V1, grant);
    const [first] = await eventually(async () => ((await lineageEntries(grant.lineageId)).length ? lineageEntries(grant.lineageId) : undefined));
    expect(first.facilityType).toBe('WOMENS_SHELTER');
    const change: ProvisionChangedV1 = { ...grant, provisionId: randomUUID(), version: 2, validFrom: '2026-11-01', product: { category: ProductCategory.OTHER_PROTECTED_HOUSING_AND_SHELTER }, previousProvisionId: grant.provisionId, responsibleMunicipality: GM_LEIDERDORP };
    await publishEvent(h.ctx, PROVISION_CHANGED_V1, change);
    await publishEvent(h.ctx, PROVISION_CHANGED_V1, { ...change, provisionId: randomUUID(), version: 1 }); // an older version arrives late: ignored
    await settle();
    const [after] = await lineageEntries(grant.lineageId);
    expect(after).toMatchObject({ id: first.id, facilityType: 'PROTECTED_HOUSING_LIGHT', responsibleMunicipality: GM_LEIDERDORP, status: 'WAITING' });
  });

  it('should close the entry when the lineage ends or turns into a PGB, with waitlist.left', async () => {
    const ending = aGrant();
    const toPgb = aGrant();
    await publishEvent(h.ctx, PROVISION_GRANTED_V1, ending);
    await publishEvent(h.ctx, PROVISION_GRANTED_V1, toPgb);
    await settle();
    const end: ProvisionEndedV1 = { provisionId: ending.provisionId, lineageId: ending.lineageId, endDate: '2026-11-20', reason: EndReason.DECEASED };
    await publishEvent(h.ctx, PROVISION_ENDED_V1, end);
    await publishEvent(h.ctx, PROVISION_ENDED_V1, end); // a second end: nothing more
    await publishEvent(h.ctx, PROVISION_CHANGED_V1, { ...toPgb, provisionId: randomUUID(), version: 2, deliveryForm: DeliveryForm.PGB, previousProvisionId: toPgb.provisionId });
    await settle();
    const [ended] = await lineageEntries(ending.lineageId);
    const [pgb] = await lineageEntries(toPgb.lineageId);
    expect(ended).toMatchObject({ status: 'LEFT', leftReason: 'DECEASED', leftOn: '2026-11-23' });
    expect(pgb).toMatchObject({ status: 'LEFT', leftReason: 'NO_LONGER_NEEDED' });
    expect(left.matching((x) => x.data.entryId === ended.id).map((x) => x.data)).toEqual([{ entryId: ended.id, leftOn: '2026-11-23', reason: 'DECEASED' }]);
    expect(left.matching((x) => x.data.entryId === pgb.id)).toHaveLength(1);
  });

  it('should create nothing when an ended lineage is replayed: the end first, then its grant', async () => {
    const grant = aGrant();
    await publishEvent(h.ctx, PROVISION_ENDED_V1, { provisionId: grant.provisionId, lineageId: grant.lineageId, endDate: '2026-11-01', reason: EndReason.DELIVERED_AS_PLANNED } satisfies ProvisionEndedV1);
    await publishEvent(h.ctx, PROVISION_GRANTED_V1, grant);
    await publishEvent(h.ctx, PROVISION_CHANGED_V1, { ...grant, provisionId: randomUUID(), version: 2, previousProvisionId: grant.provisionId });
    await settle();
    expect(await lineageEntries(grant.lineageId)).toEqual([]);
    expect(entered.matching((x) => x.data.provisionLineageId === grant.lineageId)).toEqual([]);
  });

  it('should let an officer’s entry take the lineage when the provision follows, rather than make a second', async () => {
    const personId = randomUUID();
    const manual = await entry(h, { personId });
    const grant = aGrant({ personId, personPseudonym: pseudonym(personId) });
    await publishEvent(h.ctx, PROVISION_GRANTED_V1, grant);
    const [linked] = await eventually(async () => ((await lineageEntries(grant.lineageId)).length ? lineageEntries(grant.lineageId) : undefined));
    expect(linked.id).toBe(manual.id);
  });

  it('should weigh the household’s children from access.household.changed, by its version', async () => {
    const grant = aGrant({ householdId: randomUUID() });
    const household = (version: number, minorOn: string): HouseholdChangedV1 => ({
      householdId: grant.householdId!,
      municipality: GM_LEIDEN,
      version,
      members: [
        { personId: grant.personId, personPseudonym: grant.personPseudonym, role: HouseholdRole.APPLICANT, from: '2020-01-01' },
        { personId: randomUUID(), personPseudonym: pseudonym('child'), role: HouseholdRole.CHILD, from: '2020-01-01', minorOn },
      ],
    });
    await publishEvent(h.ctx, HOUSEHOLD_CHANGED_V1, household(2, '2030-05-01'));
    await publishEvent(h.ctx, HOUSEHOLD_CHANGED_V1, household(1, '2026-01-01')); // older: ignored
    await publishEvent(h.ctx, PROVISION_GRANTED_V1, grant);
    const [e] = await eventually(async () => ((await lineageEntries(grant.lineageId)).length ? lineageEntries(grant.lineageId) : undefined));
    expect(e.ranking.factors).toMatchObject({ HOUSEHOLD_WITH_CHILDREN: 1 });
    await publishEvent(h.ctx, HOUSEHOLD_CHANGED_V1, household(3, '2026-11-01')); // the child turned 18
    await settle();
    const again = await h.svc.http.get(`/api/housing/v1/waitlist/${e.id}`).set(auth(h.officer)).expect(200);
    expect(again.body.ranking.factors).toMatchObject({ HOUSEHOLD_WITH_CHILDREN: 0 });
  });

  it('should show an entry of a safety-flagged person only to the municipality that made it', async () => {
    const grant = aGrant({ municipality: GM_LEIDERDORP, responsibleMunicipality: GM_LEIDEN });
    await publishEvent(h.ctx, PERSON_SAFETY_FLAG_CHANGED_V1, { personId: grant.personId, personPseudonym: grant.personPseudonym, safetyFlag: true, changedAt: '2026-11-20' } satisfies PersonSafetyFlagChangedV1);
    await publishEvent(h.ctx, PERSON_SAFETY_FLAG_CHANGED_V1, { personId: grant.personId, personPseudonym: grant.personPseudonym, safetyFlag: false, changedAt: '2026-11-01' } satisfies PersonSafetyFlagChangedV1); // older: ignored
    await publishEvent(h.ctx, PROVISION_GRANTED_V1, grant);
    const leiderdorp = await h.ctx.token({ org: GM_LEIDERDORP, roles: [Role.HOUSING_PLACEMENT_OFFICER], municipalities: [GM_LEIDERDORP] });
    const own = await eventually(async () => {
      const res = await h.svc.http.get('/api/housing/v1/waitlist').query({ personId: grant.personId }).set(auth(leiderdorp)).expect(200);
      return res.body.items.length ? res.body.items[0] : undefined;
    });
    // The central municipality's officer acts for every member, Leiderdorp included, yet sees nothing.
    const central = await h.svc.http.get('/api/housing/v1/waitlist').query({ personId: grant.personId }).set(auth(h.officer)).expect(200);
    expect(central.body.items).toEqual([]);
    await h.svc.http.get(`/api/housing/v1/waitlist/${own.id}`).set(auth(h.officer)).expect(404);
    await h.svc.http.get(`/api/housing/v1/waitlist/${own.id}/explanation`).set(auth(h.officer)).expect(404);
    await h.svc.http.get(`/api/housing/v1/waitlist/${own.id}`).set(auth(leiderdorp)).expect(200);
  });

  it('should refuse a bad entry naming the field, and an entry for a municipality the token does not grant', async () => {
    const bad = await h.svc.http.post('/api/housing/v1/waitlist').set(auth(h.officer)).send({ personId: 'x', municipality: GM_LEIDEN, facilityType: 'CASTLE', urgency: 7 }).expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual(['bsn', 'facilityType', 'personId', 'personPseudonym', 'urgency']);
    const future = await h.svc.http.post('/api/housing/v1/waitlist').set(auth(h.officer)).send({ personId: randomUUID(), personPseudonym: pseudonym('f'), municipality: GM_LEIDEN, facilityType: 'HOUSING_FIRST', waitingSince: '2027-01-01' }).expect(422);
    expect(future.body.invalidParams).toEqual([expect.objectContaining({ name: 'waitingSince', code: 'WAITING_SINCE_IN_FUTURE' })]);
    const leiderdorp = await h.ctx.token({ org: GM_LEIDERDORP, roles: [Role.HOUSING_PLACEMENT_OFFICER], municipalities: [GM_LEIDERDORP] });
    const other = await h.svc.http.post('/api/housing/v1/waitlist').set(auth(leiderdorp)).send({ personId: randomUUID(), personPseudonym: pseudonym('o'), municipality: GM_LEIDEN, facilityType: 'HOUSING_FIRST' }).expect(403);
    expect(other.body).toMatchObject({ code: 'OUT_OF_SCOPE', invalidParams: [expect.objectContaining({ name: 'municipality' })] });
    const personId = randomUUID();
    const first = await entry(h, { personId, facilityType: 'HOUSING_FIRST' });
    const twice = await h.svc.http.post('/api/housing/v1/waitlist').set(auth(h.officer)).send({ personId, personPseudonym: pseudonym(personId), municipality: GM_LEIDEN, facilityType: 'HOUSING_FIRST' }).expect(409);
    expect(twice.body).toMatchObject({ code: 'ENTRY_EXISTS', existingId: first.id });
  });

  it('should record interim support and a re-assessment date, let the entry leave with a reason, and log every read', async () => {
    const e = await entry(h, { facilityType: 'HOUSING_FIRST' });
    const updated = await h.svc.http
      .patch(`/api/housing/v1/waitlist/${e.id}`)
      .set(auth(h.officer))
      .set('If-Match', `W/"${e.version}"`)
      .send({ interimSupport: { description: 'ambulante begeleiding 4 uur per week', providerAgb: '98000001' }, reassessmentOn: '2027-05-01' })
      .expect(200);
    expect(updated.body).toMatchObject({ interimSupport: { description: 'ambulante begeleiding 4 uur per week', providerAgb: '98000001' }, reassessmentOn: '2027-05-01' });
    await h.svc.http.patch(`/api/housing/v1/waitlist/${e.id}`).set(auth(h.officer)).set('If-Match', `W/"${e.version}"`).send({ urgency: 1 }).expect(412);
    const placedByHand = await h.svc.http.post(`/api/housing/v1/waitlist/${e.id}/leave`).set(auth(h.officer)).send({ reason: 'PLACED' }).expect(400);
    expect(placedByHand.body.invalidParams[0].name).toBe('reason');
    const gone = await h.svc.http.post(`/api/housing/v1/waitlist/${e.id}/leave`).set(auth(h.officer)).send({ reason: 'OTHER_REGION', note: 'verhuisd naar Utrecht' }).expect(200);
    expect(gone.body).toMatchObject({ status: 'LEFT', leftReason: 'OTHER_REGION', leftOn: '2026-11-23', ranking: null });
    await left.next((x) => x.data.entryId === e.id);
    const auditor = await h.ctx.token({ org: GM_LEIDEN, roles: [Role.AUDITOR], municipalities: REGION });
    const log = await h.svc.http.get('/api/housing/v1/processing-log').query({ pseudonym: e.personPseudonym }).set(auth(auditor)).expect(200);
    expect(log.body.items.map((i: { action: string }) => i.action).sort()).toEqual(['CREATE', 'UPDATE', 'UPDATE']);
  });
});
