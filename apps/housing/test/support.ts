import { DeliveryForm, ProvisionGrantedV1, Role, ProductCategory } from '@vangnet/contracts';
import { Clock } from '@vangnet/platform';
import { publishEvent, TestContext, TestService, waitFor } from '@vangnet/testing';
import { createHash, randomUUID } from 'crypto';
import { AppModule } from '../src/app.module';
import { HOUSING_APP_OPTIONS } from '../src/app.options';

export const GM_LEIDEN = 'GM0546';
export const GM_LEIDERDORP = 'GM0547';
export const GM_OEGSTGEEST = 'GM0579';
export const GM_VOORSCHOTEN = 'GM0626';
export const GM_ZOETERWOUDE = 'GM0638';
export const REGION = [GM_LEIDEN, GM_LEIDERDORP, GM_OEGSTGEEST, GM_VOORSCHOTEN, GM_ZOETERWOUDE];

export interface Housing {
  ctx: TestContext;
  svc: TestService;
  clock: Clock;
  /** A placement officer acting for the whole region (the central municipality's team). */
  officer: string;
  close(): Promise<void>;
}

/** The real service on its own database and subject prefix, today fixed. */
export async function startHousing(today: string, env: Record<string, string> = {}): Promise<Housing> {
  const ctx = await TestContext.create();
  const svc = await ctx.start(AppModule, HOUSING_APP_OPTIONS, { HOUSING_JOB_INTERVAL_MS: '0', ...env });
  const clock = svc.app.get(Clock);
  clock.set(today);
  const officer = await ctx.token({ sub: 'officer', org: GM_LEIDEN, roles: [Role.HOUSING_PLACEMENT_OFFICER], municipalities: REGION });
  return { ctx, svc, clock, officer, close: () => ctx.close() };
}

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A pseudonym-shaped value, distinct per seed (tests never need the real HMAC). */
export const pseudonym = (seed: string) => createHash('sha256').update(seed).digest('hex');

export { publishEvent };

/** Poll until `check` gives a value (events are applied asynchronously): the test kit's `waitFor`. */
export const eventually = <T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> => waitFor<T>(check, timeoutMs);

// ---- Builders: every test makes its own records -------------------------------------------


/** A granted provision as access publishes it; a fresh person and lineage unless given. */
export function aGrant(o: Partial<ProvisionGrantedV1> = {}): ProvisionGrantedV1 {
  const id = o.provisionId ?? randomUUID();
  const personId = o.personId ?? randomUUID();
  return {
    provisionId: id,
    lineageId: o.lineageId ?? id,
    version: 1,
    validFrom: '2026-10-01',
    decisionId: randomUUID(),
    personId,
    personPseudonym: pseudonym(personId),
    product: { category: ProductCategory.PROTECTED_HOUSING },
    deliveryForm: DeliveryForm.IN_KIND,
    providerAgb: '98000002',
    period: { start: '2026-10-01', end: '2027-09-30' },
    municipality: GM_LEIDEN,
    responsibleMunicipality: GM_LEIDEN,
    crisis: false,
    assignmentNumber: 1000 + Math.floor(Math.random() * 1_000_000),
    ...o,
  };
}

export interface FacilityInput {
  name?: string;
  type?: string;
  municipality?: string;
  neighbourhood?: string;
  providerAgb?: string;
  ownerCorporation?: string;
  capacity?: number;
  features?: string[];
}

/** A facility through the API; its detail view (with places). */
export async function facility(h: Housing, o: FacilityInput = {}, token = h.officer) {
  const res = await h.svc.http
    .post('/api/housing/v1/facilities')
    .set(auth(token))
    .send({ name: `Huis ${randomUUID().slice(0, 8)}`, type: 'INTRAMURAL_PROTECTED_HOUSING', municipality: GM_LEIDEN, neighbourhood: 'Centrum', capacity: 2, ...o });
  if (res.status !== 201) throw new Error(`facility: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface EntryInput {
  personId?: string;
  municipality?: string;
  facilityType?: string;
  waitingSince?: string;
  urgency?: number;
  needs?: string[];
  dischargeFromInstitution?: boolean;
  originMunicipality?: string;
  interimSupport?: { description: string; providerAgb?: string };
  householdId?: string;
}

/** A waiting-list entry added by the officer through the API. */
export async function entry(h: Housing, o: EntryInput = {}, token = h.officer) {
  const personId = o.personId ?? randomUUID();
  const res = await h.svc.http
    .post('/api/housing/v1/waitlist')
    .set(auth(token))
    .send({ personId, personPseudonym: pseudonym(personId), municipality: GM_LEIDEN, facilityType: 'INTRAMURAL_PROTECTED_HOUSING', waitingSince: '2026-06-01', ...o });
  if (res.status !== 201) throw new Error(`entry: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A scheme created and activated from today, for the whole file (region policy, like a token). */
export async function activeScheme(h: Housing, factors: Array<{ factor: string; weight: number; municipalities?: string[] }>, seed = 'test-seed-0001') {
  const created = await h.svc.http.post('/api/housing/v1/priority-schemes').set(auth(h.officer)).send({ name: 'Test scheme', seed, factors });
  if (created.status !== 201) throw new Error(`scheme: ${created.status} ${JSON.stringify(created.body)}`);
  const activated = await h.svc.http.post(`/api/housing/v1/priority-schemes/${created.body.id}/activate`).set(auth(h.officer)).send({ activeFrom: h.clock.today() });
  if (activated.status !== 200) throw new Error(`activate: ${activated.status} ${JSON.stringify(activated.body)}`);
  return activated.body;
}

/** An entry placed in a free place of a new facility: offer, accept, placement (on `startDate`, the clock set back meanwhile). */
export async function placed(h: Housing, o: { facility?: FacilityInput; entry?: EntryInput; startDate?: string } = {}) {
  const today = h.clock.today();
  if (o.startDate) h.clock.set(o.startDate);
  try {
    return await placedToday(h, o);
  } finally {
    h.clock.set(today);
  }
}

async function placedToday(h: Housing, o: { facility?: FacilityInput; entry?: EntryInput; startDate?: string }) {
  const type = o.facility?.type ?? 'INTRAMURAL_PROTECTED_HOUSING';
  const f = await facility(h, { capacity: 1, ...o.facility, type });
  const e = await entry(h, { ...o.entry, facilityType: type });
  const offer = await h.svc.http.post('/api/housing/v1/offers').set(auth(h.officer)).send({ placeId: f.places[0].id, entryId: e.id });
  if (offer.status !== 201) throw new Error(`offer: ${offer.status} ${JSON.stringify(offer.body)}`);
  const accepted = await h.svc.http.post(`/api/housing/v1/offers/${offer.body.id}/answer`).set(auth(h.officer)).send({ accepted: true });
  if (accepted.status !== 200) throw new Error(`answer: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  const p = await h.svc.http.post('/api/housing/v1/placements').set(auth(h.officer)).send({ offerId: offer.body.id, startDate: o.startDate ?? h.clock.today() });
  if (p.status !== 201) throw new Error(`placement: ${p.status} ${JSON.stringify(p.body)}`);
  return { facility: f, entry: e, offer: offer.body, placement: p.body };
}
