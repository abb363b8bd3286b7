import {
  DeliveryForm,
  Frequency,
  HOUSEHOLD_CHANGED_V1,
  HouseholdChangedV1,
  HouseholdRole,
  LIFE_DOMAIN_CHANGED_V1,
  LifeDomainChangedV1,
  PROVISION_GRANTED_V1,
  ProductCategory,
  ProvisionGrantedV1,
  Role,
  Unit,
} from '@vangnet/contracts';
import { Clock } from '@vangnet/platform';
import { publishEvent, TestContext, TestService, waitFor } from '@vangnet/testing';
import { createHash, randomUUID } from 'crypto';
import { AccessFactsService } from '../src/access-facts/access-facts.service';
import { AppModule } from '../src/app.module';
import { CARE_PLANS_APP_OPTIONS } from '../src/app.options';

export const GM_LEIDEN = 'GM0546';
export const GM_LEIDERDORP = 'GM0547';
export const REGION = [GM_LEIDEN, GM_LEIDERDORP, 'GM0579', 'GM0626', 'GM0638'];
export const PROVIDER_AGB = '98000001';
export const OTHER_AGB = '98000002';

export interface CarePlans {
  ctx: TestContext;
  svc: TestService;
  clock: Clock;
  /** Leiden's municipal coordinator (buurtteam). */
  coordinator: string;
  close(): Promise<void>;
}

/** The real service on its own database and subject prefix, today fixed, the region's life domains known. */
export async function startCarePlans(today: string, env: Record<string, string> = {}): Promise<CarePlans> {
  const ctx = await TestContext.create();
  const svc = await ctx.start(AppModule, CARE_PLANS_APP_OPTIONS, { CARE_PLANS_JOB_INTERVAL_MS: '0', ...env });
  const clock = svc.app.get(Clock);
  clock.set(today);
  const coordinator = await ctx.token({ sub: 'regisseur', org: GM_LEIDEN, roles: [Role.CARE_PLANS_COORDINATOR], municipalities: [GM_LEIDEN] });
  const h: CarePlans = { ctx, svc, clock, coordinator, close: () => ctx.close() };
  for (const d of DOMAINS) await publishEvent(ctx, LIFE_DOMAIN_CHANGED_V1, d);
  const facts = svc.app.get(AccessFactsService);
  await eventually(async () => ((await facts.domains()).length === DOMAINS.length ? true : undefined));
  return h;
}

export const DOMAINS: LifeDomainChangedV1[] = [
  { code: 'FINANCES', label: 'Financiën', scaleMin: 1, scaleMax: 5, active: true, revision: 1, position: 1 },
  { code: 'HOUSING', label: 'Huisvesting', scaleMin: 1, scaleMax: 5, active: true, revision: 1, position: 2 },
  { code: 'MENTAL_HEALTH', label: 'Geestelijke gezondheid', scaleMin: 1, scaleMax: 5, active: true, revision: 1, position: 3 },
  { code: 'DAYTIME_ACTIVITIES', label: 'Dagbesteding', scaleMin: 1, scaleMax: 5, active: true, revision: 1, position: 4 },
];

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A pseudonym-shaped value, distinct per seed (tests never need the real HMAC). */
export const pseudonym = (seed: string) => createHash('sha256').update(seed).digest('hex');

export { publishEvent };

/** Poll until `check` gives a value (events are applied asynchronously): the test kit's `waitFor`. */
export const eventually = <T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> => waitFor<T>(check, timeoutMs);

export interface TestHousehold {
  householdId: string;
  resident: string;
  partner: string;
  child: string;
  /** The child's 18th birthday. */
  childEighteenOn: string;
}

/** A household of two adults and a child, as access publishes it, applied before this returns. */
export async function household(h: CarePlans, o: { municipality?: string; childEighteenOn?: string } = {}): Promise<TestHousehold> {
  const householdId = randomUUID();
  const resident = randomUUID();
  const partner = randomUUID();
  const child = randomUUID();
  const childEighteenOn = o.childEighteenOn ?? '2027-03-01';
  const event: HouseholdChangedV1 = {
    householdId,
    municipality: o.municipality ?? GM_LEIDEN,
    version: 1,
    members: [
      { personId: resident, personPseudonym: pseudonym(resident), role: HouseholdRole.APPLICANT, from: '2020-01-01' },
      { personId: partner, personPseudonym: pseudonym(partner), role: HouseholdRole.PARTNER, from: '2020-01-01' },
      { personId: child, personPseudonym: pseudonym(child), role: HouseholdRole.CHILD, from: '2020-01-01', minorOn: childEighteenOn },
    ],
  };
  await publishEvent(h.ctx, HOUSEHOLD_CHANGED_V1, event, { municipality: event.municipality });
  const facts = h.svc.app.get(AccessFactsService);
  await eventually(async () => ((await facts.household(householdId)) ? true : undefined));
  return { householdId, resident, partner, child, childEighteenOn };
}

