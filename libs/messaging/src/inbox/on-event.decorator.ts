import { SetMetadata } from '@nestjs/common';
import { EventEnvelope } from '@vangnet/contracts';
import { ClassConstructor } from 'class-transformer';

export const ON_EVENT = 'vangnet:on-event';

export interface OnEventMetadata {
  subject: string;
  payload: ClassConstructor<object>;
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
  SetMetadata<string, OnEventMetadata>(ON_EVENT, { subject, payload });

export type EventHandlerFn<T = unknown> = (data: T, envelope: EventEnvelope<T>) => Promise<void> | void;

/** Throw from a handler when the event can never be applied: it becomes a dead letter at once. */
export class PoisonEventError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
