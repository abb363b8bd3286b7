import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { eventDefinition, EventEnvelope, isEventSubject, sourceOf, validatePayload } from '@vangnet/contracts';
import { currentCorrelationId } from '@vangnet/observability';
import { unnest } from '@vangnet/persistence';
import { randomUUID } from 'crypto';
import { ClsServiceManager } from 'nestjs-cls';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';
import { activeTraceContext } from '../trace-context';

/** The event being handled, so events published while handling it name it as their cause. */
export const CLS_CAUSATION_ID = 'vangnet.causationId';

export interface NewEvent<T> {
  /** The subject from libs/contracts, e.g. PROVISION_GRANTED_V1. */
  type: string;
  data: T;
  /** The tenant whose staff acted; null for a region-wide fact. */
  municipality: string | null;
  causationId?: string;
  /** Set for tests and imports; normally a new UUID. */
  id?: string;
}

export class OutboxOutsideTransactionError extends Error {
  constructor() {
    super('Outbox.publish must run inside the transaction that changes the state (use @Transactional() or txHost.withTransaction)');
  }
}

/**
 * Writes events into the outbox table in the caller's transaction: the event exists exactly when
 * the state change does. The relay publishes it to JetStream after commit.
 */
@Injectable()
export class Outbox {
  private readonly source: string;

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
  ) {
    this.source = sourceOf(options.service);
  }

  async publish<T>(event: NewEvent<T>): Promise<EventEnvelope<T>> {
    const [envelope] = await this.publishAll([event]);
    return envelope;
  }

  async publishAll<T>(events: NewEvent<T>[]): Promise<EventEnvelope<T>[]> {
    if (!this.txHost.isTransactionActive()) throw new OutboxOutsideTransactionError();
    if (events.length === 0) return [];
    const cls = ClsServiceManager.getClsService();
    const correlationId = currentCorrelationId() ?? randomUUID();
    const causation = cls.isActive() ? cls.get<string | undefined>(CLS_CAUSATION_ID) : undefined;
    const time = new Date().toISOString();
    const envelopes = events.map((e) => {
      this.check(e);
      const envelope: EventEnvelope<T> = {
        id: e.id ?? randomUUID(),
        type: e.type,
        source: this.source,
        time,
        municipality: e.municipality,
        correlationId,
        data: e.data,
      };
      const causationId = e.causationId ?? causation;
      if (causationId) envelope.causationId = causationId;
      return envelope;
    });
    // The trace context travels beside the envelope (in the row, then in NATS headers), as HTTP
    // carries it beside the body: the envelope stays the contract.
    const trace = activeTraceContext();
    const rows = unnest(envelopes, {
      id: ['uuid', (e) => e.id],
      subject: ['text', (e) => e.type],
      envelope: ['jsonb', (e) => JSON.stringify(e)],
      traceparent: ['text', () => trace.traceparent ?? null],
      tracestate: ['text', () => trace.tracestate ?? null],
    });
    await this.txHost.tx.query(`INSERT INTO outbox (${rows.columns}) SELECT ${rows.columns} FROM ${rows.from}`, rows.params);
    return envelopes;
  }

  // A producer bug (wrong subject, payload not matching its contract) must fail the transaction,
  // not reach every consumer's dead-letter table.
  private check<T>(e: NewEvent<T>): void {
    if (!isEventSubject(e.type)) throw new Error(`${e.type} is not an event subject (<service>.<aggregate>.<past>.v<N>)`);
    if (!e.type.startsWith(`${this.source.slice('urn:vangnet:'.length)}.`)) {
      throw new Error(`${this.source} may only publish its own events, not ${e.type}`);
    }
    const definition = eventDefinition(e.type);
    if (definition) {
      const result = validatePayload(definition.payload, e.data);
      if (!result.ok) {
        throw new Error(`${e.type} payload breaks its contract: ${result.invalidParams.map((p) => `${p.name} ${p.code}`).join(', ')}`);
      }
    }
  }
}
