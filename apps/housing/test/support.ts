import { EventEnvelope, Role, sourceOf } from '@vangnet/contracts';
import { ensureStream, prefixed } from '@vangnet/messaging';
import { Clock } from '@vangnet/platform';
import { TestContext, TestService } from '@vangnet/testing';
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

/** Publish an event into another service's stream, as its outbox relay would. */
export async function publishEvent<T>(ctx: TestContext, type: string, data: T, opts: { id?: string; municipality?: string | null } = {}): Promise<EventEnvelope<T>> {
  const service = type.split('.')[0] as 'access';
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

/** Poll until `check` gives a value (events are applied asynchronously). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 100));
  }
}
