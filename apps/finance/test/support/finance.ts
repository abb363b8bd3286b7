import {
  DeliveryForm,
  PROVISION_GRANTED_V1,
  TARIFF_PUBLISHED_V1,
  EventEnvelope,
  FinancingVariant,
  Frequency,
  ProvisionChangedV1,
  ProvisionEndedV1,
  ProvisionGrantedV1,
  Role,
  ServiceName,
  sourceOf,
  TARIFF_GET,
  TariffGetReply,
  TariffGetRequest,
  TariffPublishedV1,
  Unit,
} from '@vangnet/contracts';
import { Clock } from '@vangnet/platform';
import { StubResponder, TestContext, TestService, waitFor } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { prefixed } from '@vangnet/messaging';
import { AppModule } from '../../src/app.module';
import { FINANCE_APP_OPTIONS } from '../../src/app.options';
import { CommitmentProjector } from '../../src/commitments/commitment.projector';

export const LEIDEN = 'GM0546';
export const LEIDERDORP = 'GM0547';
export const OEGSTGEEST = 'GM0579';
export const PROVIDER = '98000001';
export const OTHER_PROVIDER = '98000002';
export const PSEUDONYM = 'cd'.repeat(32);

/** A provider of the test's own (so its spend, references and tariffs are its alone): an AGB code. */
export function anAgb(): string {
  return `9${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
}

/** A provider's token for its own AGB. */
export function providerToken(ctx: TestContext, agb: string): Promise<string> {
  return ctx.token({ sub: `provider-${agb}`, org: `AGB:${agb}`, roles: [Role.PROVIDER] });
}

/** A controller's token for these municipalities (a second `sub` makes a second controller). */
export function controllerToken(ctx: TestContext, municipalities: string[], sub = 'controller-1'): Promise<string> {
  return ctx.token({ sub, org: municipalities[0], roles: [Role.FINANCE_CONTROLLER], municipalities });
}

/**
 * A provider of the test's own with its contract: one tariff per year published the way
 * procurement publishes them (€ 65.00 an hour for 02/02A01 unless said). Returns its AGB.
 */
export async function aContractedProvider(ctx: TestContext, tariffs: Array<Partial<TariffPublishedV1>> = [{}]): Promise<string> {
  const agb = anAgb();
  const contractId = randomUUID();
  for (const t of tariffs) await publishEvent(ctx, TARIFF_PUBLISHED_V1, aTariff({ contractId, providerAgb: agb, ...t }), { municipality: null });
  return agb;
}

/** Publish these grants as access would and wait until each lineage's commitment has the status. */
export async function grantAll(ctx: TestContext, svc: TestService, token: string, grants: ProvisionGrantedV1[], status = 'BOOKED'): Promise<void> {
  for (const g of grants) await publishEvent(ctx, PROVISION_GRANTED_V1, g, { municipality: g.municipality });
  for (const g of grants) await waitForCommitment(svc, token, g.provisionId, (b) => b.status === status);
}

/** A declaration line as a provider sends it: 10 hours in May 2026 at € 65.00 on `provisionId`. */
export function aLineBody(provisionId: string, o: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    reference: `R-${randomUUID().slice(0, 8)}`,
    provisionId,
    product: { category: '02', code: '02A01' },
    period: { start: '2026-05-01', end: '2026-05-31' },
    volume: 10,
    unit: 'HOUR',
    tariffCents: 6500,
    amountCents: 65_000,
    debitCredit: 'DEBIT',
    ...o,
  };
}

/** A declaration to Leiden for May 2026 with these lines, under a number of its own. */
export function aDeclarationBody(lines: Array<Record<string, unknown>>, o: Record<string, unknown> = {}): { lines: Array<Record<string, unknown>>; [field: string]: unknown } {
  return { municipality: LEIDEN, declarationNumber: `D-${randomUUID().slice(0, 8)}`, period: { start: '2026-05-01', end: '2026-05-31' }, lines, ...o };
}

export async function startFinance(ctx: TestContext, today: string, env: Record<string, string> = {}): Promise<TestService> {
  const svc = await ctx.start(AppModule, FINANCE_APP_OPTIONS, env);
  svc.app.get(Clock).set(today);
  return svc;
}

export interface Tokens {
  controller: string;
  secondController: string;
  otherMunicipality: string;
  provider: string;
  otherProvider: string;
  analyst: string;
}

export async function tokens(ctx: TestContext): Promise<Tokens> {
  return {
    controller: await ctx.token({ sub: 'controller-1', org: LEIDEN, roles: [Role.FINANCE_CONTROLLER], municipalities: [LEIDEN, LEIDERDORP] }),
    secondController: await ctx.token({ sub: 'controller-2', org: LEIDEN, roles: [Role.FINANCE_CONTROLLER], municipalities: [LEIDEN, LEIDERDORP] }),
    otherMunicipality: await ctx.token({ sub: 'controller-3', org: OEGSTGEEST, roles: [Role.FINANCE_CONTROLLER], municipalities: [OEGSTGEEST] }),
    provider: await ctx.token({ sub: 'provider-user', org: `AGB:${PROVIDER}`, roles: [Role.PROVIDER] }),
    otherProvider: await ctx.token({ sub: 'other-provider-user', org: `AGB:${OTHER_PROVIDER}`, roles: [Role.PROVIDER] }),
    analyst: await ctx.token({ sub: 'analyst', org: 'ORG:12345678', roles: [Role.REGIONAL_ANALYST] }),
  };
}

/** Publish an envelope to JetStream as the producing service's outbox relay would (msgID = id). */
export async function publishEvent<T>(
  ctx: TestContext,
  type: string,
  data: T,
  opts: { service?: ServiceName; municipality?: string | null; id?: string; time?: string } = {},
): Promise<string> {
  const id = opts.id ?? randomUUID();
  const envelope: EventEnvelope<T> = {
    id,
    type,
    source: sourceOf(opts.service ?? (type.split('.')[0] as ServiceName)),
    time: opts.time ?? new Date().toISOString(),
    municipality: opts.municipality === undefined ? LEIDEN : opts.municipality,
    correlationId: randomUUID(),
    data,
  };
  await ctx.nc.jetstream().publish(prefixed(type), Buffer.from(JSON.stringify(envelope)), { msgID: id });
  return id;
}

export function aGrant(overrides: Partial<ProvisionGrantedV1> = {}): ProvisionGrantedV1 {
  const provisionId = overrides.provisionId ?? randomUUID();
  return {
    provisionId,
    lineageId: provisionId,
    version: 1,
    validFrom: '2026-01-01',
    decisionId: randomUUID(),
    personId: randomUUID(),
    personPseudonym: PSEUDONYM,
    product: { category: '02' as ProvisionGrantedV1['product']['category'], code: '02A01' },
    deliveryForm: DeliveryForm.IN_KIND,
    providerAgb: PROVIDER,
    volume: { amount: 4, unit: Unit.HOUR, frequency: Frequency.PER_WEEK },
    period: { start: '2026-01-01', end: '2026-12-31' },
    tariffCents: 6500,
    tariffUnit: Unit.HOUR,
    variant: FinancingVariant.EFFORT,
    municipality: LEIDEN,
    responsibleMunicipality: LEIDEN,
    crisis: false,
    ...overrides,
  };
}

export function aChange(previous: ProvisionGrantedV1, overrides: Partial<ProvisionChangedV1> = {}): ProvisionChangedV1 {
  return {
    ...previous,
    provisionId: randomUUID(),
    version: previous.version + 1,
    previousProvisionId: previous.provisionId,
    ...overrides,
  };
}

export function anEnd(grant: ProvisionGrantedV1, endDate: string): ProvisionEndedV1 {
  return { provisionId: grant.provisionId, lineageId: grant.lineageId, endDate, reason: 'ENDED_BY_CLIENT' as ProvisionEndedV1['reason'] };
}

export const CONTRACT_ID = '11111111-1111-4111-8111-111111111111';

export function aTariff(overrides: Partial<TariffPublishedV1> = {}): TariffPublishedV1 {
  return {
    contractId: CONTRACT_ID,
    providerAgb: PROVIDER,
    municipalities: [LEIDEN, LEIDERDORP, OEGSTGEEST],
    product: { category: '02' as TariffPublishedV1['product']['category'], code: '02A01' },
    variant: FinancingVariant.EFFORT,
    unit: Unit.HOUR,
    year: 2026,
    tariffCents: 6500,
    validFrom: '2026-01-01',
    crisis: false,
    ...overrides,
  };
}

/**
 * Procurement's stand-in for `procurement.tariff.get`: answers from a table of (year → tariff),
 * or refuses with NO_TARIFF. Counts the questions.
 */
export class ProcurementTariffStandIn {
  asked: TariffGetRequest[] = [];
  private stub?: StubResponder<TariffGetRequest>;

  constructor(private readonly tariffs: Record<string, number>) {}

  async start(ctx: TestContext): Promise<this> {
    this.stub = await ctx.stub<TariffGetRequest>(
      TARIFF_GET,
      (req) => {
        this.asked.push(req);
        const year = Number(req.date.slice(0, 4));
        const tariff = this.tariffs[`${req.product.category}${req.product.code ?? ''}|${year}`];
        if (tariff === undefined) return { error: { code: 'NO_TARIFF', message: `no tariff for ${year}` } };
        const reply: TariffGetReply = { contractId: CONTRACT_ID, variant: FinancingVariant.EFFORT, unit: Unit.HOUR, tariffCents: tariff, year };
        return { reply };
      },
      { queue: 'procurement' },
    );
    return this;
  }

  async stop(): Promise<void> {
    await this.stub?.stop();
  }
}

export async function commitmentOf(svc: TestService, token: string, provisionId: string): Promise<{ status: number; body: Record<string, unknown> }> {
  await svc.app.get(CommitmentProjector).drain();
  const res = await svc.http.get(`/api/finance/v1/commitments?provisionId=${provisionId}`).set('Authorization', `Bearer ${token}`);
  return { status: res.status, body: res.body };
}

/** Wait until the lineage's commitment satisfies `ready` (events travel through JetStream first). */
export async function waitForCommitment(
  svc: TestService,
  token: string,
  provisionId: string,
  ready: (body: Record<string, unknown>) => boolean,
  timeoutMs = 10_000,
): Promise<Record<string, unknown>> {
  return waitFor(async () => {
    const { status, body } = await commitmentOf(svc, token, provisionId);
    return status === 200 && ready(body) ? body : undefined;
  }, timeoutMs, `the commitment of ${provisionId}`);
}

export const yearsOf = (body: Record<string, unknown>) => body.years as Array<{ year: number; amountCents: number }>;
