import {
  AddressKind,
  EVICTION_SIGNAL_CLOSED_V1,
  EVICTION_SIGNAL_REPORTED_V1,
  EvictionSignalClosedV1,
  EvictionSignalReportedV1,
  LEASE_SIGNED_V1,
  LeaseSignedV1,
  NOMINATION_ANSWERED_V1,
  NOMINATION_MADE_V1,
  NominationAnsweredV1,
  NominationMadeV1,
  OUTFLOW_READY_V1,
  OutflowReadyV1,
  PERSON_IDENTITY_GET,
  PersonIdentityReply,
  PersonIdentityRequest,
  PLACEMENT_ENDED_V1,
  PlacementEndedV1,
  Role,
  Sex,
} from '@vangnet/contracts';
import { EventProbe } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { PlacementsService } from '../src/placements/placements.service';
import { auth, eventually, GM_LEIDEN, GM_LEIDERDORP, Housing, placed, publishEvent, REGION, startHousing } from './support';

// Outflow: readiness → nomination under a quota or urgency scheme, with consent → the
// corporation's answer → the lease → the placement ends. Corporations see a name and nothing of care.

const CORP = '30000001';
const OTHER_CORP = '30000002';
const BSN = '111222333';

/** Keys that must never reach a corporation, anywhere in a body. */
const CARE_FIELDS = [
  'personId',
  'personPseudonym',
  'pseudonym',
  'bsn',
  'birthDate',
  'sex',
  'safetyFlag',
  'placementId',
  'readinessId',
  'entryId',
  'facilityId',
  'facilityType',
  'providerAgb',
  'provisionLineageId',
  'lineageId',
  'product',
  'category',
  'diagnosis',
  'urgency',
  'interimSupport',
  'responsibleMunicipality',
  'planId',
];

function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

const identity = (familyName: string): PersonIdentityReply => ({
  bsn: BSN,
  birthDate: '1984-02-29',
  sex: Sex.FEMALE,
  name: { familyName: { name: familyName, prefix: 'de' }, givenNames: 'Eva' },
  address: { kind: AddressKind.BRP, street: 'Breestraat', houseNumber: 1, postcode: '2311CS', city: 'Leiden' },
  safetyFlag: false,
});

