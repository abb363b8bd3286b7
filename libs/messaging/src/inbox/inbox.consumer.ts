import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { CommonErrorCode, DomainError, envelopeProblems, EventEnvelope, serviceOfSubject, ServiceName, validatePayload } from '@vangnet/contracts';
import { MetricsService, runWithCorrelation } from '@vangnet/observability';
import { isTransientDatabaseError, unnest } from '@vangnet/persistence';
import { ClassConstructor } from 'class-transformer';
import { ClsServiceManager, CLS_ID } from 'nestjs-cls';
import { ConsumerMessages, JsMsg, NatsConnection } from 'nats';
import { ensureDurableConsumer, ensureStream } from '../jetstream';
import { MESSAGING_OPTIONS, MessagingOptions, resolvedOptions, retryDelay } from '../messaging.options';
import { NATS_CONNECTION } from '../nats.module';
import { CLS_CAUSATION_ID } from '../outbox/outbox.service';
import { streamName, streamSubject, unprefixed } from '../subjects';
import { DeadLetter, DeadLetterReplayer, DeadLetterStore } from './dead-letters';
import { EventHandlerFn, ON_EVENT, OnEventMetadata, PoisonEventError } from './on-event.decorator';

interface Handler {
  subject: string;
  payload: ClassConstructor<object>;
  fn: EventHandlerFn<object>;
  name: string;
}

/** What the inbox insert returns: the events this consumer had not applied yet. */
interface InsertedInboxRow {
  message_id: string;
}

interface Work {
  msg: JsMsg;
  envelope: EventEnvelope<object>;
  handler: Handler;
}

interface Source {
  service: ServiceName;
  stream: string;
  queue: JsMsg[];
  messages?: ConsumerMessages;
  working?: boolean;
  worker?: Promise<void>;
  loop?: Promise<void>;
}

/**
 * Runs the service's @OnEvent handlers from one durable pull consumer per producing stream.
 * Each batch is applied in one transaction with one inbox row per event ((consumer, message_id)
 * primary key: an event applied once stays applied once), and acked after commit. When a batch
 * fails, its events are retried one by one: a failing event is nak'ed with a growing delay and
 * becomes a dead letter after N deliveries; a database or broker outage is retried without limit.
 */
@Injectable()
export class InboxConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown, DeadLetterReplayer {
  private readonly logger = new Logger(InboxConsumer.name);
  private readonly options: ReturnType<typeof resolvedOptions>;
  private readonly handlers = new Map<string, Handler>();
  private readonly sources = new Map<ServiceName, Source>();
  private running = false;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly deadLetters: DeadLetterStore,
    private readonly metrics: MetricsService,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {
    this.options = resolvedOptions(options);
  }

  get consumerName(): string {
    return this.options.consumerName;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.discover();
    if (this.options.autoStart) await this.start();
  }

  /** The subjects this service handles. */
  subjects(): string[] {
    return [...this.handlers.keys()];
  }

  async start(): Promise<void> {
    if (this.running || this.handlers.size === 0) return;
    this.running = true;
    const jsm = await this.nc.jetstreamManager();
    for (const service of new Set([...this.handlers.keys()].map(serviceOfSubject))) {
      const stream = await ensureStream(jsm, service);
      await ensureDurableConsumer(jsm, {
        stream,
        durable: this.options.consumerName,
        filterSubject: streamSubject(service),
        ackWaitMs: this.options.ackWaitMs,
      });
      const source: Source = { service, stream, queue: [] };
      this.sources.set(service, source);
      source.loop = this.consume(source);
    }
  }

