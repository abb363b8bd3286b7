import { EventEnvelope, serviceOfSubject } from '@vangnet/contracts';
import { ensureStream, prefixed, streamName } from '@vangnet/messaging';
import { AckPolicy, ConsumerMessages, DeliverPolicy, nanos, NatsConnection } from 'nats';
import { waitFor } from './wait';

/**
 * Reads events of one subject from its stream (from the start), for assertions: did the event
 * arrive, with which contents, how many times.
 */
export class EventProbe<T = unknown> {
  readonly events: Array<EventEnvelope<T>> = [];
  private messages?: ConsumerMessages;

  private constructor(readonly subject: string) {}

  static async start<T>(nc: NatsConnection, subject: string): Promise<EventProbe<T>> {
    const probe = new EventProbe<T>(subject);
    await ensureStream(await nc.jetstreamManager(), serviceOfSubject(subject));
    // An ephemeral pull consumer: nats.js's ordered consumer hangs against nats-server 2.9.
    const stream = streamName(serviceOfSubject(subject));
    const info = await (await nc.jetstreamManager()).consumers.add(stream, {
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.All,
      filter_subject: prefixed(subject),
      inactive_threshold: nanos(120_000),
    });
    const consumer = await nc.jetstream().consumers.get(stream, info.name);
    const messages = await consumer.consume();
    probe.messages = messages;
    void (async () => {
      for await (const m of messages) probe.events.push(JSON.parse(Buffer.from(m.data).toString('utf8')));
    })().catch(() => undefined);
    return probe;
  }

  /** The first event (in stream order) matching `match`, waiting for it if needed. */
  async next(match: (e: EventEnvelope<T>) => boolean = () => true, timeoutMs = 10_000): Promise<EventEnvelope<T>> {
    return waitFor(() => this.events.find(match), timeoutMs, `an event on ${this.subject}`);
  }

  matching(match: (e: EventEnvelope<T>) => boolean): Array<EventEnvelope<T>> {
    return this.events.filter(match);
  }

  async stop(): Promise<void> {
    await this.messages?.close().catch(() => undefined);
  }
}
