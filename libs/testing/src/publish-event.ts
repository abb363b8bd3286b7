import { EventEnvelope, sourceOf } from '@vangnet/contracts';
import { ensureStream, prefixed } from '@vangnet/messaging';
import { randomUUID } from 'crypto';
import { TestContext } from './test-context';

/** Publish an event into its producer's stream, as that service's outbox relay would. */
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
