import { EventEnvelope, Role, sourceOf } from '@vangnet/contracts';
import { ensureStream, prefixed } from '@vangnet/messaging';
import { Clock } from '@vangnet/platform';
import { TestContext, TestService } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { AppModule } from '../src/app.module';
import { PROCUREMENT_APP_OPTIONS } from '../src/app.options';
import { ContractCalendarJob } from '../src/contracts/contract-calendar.job';

export const GM_LEIDEN = 'GM0546';
export const GM_LEIDERDORP = 'GM0547';
export const GM_OEGSTGEEST = 'GM0579';
export const GM_VOORSCHOTEN = 'GM0626';
export const GM_ZOETERWOUDE = 'GM0638';
export const REGION = [GM_LEIDEN, GM_LEIDERDORP, GM_OEGSTGEEST, GM_VOORSCHOTEN, GM_ZOETERWOUDE];

export interface Procurement {
  ctx: TestContext;
  svc: TestService;
  /** Contract manager for the whole region. */
  manager: string;
  clock: Clock;
  runCalendar(): Promise<{ ended: number; announced: number }>;
  close(): Promise<void>;
}

/** The real service against its own database and subject prefix; the calendar timer is off (tests run it). */
export async function startProcurement(today: string, env: Record<string, string> = {}): Promise<Procurement> {
  const ctx = await TestContext.create();
  const svc = await ctx.start(AppModule, PROCUREMENT_APP_OPTIONS, { PROCUREMENT_JOB_INTERVAL_MS: '0', ...env });
  const clock = svc.app.get(Clock);
  clock.set(today);
  const manager = await ctx.token({ sub: 'manager', org: GM_LEIDEN, roles: [Role.PROCUREMENT_CONTRACT_MANAGER], municipalities: REGION });
  return { ctx, svc, manager, clock, runCalendar: () => svc.app.get(ContractCalendarJob).runOnce(), close: () => ctx.close() };
}

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

export function provider(agb: string, name = `Provider ${agb}`) {
  return { agb, kvk: `4${agb.slice(1)}`, name, kind: 'CARE_PROVIDER', contact: { email: `info@${agb}.example.nl` } };
}

export interface ProductInput {
  product: { category: string; code?: string };
  variant?: string;
  unit?: string;
  crisis?: boolean;
  tariffs: Array<{ year: number; tariffCents: number }>;
  indexationBasisPoints?: number;
}

export function contract(reference: string, providerAgb: string, municipalities: string[], term: { start: string; end: string }, products: ProductInput[], extra: Record<string, unknown> = {}) {
  return {
    reference,
    providerAgb,
    municipalities,
    term,
    products: products.map((p) => ({ variant: 'EFFORT', unit: 'HOUR', ...p })),
    ...extra,
  };
}

/** Publish an event into another service's stream, as its outbox relay would. */
export async function publishEvent<T>(ctx: TestContext, type: string, data: T, opts: { id?: string; municipality?: string | null } = {}): Promise<EventEnvelope<T>> {
  const service = type.split('.')[0] as 'finance';
  await ensureStream(await ctx.nc.jetstreamManager(), service);
  const envelope: EventEnvelope<T> = {
    id: opts.id ?? randomUUID(),
    type,
    source: sourceOf(service),
    time: new Date().toISOString(),
    municipality: opts.municipality ?? null,
    correlationId: randomUUID(),
    data,
  };
  await ctx.nc.jetstream().publish(prefixed(type), Buffer.from(JSON.stringify(envelope)), { msgID: envelope.id });
  return envelope;
}