describe('outflow, nominations and eviction signals', () => {
  let h: Housing;
  let corporation: string;
  let otherCorporation: string;
  let made: EventProbe<NominationMadeV1>;
  let answered: EventProbe<NominationAnsweredV1>;
  let lease: EventProbe<LeaseSignedV1>;
  let ended: EventProbe<PlacementEndedV1>;

  /** A placed resident marked ready by the officer, with consent unless told otherwise. */
  const ready = async (o: { consent?: boolean; needs?: string[] } = {}) => {
    const p = await placed(h, { startDate: '2026-06-01' });
    const r = (await h.svc.http.post('/api/housing/v1/outflow').set(auth(h.officer)).send({ placementId: p.placement.id, readyFrom: '2026-11-01', needs: o.needs ?? ['ACCESSIBLE'] }).expect(201)).body;
    if (o.consent !== false) await h.svc.http.post(`/api/housing/v1/outflow/${r.id}/consent`).set(auth(h.officer)).send({ givenOn: '2026-11-20' }).expect(200);
    return { ...p, readiness: r };
  };
  const quota = (corp: string, homes: number, municipality = GM_LEIDEN) => h.svc.http.put('/api/housing/v1/quotas').set(auth(h.officer)).send({ corporation: corp, municipality, year: 2026, homes });
  const nominate = (readinessId: string, corp = CORP, scheme = 'QUOTA', municipality = GM_LEIDEN) => h.svc.http.post('/api/housing/v1/nominations').set(auth(h.officer)).send({ readinessId, corporation: corp, municipality, scheme });

  beforeAll(async () => {
    h = await startHousing('2026-11-23');
    corporation = await h.ctx.token({ sub: 'woonconsulent', org: `CORP:${CORP}`, roles: [Role.CORPORATION] });
    otherCorporation = await h.ctx.token({ org: `CORP:${OTHER_CORP}`, roles: [Role.CORPORATION] });
    made = await h.ctx.probe<NominationMadeV1>(NOMINATION_MADE_V1);
    answered = await h.ctx.probe<NominationAnsweredV1>(NOMINATION_ANSWERED_V1);
    lease = await h.ctx.probe<LeaseSignedV1>(LEASE_SIGNED_V1);
    ended = await h.ctx.probe<PlacementEndedV1>(PLACEMENT_ENDED_V1);
  });

  afterAll(() => h.close());

  it('should mark a resident ready from care-plans.outflow.ready, once however often it arrives', async () => {
    const p = await placed(h);
    const event: OutflowReadyV1 = { planId: randomUUID(), personId: p.entry.personId, personPseudonym: p.entry.personPseudonym, municipality: GM_LEIDEN, readyFrom: '2026-12-01', needs: [] };
    const first = await publishEvent(h.ctx, OUTFLOW_READY_V1, event);
    await publishEvent(h.ctx, OUTFLOW_READY_V1, event, { id: first.id });
    await publishEvent(h.ctx, OUTFLOW_READY_V1, { ...event, needs: ['PETS_ALLOWED'] });
    const mine = await eventually(async () => {
      const res = await h.svc.http.get('/api/housing/v1/outflow').query({ limit: 500 }).set(auth(h.officer)).expect(200);
      const rows = res.body.items.filter((r: { personId: string }) => r.personId === p.entry.personId);
      return rows.length && rows[0].needs.length ? rows : undefined;
    });
    expect(mine).toEqual([expect.objectContaining({ source: 'CARE_PLAN', planId: event.planId, readyFrom: '2026-12-01', needs: ['PETS_ALLOWED'], status: 'READY', consent: null })]);
  });

  it('should nominate only with the resident’s recorded consent, and not before the readiness date', async () => {
    const { readiness } = await ready({ consent: false });
    await quota(CORP, 10).expect((r) => expect([200, 201]).toContain(r.status));
    const refused = await nominate(readiness.id).expect(422);
    expect(refused.body).toMatchObject({ code: 'CONSENT_REQUIRED', invalidParams: [expect.objectContaining({ name: 'readinessId', code: 'CONSENT_REQUIRED' })] });
    await h.svc.http.post(`/api/housing/v1/outflow/${readiness.id}/consent`).set(auth(h.officer)).send({ givenOn: '2026-11-23' }).expect(200);
    const n = (await nominate(readiness.id).expect(201)).body;
    expect(n).toMatchObject({ status: 'NOMINATED', corporation: CORP, municipality: GM_LEIDEN, scheme: 'QUOTA', quotaYear: 2026, householdSize: 1, needs: ['ACCESSIBLE'] });
    expect((await made.next((e) => e.data.nominationId === n.id)).data).toEqual({ nominationId: n.id, corporation: CORP, municipality: GM_LEIDEN, quotaYear: 2026, scheme: 'QUOTA' });
    const again = await nominate(readiness.id).expect(409);
    expect(again.body.code).toBe('NOMINATION_OPEN');
  });

  it('should refuse a nomination once the quota is used up, with a clear code, and take an urgency nomination beside it', async () => {
    const corp = '30000099';
    await quota(corp, 1, GM_LEIDERDORP).expect(201);
    const a = await ready();
    const b = await ready();
    await nominate(a.readiness.id, corp, 'QUOTA', GM_LEIDERDORP).expect(201);
    const full = await nominate(b.readiness.id, corp, 'QUOTA', GM_LEIDERDORP).expect(422);
    expect(full.body).toMatchObject({ code: 'QUOTA_EXHAUSTED', homes: 1, used: 1, year: 2026, invalidParams: [expect.objectContaining({ name: 'corporation', code: 'QUOTA_EXHAUSTED' })] });
    const none = await nominate(b.readiness.id, '30000098', 'QUOTA', GM_LEIDERDORP).expect(422);
    expect(none.body.code).toBe('NO_QUOTA');
    await nominate(b.readiness.id, corp, 'URGENCY', GM_LEIDERDORP).expect(201);
    const quotas = await h.svc.http.get('/api/housing/v1/quotas').query({ corporation: corp }).set(auth(h.officer)).expect(200);
    expect(quotas.body.items).toEqual([expect.objectContaining({ homes: 1, used: 1, remaining: 0 })]);
    const below = await quota(corp, 0, GM_LEIDERDORP).expect(422);
    expect(below.body.invalidParams[0]).toMatchObject({ name: 'homes', code: 'QUOTA_BELOW_USED' });
  });

  it('should show the corporation its nomination with the name from access and nothing of care, and log the read', async () => {
    const { readiness, placement } = await ready();
    await quota(CORP, 10).expect((r) => expect([200, 201]).toContain(r.status));
    const n = (await nominate(readiness.id).expect(201)).body;
    const access = await h.ctx.stub<PersonIdentityRequest>(PERSON_IDENTITY_GET, { reply: identity('Vries') });
    try {
      const res = await h.svc.http.get(`/api/housing/v1/nominations/${n.id}`).set(auth(corporation)).expect(200);
      expect(res.body.resident).toEqual({ name: { display: 'Eva de Vries', familyName: 'Vries', prefix: 'de', givenNames: 'Eva', initials: null }, nameUnavailable: null, householdSize: 1, needs: ['ACCESSIBLE'] });
      expect(access.requests).toEqual([{ personId: placement.personId, municipality: GM_LEIDEN, purpose: 'HOUSING_NOMINATION' }]);
      const list = await h.svc.http.get('/api/housing/v1/nominations').set(auth(corporation)).expect(200);
      for (const body of [res.body, list.body]) {
        const keys = keysOf(body);
        expect(CARE_FIELDS.filter((k) => keys.has(k))).toEqual([]);
        const text = JSON.stringify(body);
        for (const secret of [BSN, placement.personId, placement.personPseudonym, placement.id, placement.facilityId, '1984-02-29', 'Breestraat']) expect(text).not.toContain(secret);
      }
      const auditor = await h.ctx.token({ org: GM_LEIDEN, roles: [Role.AUDITOR], municipalities: REGION });
      const log = await h.svc.http.get('/api/housing/v1/processing-log').query({ pseudonym: placement.personPseudonym }).set(auth(auditor)).expect(200);
      expect(log.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'READ', actorOrg: `CORP:${CORP}`, resource: 'nomination', resourceId: n.id, legalBasis: expect.stringMatching(/AVG art\. 6 lid 1 onder a/) })]));
    } finally {
      await access.stop();
    }
  });

  it('should answer the corporation without the name, and say why, when access does not answer', async () => {
    const { readiness } = await ready();
    await quota(CORP, 10).expect((r) => expect([200, 201]).toContain(r.status));
    const n = (await nominate(readiness.id).expect(201)).body;
    const nobody = await h.svc.http.get(`/api/housing/v1/nominations/${n.id}`).set(auth(corporation)).expect(200);
    expect(nobody.body.resident).toMatchObject({ name: null, nameUnavailable: 'NO_RESPONDER', householdSize: 1 });
    const access = await h.ctx.stub<PersonIdentityRequest>(PERSON_IDENTITY_GET, { error: { code: 'PERSON_NOT_FOUND', message: 'unknown' } });
    try {
      const unknown = await h.svc.http.get(`/api/housing/v1/nominations/${n.id}`).set(auth(corporation)).expect(200);
      expect(unknown.body.resident.nameUnavailable).toBe('PERSON_NOT_FOUND');
      access.answer({ silent: true });
      const slow = await h.svc.http.get(`/api/housing/v1/nominations/${n.id}`).set(auth(corporation)).expect(200);
      expect(slow.body.resident.nameUnavailable).toBe('TIMEOUT');
      access.answer({ reply: { ...identity('Jansen'), safetyFlag: true } });
      const flagged = await h.svc.http.get(`/api/housing/v1/nominations/${n.id}`).set(auth(corporation)).expect(200);
      expect(flagged.body.resident).toMatchObject({ name: null, nameUnavailable: 'SAFETY_FLAG' });
      access.answer({ reply: identity('Jansen') });
      await h.svc.http.post(`/api/housing/v1/outflow/${readiness.id}/consent/withdraw`).set(auth(h.officer)).send({}).expect(200);
      const withdrawn = await h.svc.http.get(`/api/housing/v1/nominations/${n.id}`).set(auth(corporation)).expect(200);
      expect(withdrawn.body.resident).toMatchObject({ name: null, nameUnavailable: 'CONSENT_WITHDRAWN' });
    } finally {
      await access.stop();
    }
  });

  it('should keep each corporation to its own nominations', async () => {
    const { readiness } = await ready();
    await quota(CORP, 10).expect((r) => expect([200, 201]).toContain(r.status));
    const n = (await nominate(readiness.id).expect(201)).body;
    await h.svc.http.get(`/api/housing/v1/nominations/${n.id}`).set(auth(otherCorporation)).expect(404);
    await h.svc.http.post(`/api/housing/v1/nominations/${n.id}/answer`).set(auth(otherCorporation)).send({ accepted: false, reason: 'x' }).expect(404);
    const theirs = await h.svc.http.get('/api/housing/v1/nominations').set(auth(otherCorporation)).expect(200);
    expect(theirs.body.items.map((x: { id: string }) => x.id)).not.toContain(n.id);
    await h.svc.http.post('/api/housing/v1/nominations').set(auth(corporation)).send({ readinessId: readiness.id, corporation: CORP, municipality: GM_LEIDEN, scheme: 'URGENCY' }).expect(403);
    await h.svc.http.get('/api/housing/v1/waitlist').set(auth(corporation)).expect(403);
    await h.svc.http.get('/api/housing/v1/placements').set(auth(corporation)).expect(403);
  });

  it('should take the corporation’s yes, the lease, and end the placement the night before the lease starts', async () => {
    const { readiness, placement } = await ready();
    await quota(CORP, 10).expect((r) => expect([200, 201]).toContain(r.status));
    const n = (await nominate(readiness.id).expect(201)).body;
    const noHome = await h.svc.http.post(`/api/housing/v1/nominations/${n.id}/answer`).set(auth(corporation)).send({ accepted: true }).expect(400);
    expect(noHome.body.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual(['address', 'leaseStart']);
    const yes = await h.svc.http
      .post(`/api/housing/v1/nominations/${n.id}/answer`)
      .set(auth(corporation))
      .send({ accepted: true, leaseStart: '2026-12-01', address: { street: 'Haarlemmerstraat', houseNumber: 12, postcode: '2312 GB', city: 'Leiden' } })
      .expect(200);
    expect(yes.body).toMatchObject({ status: 'ACCEPTED', leaseStart: '2026-12-01', answeredOn: '2026-11-23' });
    expect((await answered.next((e) => e.data.nominationId === n.id)).data).toEqual({ nominationId: n.id, corporation: CORP, municipality: GM_LEIDEN, accepted: true, leaseStart: '2026-12-01', answeredOn: '2026-11-23' });
    const leased = await h.svc.http.post(`/api/housing/v1/nominations/${n.id}/lease`).set(auth(corporation)).send({}).expect(200);
    const quotas = await h.svc.http.get('/api/housing/v1/quotas').set(auth(corporation)).expect(200);
    // Whatever the corporation gets back, nothing of care.
    for (const body of [yes.body, leased.body, quotas.body]) expect(CARE_FIELDS.filter((k) => keysOf(body).has(k))).toEqual([]);
    expect(quotas.body.items.every((q: { corporation: string }) => q.corporation === CORP)).toBe(true);
    const signed = await lease.next((e) => e.data.nominationId === n.id);
    expect(signed.data).toEqual({ placementId: placement.id, personId: placement.personId, personPseudonym: placement.personPseudonym, corporation: CORP, municipality: GM_LEIDEN, leaseStart: '2026-12-01', nominationId: n.id });
    // The lease starts later: the placement ends then (the job carries it out).
    expect((await h.svc.http.get(`/api/housing/v1/placements/${placement.id}`).set(auth(h.officer))).body).toMatchObject({ endDate: null, plannedEnd: '2026-11-30' });
    try {
      h.clock.set('2026-11-30');
      await expect(h.svc.app.get(PlacementsService).endDue()).resolves.toBeGreaterThanOrEqual(1);
    } finally {
      h.clock.set('2026-11-23');
    }
    expect((await ended.next((e) => e.data.placementId === placement.id)).data).toEqual({ placementId: placement.id, endDate: '2026-11-30', destination: 'INDEPENDENT_WITH_SUPPORT' });
    const readinessNow = await h.svc.http.get(`/api/housing/v1/outflow/${readiness.id}`).set(auth(h.officer)).expect(200);
    expect(readinessNow.body.status).toBe('HOUSED');
  });

  it('should give the quota home back when the corporation says no, and let the resident be nominated again', async () => {
    const corp = '30000097';
    await quota(corp, 1).expect(201);
    const { readiness } = await ready();
    const n = (await nominate(readiness.id, corp).expect(201)).body;
    const noReason = await h.svc.http.post(`/api/housing/v1/nominations/${n.id}/answer`).set(await tokenFor(corp)).send({ accepted: false }).expect(400);
    expect(noReason.body.invalidParams[0].name).toBe('reason');
    await h.svc.http.post(`/api/housing/v1/nominations/${n.id}/answer`).set(await tokenFor(corp)).send({ accepted: false, reason: 'geen passende woning in het contingent' }).expect(200);
    await nominate(readiness.id, corp).expect(201);
  });

  it('should follow an eviction signal from a corporation or a provider to an outcome within its term', async () => {
    const { readiness, placement } = await ready();
    await quota(CORP, 10).expect((r) => expect([200, 201]).toContain(r.status));
    const n = (await nominate(readiness.id).expect(201)).body;
    const notYet = await h.svc.http.post('/api/housing/v1/eviction-signals').set(auth(corporation)).send({ nominationId: n.id, kind: 'ARREARS' }).expect(422);
    expect(notYet.body.invalidParams[0]).toMatchObject({ name: 'nominationId', code: 'NOT_A_TENANCY' });
    await h.svc.http.post(`/api/housing/v1/nominations/${n.id}/answer`).set(auth(corporation)).send({ accepted: true, leaseStart: '2026-11-23', address: { street: 'Oude Rijn', houseNumber: 3, postcode: '2312HB', city: 'Leiden' } }).expect(200);
    await h.svc.http.post(`/api/housing/v1/nominations/${n.id}/lease`).set(auth(h.officer)).send({ signedOn: '2026-11-23' }).expect(200);
    expect((await ended.next((e) => e.data.placementId === placement.id)).data.endDate).toBe('2026-11-22');
    const reported = (await h.svc.http.post('/api/housing/v1/eviction-signals').set(auth(corporation)).send({ nominationId: n.id, kind: 'ARREARS', description: 'twee maanden huurachterstand' }).expect(201)).body;
    expect(reported).toMatchObject({ kind: 'ARREARS', reportedOn: '2026-11-23', dueOn: '2026-12-21', status: 'OPEN', overdue: false });
    expect(CARE_FIELDS.filter((k) => keysOf(reported).has(k))).toEqual([]);
    const reportedEvent = await h.ctx.probe<EvictionSignalReportedV1>(EVICTION_SIGNAL_REPORTED_V1);
    expect((await reportedEvent.next((e) => e.data.signalId === reported.id)).data).toEqual({ signalId: reported.id, corporation: CORP, municipality: GM_LEIDEN, personId: placement.personId, personPseudonym: placement.personPseudonym, kind: 'ARREARS', reportedOn: '2026-11-23' });
    await h.svc.http.post(`/api/housing/v1/eviction-signals/${reported.id}/close`).set(auth(corporation)).send({ outcome: 'ARRANGEMENT_MADE' }).expect(403);
    const closed = await h.svc.http.post(`/api/housing/v1/eviction-signals/${reported.id}/close`).set(auth(h.officer)).send({ outcome: 'ARRANGEMENT_MADE', note: 'betalingsregeling' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'CLOSED', outcome: 'ARRANGEMENT_MADE', personId: placement.personId });
    const closedEvent = await h.ctx.probe<EvictionSignalClosedV1>(EVICTION_SIGNAL_CLOSED_V1);
    expect((await closedEvent.next((e) => e.data.signalId === reported.id)).data).toEqual({ signalId: reported.id, outcome: 'ARRANGEMENT_MADE', closedOn: '2026-11-23', corporation: CORP, municipality: GM_LEIDEN });
    await h.svc.http.post(`/api/housing/v1/eviction-signals/${reported.id}/close`).set(auth(h.officer)).send({ outcome: 'EVICTED' }).expect(409);
    await h.svc.http.get(`/api/housing/v1/eviction-signals/${reported.id}`).set(auth(otherCorporation)).expect(404);
    const mine = await h.svc.http.get('/api/housing/v1/eviction-signals').set(auth(corporation)).expect(200);
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(reported.id);
    expect(CARE_FIELDS.filter((k) => keysOf(mine.body).has(k))).toEqual([]);
    expect((await h.svc.http.get('/api/housing/v1/eviction-signals').set(auth(otherCorporation)).expect(200)).body.items).toEqual([]);

    // A provider, about a resident of its own facility.
    const agb = '97300001';
    const own = await placed(h, { facility: { providerAgb: agb } });
    const provider = await h.ctx.token({ org: `AGB:${agb}`, roles: [Role.PROVIDER] });
    const nuisance = (await h.svc.http.post('/api/housing/v1/eviction-signals').set(auth(provider)).send({ placementId: own.placement.id, kind: 'NUISANCE' }).expect(201)).body;
    expect(nuisance).toMatchObject({ placementId: own.placement.id, kind: 'NUISANCE' });
    await h.svc.http.post('/api/housing/v1/eviction-signals').set(auth(provider)).send({ placementId: placement.id, kind: 'NUISANCE' }).expect(404);
    const bad = await h.svc.http.post('/api/housing/v1/eviction-signals').set(auth(provider)).send({ nominationId: n.id, kind: 'FIRE' }).expect(400);
    expect(bad.body.invalidParams[0].name).toBe('kind');
    try {
      h.clock.set('2026-12-22');
      const overdue = await h.svc.http.get('/api/housing/v1/eviction-signals').query({ overdue: 'true', limit: 500 }).set(auth(h.officer)).expect(200);
      expect(overdue.body.items.map((s: { id: string }) => s.id)).toContain(nuisance.id);
    } finally {
      h.clock.set('2026-11-23');
    }
  });

  async function tokenFor(corp: string) {
    return auth(await h.ctx.token({ org: `CORP:${corp}`, roles: [Role.CORPORATION] }));
  }
});
