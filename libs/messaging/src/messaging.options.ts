import { ServiceName } from '@vangnet/contracts';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export interface MessagingOptions {
  service: ServiceName;
  /** Durable consumer name (default: the service name). */
  consumerName?: string;
  /** Deliveries before a failing event becomes a dead letter (VANGNET_MAX_DELIVERIES, default 5). */
  maxDeliveries?: number;
  /** First redelivery delay; it doubles per delivery up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Events per relay batch and per consumer transaction. */
  batchSize?: number;
  /** How often the relay looks for due rows when no NOTIFY arrives. */
  relayPollMs?: number;
  /**
   * How long JetStream waits for an ack before redelivering (VANGNET_ACK_WAIT_MS, default 5 s).
   * Short, so what a killed consumer had pulled comes back within seconds; the consumer keeps the
   * messages it holds alive with progress acks (`working()`) while a batch takes longer.
   */
  ackWaitMs?: number;
  /** How long a stream keeps an event (VANGNET_STREAM_MAX_AGE_DAYS, default 30 days). */
  streamMaxAgeMs?: number;
  /**
   * How long an inbox row is kept (VANGNET_INBOX_RETENTION_DAYS, default twice the stream's max
   * age; never less than the max age plus a day). Events older than this are refused as dead
   * letters, since their inbox row may be gone (ADR 0013).
   */
  inboxRetentionMs?: number;
  /** How often the inbox is pruned (0: never on a timer). */
  inboxPruneIntervalMs?: number;
  /** Start the relay and the consumers (tests may drive them by hand). */
  autoStart?: boolean;
}

export function resolvedOptions(o: MessagingOptions): Required<MessagingOptions> {
  return {
    service: o.service,
    consumerName: o.consumerName ?? o.service,
    maxDeliveries: o.maxDeliveries ?? Number(process.env.VANGNET_MAX_DELIVERIES ?? 5),
    retryDelayMs: o.retryDelayMs ?? 500,
    maxRetryDelayMs: o.maxRetryDelayMs ?? 30_000,
    batchSize: o.batchSize ?? 256,
    relayPollMs: o.relayPollMs ?? Number(process.env.VANGNET_RELAY_POLL_MS ?? 1000),
    ackWaitMs: o.ackWaitMs ?? ackWaitFromEnv(),
    streamMaxAgeMs: o.streamMaxAgeMs ?? streamMaxAgeMs(),
    inboxRetentionMs: inboxRetention(o),
    inboxPruneIntervalMs: o.inboxPruneIntervalMs ?? 3_600_000,
    autoStart: o.autoStart ?? true,
  };
}

const DAY_MS = 86_400_000;

/** JetStream's ack wait for a durable consumer (`VANGNET_ACK_WAIT_MS`, 5 s): how soon an event a dead consumer held goes to another. */
export function ackWaitFromEnv(): number {
  const ms = Number(process.env.VANGNET_ACK_WAIT_MS ?? 5000);
  if (!(ms >= 1000)) throw new Error(`VANGNET_ACK_WAIT_MS must be at least 1000 (ms), not "${process.env.VANGNET_ACK_WAIT_MS}"`);
  return ms;
}

/** The streams' max_age: the same for every service of a deployment (each owner brings its stream up to date). */
export function streamMaxAgeMs(): number {
  const days = Number(process.env.VANGNET_STREAM_MAX_AGE_DAYS ?? 30);
  if (!(days > 0)) throw new Error(`VANGNET_STREAM_MAX_AGE_DAYS must be a positive number of days, not "${process.env.VANGNET_STREAM_MAX_AGE_DAYS}"`);
  return days * DAY_MS;
}

/**
 * The inbox keeps a row at least a day longer than the stream keeps the event it names: a row is
 * only pruned once no copy of its event can still be delivered (ADR 0013).
 */
function inboxRetention(o: MessagingOptions): number {
  const maxAge = o.streamMaxAgeMs ?? streamMaxAgeMs();
  const env = process.env.VANGNET_INBOX_RETENTION_DAYS;
  const wanted = o.inboxRetentionMs ?? (env ? Number(env) * DAY_MS : 2 * maxAge);
  if (!(wanted > 0)) throw new Error(`VANGNET_INBOX_RETENTION_DAYS must be a positive number of days, not "${env}"`);
  return o.inboxRetentionMs !== undefined ? Math.max(wanted, maxAge) : Math.max(wanted, maxAge + DAY_MS);
}

export function retryDelay(o: Required<MessagingOptions>, deliveries: number): number {
  return Math.min(o.maxRetryDelayMs, o.retryDelayMs * 2 ** Math.max(0, deliveries - 1));
}