  /** Stop pulling, finish the batch in hand, hand back what was queued. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const s of this.sources.values()) s.messages?.stop();
    await Promise.all([...this.sources.values()].map((s) => s.loop));
    await Promise.all([...this.sources.values()].map((s) => s.worker));
    for (const s of this.sources.values()) for (const m of s.queue.splice(0)) m.nak();
    this.sources.clear();
  }

  private discover(): void {
    if (this.handlers.size) return;
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const proto = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const meta = this.reflector.get<OnEventMetadata | undefined>(ON_EVENT, proto[method]);
        if (!meta) continue;
        if (this.handlers.has(meta.subject)) throw new Error(`two handlers for ${meta.subject} in one service`);
        const fn = (instance[method] as EventHandlerFn<object>).bind(instance);
        this.handlers.set(meta.subject, { subject: meta.subject, payload: meta.payload, fn, name: `${proto.constructor.name}.${method}` });
      }
    }
  }

  private async consume(source: Source): Promise<void> {
    while (this.running) {
      try {
        const consumer = await this.nc.jetstream().consumers.get(source.stream, this.options.consumerName);
        source.messages = await consumer.consume({ max_messages: this.options.batchSize * 2 });
        for await (const m of source.messages) {
          source.queue.push(m);
          this.kick(source);
        }
      } catch (e) {
        if (this.running) this.logger.warn(`consumer ${source.stream}/${this.options.consumerName}: ${(e as Error).message}; retrying`);
      }
      if (this.running) await new Promise((r) => setTimeout(r, 1000));
    }
  }

  // One worker per source applies the queue in order. `working` is cleared in the same synchronous
  // step as the last look at the queue: were they a microtask apart (a .finally() on the promise),
  // a message pushed in between would wait for JetStream's redelivery.
  private kick(source: Source): void {
    if (source.working) return;
    source.working = true;
    source.worker = (async () => {
      try {
        while (source.queue.length) {
          const batch = source.queue.splice(0, this.options.batchSize);
          try {
            await this.processBatch(batch);
          } catch (e) {
            this.logger.error(`batch from ${source.stream} failed unexpectedly: ${(e as Error).message}`);
            for (const m of batch) m.nak(retryDelay(this.options, 1));
          }
        }
      } finally {
        source.working = false;
      }
    })();
  }

  /** Apply a batch of messages; exported for tests that drive the consumer by hand. */
  async processBatch(msgs: JsMsg[]): Promise<void> {
    const work: Work[] = [];
    for (const msg of msgs) {
      const w = await this.triage(msg);
      if (w) work.push(w);
    }
    if (work.length === 0) return;
    if (work.length > 1) {
      try {
        await this.apply(work);
        for (const w of work) w.msg.ack();
        return;
      } catch {
        // Find the failing event(s): retry one by one, so one bad event cannot hold up the rest.
      }
    }
    for (const w of work) await this.processOne(w);
  }

  // Decode and validate; settle what needs no handler. Returns the work for a handler.
  private async triage(msg: JsMsg): Promise<Work | undefined> {
    const subject = unprefixed(msg.subject);
    const raw = Buffer.from(msg.data).toString('utf8');
    let envelope: EventEnvelope<object>;
    try {
      envelope = JSON.parse(raw);
    } catch {
      return this.poison(msg, subject, raw, 'INVALID_JSON', 'the message is not valid JSON');
    }
    const handler = this.handlers.get(subject);
    if (!handler) {
      msg.ack();
      return undefined;
    }
    const problems = envelopeProblems(envelope);
    if (problems.length || envelope.type !== subject) {
      const why = problems.length ? problems.map((p) => `${p.name}: ${p.reason}`).join('; ') : `type ${envelope.type} does not match subject ${subject}`;
      return this.poison(msg, subject, raw, 'INVALID_ENVELOPE', why, (envelope as { id?: string })?.id);
    }
    const checked = validatePayload(handler.payload, envelope.data);
    if (!checked.ok) {
      return this.poison(msg, subject, raw, 'INVALID_PAYLOAD', describe(checked.invalidParams), envelope.id);
    }
    return { msg, envelope: { ...envelope, data: checked.value }, handler };
  }

  private async apply(work: Work[]): Promise<void> {
    const cls = ClsServiceManager.getClsService();
    await runWithCorrelation(work[0].envelope.correlationId, undefined, () =>
      this.txHost.withTransaction(async () => {
        const rows = unnest(work, { message_id: ['uuid', (w) => w.envelope.id], subject: ['text', (w) => w.envelope.type] }, 2);
        const inserted: InsertedInboxRow[] = await this.txHost.tx.query(
          `INSERT INTO inbox (consumer, ${rows.columns}) SELECT $1, ${rows.columns} FROM ${rows.from} ON CONFLICT DO NOTHING RETURNING message_id`,
          [this.options.consumerName, ...rows.params],
        );
        const fresh = new Set(inserted.map((r) => r.message_id));
        for (const w of work) {
          const end = this.metrics.messageDuration.startTimer({ kind: 'event', subject: w.envelope.type });
          if (!fresh.delete(w.envelope.id)) {
            end({ outcome: 'duplicate' });
            continue;
          }
          cls.set(CLS_ID, w.envelope.correlationId);
          cls.set(CLS_CAUSATION_ID, w.envelope.id);
          await w.handler.fn(w.envelope.data, w.envelope);
          end({ outcome: 'ok' });
        }
      }),
    );
  }

