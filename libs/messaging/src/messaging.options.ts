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
  /** How long JetStream waits for an ack before redelivering (default 30 s). */
  ackWaitMs?: number;
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
    ackWaitMs: o.ackWaitMs ?? 30_000,
    autoStart: o.autoStart ?? true,
  };
}

export function retryDelay(o: Required<MessagingOptions>, deliveries: number): number {
  return Math.min(o.maxRetryDelayMs, o.retryDelayMs * 2 ** Math.max(0, deliveries - 1));
}
