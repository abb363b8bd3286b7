import { SetMetadata } from '@nestjs/common';
import { EventEnvelope } from '@vangnet/contracts';
import { ClassConstructor } from 'class-transformer';

export const ON_EVENT = 'vangnet:on-event';

export interface OnEventMetadata {
  subject: string;
  payload: ClassConstructor<object>;
  /** `each`: one call per event (@OnEvent); `batch`: one call per run of events (@OnEventBatch). */
  mode: 'each' | 'batch';
}

/**
 * Handle an event from JetStream, exactly once per consumer: the method runs inside a transaction
 * with the inbox row (repositories using `txHost.tx` and the Outbox join it), and the message is
 * acked after commit. The payload is validated against `payload` first; a payload that breaks its
 * contract becomes a dead letter at once.
 *
 *   @OnEvent(PROVISION_GRANTED_V1, ProvisionGrantedV1)
 *   async granted(data: ProvisionGrantedV1, event: EventEnvelope<ProvisionGrantedV1>) { … }
 */
export const OnEvent = (subject: string, payload: ClassConstructor<object>) =>
  SetMetadata<string, OnEventMetadata>(ON_EVENT, { subject, payload, mode: 'each' });

/**
 * Handle events of a subject a batch at a time, so the handler can write set-based (one
 * `INSERT … SELECT FROM unnest(…)` for the batch). Same guarantees as @OnEvent (ADR 0016):
 *
 * - the method runs in the inbox's transaction, with the inbox rows of exactly these events: each
 *   event is in the list at most once and never again after commit (duplicates and redeliveries
 *   are left out before the call);
 * - every payload was validated first (an invalid one is a dead letter and not in the list), and
 *   events older than the inbox remembers are refused as with @OnEvent;
 * - the events are in stream order, and a call holds a run of consecutive events of this subject
 *   (an event of another subject in between ends the run), so the order of the stream is kept;
 * - if the method throws, nothing of the batch is written (the transaction rolls back) and the
 *   inbox applies the batch again one event at a time, calling the method with a list of one:
 *   an event that fails alone is retried and dead-lettered as with @OnEvent, the others are applied
 *   once. A `PoisonEventError` thrown for a list of one dead-letters that event at once;
 * - a dead letter replayed through the API comes as a list of one.
 *
 * The events are also called one at a time when they arrive one at a time: the method must accept
 * any length from one up to the consumer's batch size.
 *
 *   @OnEventBatch(PROVISION_GRANTED_V1, ProvisionGrantedV1)
 *   async granted(events: InboxEvent<ProvisionGrantedV1>[]) { … }
 */
export const OnEventBatch = (subject: string, payload: ClassConstructor<object>) =>
  SetMetadata<string, OnEventMetadata>(ON_EVENT, { subject, payload, mode: 'batch' });

/** One event as a batch handler receives it: its validated payload, its envelope and where it came from. */
export interface InboxEvent<T = unknown> {
  /** The payload, validated against its contract class (an instance of it). */
  data: T;
  envelope: EventEnvelope<T>;
  /** The JetStream stream sequence (absent for a dead letter replayed through the API). */
  streamSequence?: number;
  /** How often JetStream delivered it (1 the first time; 0 for a replayed dead letter). */
  deliveries: number;
  /** The W3C traceparent it travelled with, if any. */
  traceparent?: string;
}

export type EventHandlerFn<T = unknown> = (data: T, envelope: EventEnvelope<T>) => Promise<void> | void;

export type EventBatchHandlerFn<T = unknown> = (events: InboxEvent<T>[]) => Promise<void> | void;

/** Throw from a handler when the event can never be applied: it becomes a dead letter at once. */
export class PoisonEventError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