  private async processOne(w: Work): Promise<void> {
    try {
      await this.apply([w]);
      w.msg.ack();
    } catch (e) {
      await this.failed(w, e);
    }
  }

  private async failed(w: Work, e: unknown): Promise<void> {
    const deliveries = w.msg.info.deliveryCount;
    const message = (e as Error)?.message ?? String(e);
    if (isTransientDatabaseError(e)) {
      this.logger.warn(`${w.envelope.type} ${w.envelope.id}: database unavailable (${message}); will retry`);
      w.msg.nak(retryDelay(this.options, Math.min(deliveries, 4)));
      return;
    }
    const poison = e instanceof PoisonEventError;
    if (poison || deliveries >= this.options.maxDeliveries) {
      const code = poison ? (e as PoisonEventError).code : e instanceof DomainError ? e.code : 'HANDLER_FAILED';
      await this.poison(w.msg, w.envelope.type, Buffer.from(w.msg.data).toString('utf8'), code, `${w.handler.name}: ${message}`, w.envelope.id);
      return;
    }
    this.logger.warn(`${w.envelope.type} ${w.envelope.id} failed (delivery ${deliveries} of ${this.options.maxDeliveries}): ${message}`);
    this.metrics.messageDuration.observe({ kind: 'event', subject: w.envelope.type, outcome: 'retry' }, 0);
    w.msg.nak(retryDelay(this.options, deliveries));
  }

  private async poison(msg: JsMsg, subject: string, payload: string, code: string, reason: string, messageId?: string): Promise<undefined> {
    try {
      await this.deadLetters.add({
        consumer: this.options.consumerName,
        messageId,
        subject,
        streamSequence: msg.info.streamSequence,
        deliveries: msg.info.deliveryCount,
        errorCode: code,
        reason,
        payload,
      });
      this.logger.error(`dead letter ${subject} ${messageId ?? '(no id)'}: ${code} ${reason}`);
      this.metrics.messageDuration.observe({ kind: 'event', subject, outcome: 'dead_letter' }, 0);
      msg.term();
    } catch (e) {
      // Could not record it (database away): try again later rather than lose it.
      this.logger.warn(`could not store dead letter for ${subject}: ${(e as Error).message}`);
      msg.nak(retryDelay(this.options, 3));
    }
    return undefined;
  }

  async replay(letter: DeadLetter): Promise<void> {
    const handler = this.handlers.get(letter.subject);
    if (!handler) throw DomainError.conflict(CommonErrorCode.CONFLICT, `${this.options.consumerName} has no handler for ${letter.subject}`);
    let envelope: EventEnvelope<object>;
    try {
      envelope = JSON.parse(letter.payload);
    } catch {
      throw DomainError.conflict(CommonErrorCode.CONFLICT, 'the dead letter is not valid JSON and cannot be replayed');
    }
    const checked = validatePayload(handler.payload, envelope?.data);
    if (!checked.ok) throw DomainError.conflict(CommonErrorCode.CONFLICT, `the payload still breaks its contract: ${describe(checked.invalidParams)}`);
    try {
      await this.apply([{ msg: undefined as unknown as JsMsg, envelope: { ...envelope, data: checked.value }, handler }]);
    } catch (e) {
      throw new DomainError('REPLAY_FAILED', `the handler failed again: ${(e as Error).message}`, 409);
    }
  }

  /** For health and tests: the stream each source service is read from. */
  streamsFor(): string[] {
    return [...new Set([...this.handlers.keys()].map((s) => streamName(serviceOfSubject(s))))];
  }
}

function describe(params: Array<{ name: string; code: string; reason: string }>): string {
  return params.map((p) => `${p.name || '(payload)'}: ${p.code} (${p.reason})`).join('; ');
}