/** A granted provision as access publishes it; a fresh lineage unless given. */
export function aGrant(o: Partial<ProvisionGrantedV1> & { personId: string }): ProvisionGrantedV1 {
  const id = o.provisionId ?? randomUUID();
  return {
    provisionId: id,
    lineageId: o.lineageId ?? id,
    version: 1,
    validFrom: '2026-10-01',
    decisionId: randomUUID(),
    personPseudonym: pseudonym(o.personId),
    product: { category: ProductCategory.GUIDANCE },
    deliveryForm: DeliveryForm.IN_KIND,
    providerAgb: PROVIDER_AGB,
    period: { start: '2026-10-01', end: '2027-09-30' },
    municipality: GM_LEIDEN,
    responsibleMunicipality: GM_LEIDEN,
    crisis: false,
    tariffCents: 6_500,
    volume: { amount: 3, unit: Unit.HOUR, frequency: Frequency.PER_WEEK },
    ...o,
  };
}

export async function grant(h: CarePlans, o: Partial<ProvisionGrantedV1> & { personId: string }): Promise<ProvisionGrantedV1> {
  const g = aGrant(o);
  await publishEvent(h.ctx, PROVISION_GRANTED_V1, g, { municipality: g.municipality });
  const facts = h.svc.app.get(AccessFactsService);
  await eventually(async () => ((await facts.provision(g.lineageId))?.version === g.version ? true : undefined));
  return g;
}

/** A plan for a new household, opened by Leiden's coordinator. */
export async function openPlan(h: CarePlans, o: { household?: TestHousehold; coordinatorOrg?: string; openedOn?: string } = {}) {
  const hh = o.household ?? (await household(h));
  const res = await h.svc.http
    .post('/api/care-plans/v1/plans')
    .set(auth(h.coordinator))
    .send({ householdId: hh.householdId, coordinatorOrg: o.coordinatorOrg ?? GM_LEIDEN, coordinatorTeam: 'Buurtteam Noord', openedOn: o.openedOn });
  if (res.status !== 201) throw new Error(`plan: ${res.status} ${JSON.stringify(res.body)}`);
  const participants = (await h.svc.http.get(`/api/care-plans/v1/plans/${res.body.id}/participants`).set(auth(h.coordinator)).expect(200)).body as Array<{ id: string; role: string; personId: string | null }>;
  const residentParticipant = participants.find((p) => p.personId === hh.resident)!;
  return { plan: res.body as { id: string; version: number; nextReviewOn: string }, household: hh, residentParticipantId: residentParticipant.id };
}

/** A provider added to the plan, with a consent unless `consent` is null. */
export async function addProvider(h: CarePlans, planId: string, residentParticipantId: string, o: { agb?: string; sections?: string[]; domains?: string[]; consent?: null } = {}) {
  const p = await h.svc.http
    .post(`/api/care-plans/v1/plans/${planId}/participants`)
    .set(auth(h.coordinator))
    .send({ role: 'PROVIDER', org: `AGB:${o.agb ?? PROVIDER_AGB}`, label: 'Zorgaanbieder' });
  if (p.status !== 201) throw new Error(`participant: ${p.status} ${JSON.stringify(p.body)}`);
  if (o.consent !== null) {
    const c = await h.svc.http
      .put(`/api/care-plans/v1/plans/${planId}/consent/${p.body.id}`)
      .set(auth(h.coordinator))
      .send({ sections: o.sections ?? ['GOALS'], domains: o.domains ?? ['FINANCES'], givenOn: h.clock.today(), method: 'IN_PERSON', instructedBy: residentParticipantId });
    if (c.status !== 200) throw new Error(`consent: ${c.status} ${JSON.stringify(c.body)}`);
  }
  return p.body as { id: string };
}
