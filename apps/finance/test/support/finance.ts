import {
  DeliveryForm,
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
