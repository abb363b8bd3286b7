import { Link, ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { CommonErrorCode, DomainError, envelopeProblems, EventEnvelope, serviceOfSubject, ServiceName, validatePayload } from '@vangnet/contracts';
import { MetricsService, runWithCorrelation, setTraceparent } from '@vangnet/observability';
import { isTransientDatabaseError, unnest } from '@vangnet/persistence';
import { ClassConstructor } from 'class-transformer';
import { ClsServiceManager, CLS_ID } from 'nestjs-cls';
import { ConsumerMessages, JsMsg, NatsConnection } from 'nats';
import { Counter, Gauge } from 'prom-client';
import { ensureDurableConsumer, ensureStream } from '../jetstream';
import { MESSAGING_OPTIONS, MessagingOptions, resolvedOptions, retryDelay } from '../messaging.options';
import { NATS_CONNECTION } from '../nats.module';
import { CLS_CAUSATION_ID } from '../outbox/outbox.service';
import { streamName, streamSubject, unprefixed } from '../subjects';
import { extractTraceContext, inSpan, TRACEPARENT } from '../trace-context';
import { DeadLetter, DeadLetterReplayer, DeadLetterStore } from './dead-letters';
import { EventBatchHandlerFn, EventHandlerFn, InboxEvent, ON_EVENT, OnEventMetadata, PoisonEventError } from './on-event.decorator';

interface Handler {
  subject: string;
  payload: ClassConstructor<object>;
  name: string;
  /**
   * Applies a run of fresh events of this subject inside the inbox's transaction: an @OnEvent
   * method is called once per event, an @OnEventBatch method once for the run. The one place the
   * two kinds differ; dedupe, transaction, ack, retry and dead letters are the same code.
   */
  applyRun: (run: Work[]) => Promise<void>;
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
  /** The batch being applied: kept alive with progress acks like the queue. */
  inHand: JsMsg[];
  messages?: ConsumerMessages;
  working?: boolean;
  worker?: Promise<void>;
  loop?: Promise<void>;
}

/**
 * Runs the service's @OnEvent and @OnEventBatch handlers from one durable pull consumer per
 * producing stream. Each batch is applied in one transaction with one inbox row per event
 * ((consumer, message_id) primary key: an event applied once stays applied once), and acked after
 * commit; an @OnEvent method is called per event, an @OnEventBatch method once per run of
 * consecutive events of its subject (ADR 0016). When a batch fails, nothing of it is kept and its
 * events are applied again one at a time (a batch handler gets a list of one): a failing event is
 * nak'ed with a growing delay and becomes a dead letter after N deliveries, the others are applied
 * once; a database or broker outage is retried without limit.
 *
 * JetStream's ack wait is short (5 s by default), so what a killed consumer had pulled comes back
 * within seconds; while this consumer holds messages (a long batch, a queue behind it) it sends
 * progress acks, and on shutdown it naks what it pulled but did not apply (ADR 0013).
 */
@Injectable()
export class InboxConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown, DeadLetterReplayer {
  private readonly logger = new Logger(InboxConsumer.name);
  private readonly options: ReturnType<typeof resolvedOptions>;
  private readonly handlers = new Map<string, Handler>();
  private readonly sources = new Map<ServiceName, Source>();
  private running = false;
  private progress?: NodeJS.Timeout;
  private readonly redeliveries: Counter<'stream'>;

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
    this.redeliveries = new Counter({
      name: 'vangnet_inbox_redeliveries_total',
      help: 'Events this consumer was given again (JetStream delivery count above 1)',
      labelNames: ['stream'],
      registers: [metrics.registry],
    });
    const lag = (name: string, help: string) =>
      new Gauge({ name, help, labelNames: ['stream', 'consumer'], registers: [metrics.registry] });
    const pending = lag('vangnet_jetstream_consumer_pending', 'Events in the stream this durable consumer has not been given yet (its lag)');
    const ackPending = lag('vangnet_jetstream_consumer_ack_pending', 'Events given to this consumer and not acked yet');
    const redelivered = lag('vangnet_jetstream_consumer_redelivered', 'Events given to this consumer more than once and not acked yet');
    // Read from JetStream for every stream this service consumes, running or not (a stopped
    // consumer's lag is what an operator most needs to see).
    metrics.addCollector(async () => {
      if (!this.handlers.size || this.nc.isClosed()) return;
      const jsm = await this.nc.jetstreamManager();
      for (const stream of this.streamsFor()) {
        const info = await jsm.consumers.info(stream, this.options.consumerName).catch(() => undefined);
        if (!info) continue;
        const labels = { stream, consumer: this.options.consumerName };
        pending.set(labels, info.num_pending);
        ackPending.set(labels, info.num_ack_pending);
        redelivered.set(labels, info.num_redelivered);
      }
    });
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
      const stream = await ensureStream(jsm, service, undefined, service === this.options.service);
      await ensureDurableConsumer(jsm, {
        stream,
        durable: this.options.consumerName,
        filterSubject: streamSubject(service),
        ackWaitMs: this.options.ackWaitMs,
      });
      const source: Source = { service, stream, queue: [], inHand: [] };
      this.sources.set(service, source);
      source.loop = this.consume(source);
    }
    // Progress acks: a message held longer than the ack wait would be given to another replica.
    this.progress = setInterval(() => this.keepAlive(), Math.max(250, Math.floor(this.options.ackWaitMs / 3)));
    this.progress.unref();
  }

  private keepAlive(): void {
    for (const s of this.sources.values()) for (const m of [...s.inHand, ...s.queue]) settle(m, 'working');
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
    clearInterval(this.progress);
    // Pulled but not applied: hand it back now (no delay) rather than after the ack wait.
    let handedBack = 0;
    for (const s of this.sources.values()) for (const m of s.queue.splice(0)) handedBack += settle(m, 'nak') ? 1 : 0;
    if (handedBack) this.logger.log(`handed back ${handedBack} event(s) pulled but not applied`);
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
        const name = `${proto.constructor.name}.${method}`;
        const bound = (instance[method] as (...args: unknown[]) => unknown).bind(instance);
        const applyRun =
          meta.mode === 'batch'
            ? (run: Work[]) => this.applyBatch(run, bound as EventBatchHandlerFn<object>)
            : async (run: Work[]) => {
                for (const w of run) await this.applyEach(w, bound as EventHandlerFn<object>);
              };
        this.handlers.set(meta.subject, { subject: meta.subject, payload: meta.payload, name, applyRun });
      }
    }
  }

  private async consume(source: Source): Promise<void> {
    while (this.running) {
      try {
        const consumer = await this.nc.jetstream().consumers.get(source.stream, this.options.consumerName);
        source.messages = await consumer.consume({ max_messages: this.options.batchSize * 2 });
        // Stopped while the consumer was being looked up: stop() found nothing to stop.
        if (!this.running) source.messages.stop();
        for await (const m of source.messages) {
          if (m.info.deliveryCount > 1) this.redeliveries.inc({ stream: source.stream });
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
        // Stopping: finish the batch in hand, leave the queue to be nak'ed.
        while (source.queue.length && this.running) {
          const batch = source.queue.splice(0, this.options.batchSize);
          source.inHand = batch;
          try {
            await this.processBatch(batch);
          } catch (e) {
            this.logger.error(`batch from ${source.stream} failed unexpectedly: ${(e as Error).message}`);
            for (const m of batch) settle(m, 'nak', retryDelay(this.options, 1));
          }
        }
      } finally {
        source.inHand = [];
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
        for (const w of work) settle(w.msg, 'ack');
        return;
      } catch {
        // Rolled back, nothing of the batch kept. Find the failing event(s): apply them again one
        // at a time, so one bad event cannot hold up the rest (a batch handler gets a list of one).
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
      settle(msg, 'ack');
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
    if (Date.parse(envelope.time) < Date.now() - this.options.inboxRetentionMs) return this.tooOld(msg, subject, raw, envelope);
    return { msg, envelope: { ...envelope, data: checked.value }, handler };
  }

  /**
   * One transaction: the inbox rows of the batch (one statement), then the handlers for the events
   * that were new — in stream order, a run of consecutive events of one subject at a time.
   */
  private async apply(work: Work[]): Promise<void> {
    await runWithCorrelation(work[0].envelope.correlationId, undefined, () =>
      this.txHost.withTransaction(async () => {
        const rows = unnest(work, { message_id: ['uuid', (w) => w.envelope.id], subject: ['text', (w) => w.envelope.type] }, 2);
        const inserted: InsertedInboxRow[] = await this.txHost.tx.query(
          `INSERT INTO inbox (consumer, ${rows.columns}) SELECT $1, ${rows.columns} FROM ${rows.from} ON CONFLICT DO NOTHING RETURNING message_id`,
          [this.options.consumerName, ...rows.params],
        );
        const fresh = new Set(inserted.map((r) => r.message_id));
        let run: Work[] = [];
        for (const w of work) {
          // Applied before (a redelivery, a re-publish), or a second copy within this batch.
          if (!fresh.delete(w.envelope.id)) {
            this.metrics.messageDuration.observe({ kind: 'event', subject: w.envelope.type, outcome: 'duplicate' }, 0);
            continue;
          }
          if (run.length && run[0].handler !== w.handler) {
            await run[0].handler.applyRun(run);
            run = [];
          }
          run.push(w);
        }
        if (run.length) await run[0].handler.applyRun(run);
      }),
    );
  }

  /** An @OnEvent method: one call, in a span that is a child of the producer's (the trace context came in the headers). */
  private async applyEach(w: Work, fn: EventHandlerFn<object>): Promise<void> {
    const end = this.metrics.messageDuration.startTimer({ kind: 'event', subject: w.envelope.type });
    const cls = ClsServiceManager.getClsService();
    cls.set(CLS_ID, w.envelope.correlationId);
    cls.set(CLS_CAUSATION_ID, w.envelope.id);
    const traceparent = w.msg?.headers?.get(TRACEPARENT);
    if (traceparent) setTraceparent(traceparent);
    await inSpan(`${w.envelope.type} process`, SpanKind.CONSUMER, extractTraceContext(w.msg?.headers), async (span) => {
      span.setAttribute('messaging.system', 'nats');
      span.setAttribute('messaging.destination.name', w.envelope.type);
      span.setAttribute('messaging.message.id', w.envelope.id);
      await fn(w.envelope.data, w.envelope);
    });
    end({ outcome: 'ok' });
  }

  /**
   * An @OnEventBatch method: one call for the run. A run of one is traced like @OnEvent (a child
   * of the producer's span, the event as cause of what the handler publishes); a longer run gets
   * one span linked to each event's producer (OpenTelemetry's batch convention), and what the
   * handler publishes names no single cause. Each event is counted in the metrics with its share
   * of the time.
   */
  private async applyBatch(run: Work[], fn: EventBatchHandlerFn<object>): Promise<void> {
    const started = process.hrtime.bigint();
    const cls = ClsServiceManager.getClsService();
    const first = run[0];
    const one = run.length === 1;
    cls.set(CLS_ID, first.envelope.correlationId);
    cls.set(CLS_CAUSATION_ID, one ? first.envelope.id : undefined);
    const events: InboxEvent<object>[] = run.map((w) => ({
      data: w.envelope.data,
      envelope: w.envelope,
      streamSequence: w.msg?.info.streamSequence,
      deliveries: w.msg?.info.deliveryCount ?? 0,
      traceparent: w.msg?.headers?.get(TRACEPARENT) || undefined,
    }));
    if (one && events[0].traceparent) setTraceparent(events[0].traceparent);
    const links: Link[] = [];
    if (!one) {
      for (const w of run) {
        const linked = trace.getSpanContext(extractTraceContext(w.msg?.headers));
        if (linked) links.push({ context: linked });
      }
    }
    const parent = one ? extractTraceContext(first.msg?.headers) : ROOT_CONTEXT;
    await inSpan(
      `${first.envelope.type} process`,
      SpanKind.CONSUMER,
      parent,
      async (span) => {
        span.setAttribute('messaging.system', 'nats');
        span.setAttribute('messaging.destination.name', first.envelope.type);
        span.setAttribute('messaging.batch.message_count', run.length);
        if (one) span.setAttribute('messaging.message.id', first.envelope.id);
        await fn(events);
      },
      links,
    );
    const share = Number(process.hrtime.bigint() - started) / 1e9 / run.length;
    for (let i = 0; i < run.length; i++) this.metrics.messageDuration.observe({ kind: 'event', subject: first.envelope.type, outcome: 'ok' }, share);
  }

  private async processOne(w: Work): Promise<void> {
    try {
      await this.apply([w]);
      settle(w.msg, 'ack');
    } catch (e) {
      await this.failed(w, e);
    }
  }

  private async failed(w: Work, e: unknown): Promise<void> {
    const deliveries = w.msg.info.deliveryCount;
    const message = (e as Error)?.message ?? String(e);
    if (isTransientDatabaseError(e)) {
      this.logger.warn(`${w.envelope.type} ${w.envelope.id}: database unavailable (${message}); will retry`);
      settle(w.msg, 'nak', retryDelay(this.options, Math.min(deliveries, 4)));
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
    settle(w.msg, 'nak', retryDelay(this.options, deliveries));
  }

  /**
   * An event older than the inbox's retention: its inbox row may have been pruned, so applying it
   * could apply it twice. The stream's max_age is shorter than that retention, so no copy the
   * stream holds is ever this old by its own storage time; one this old is a re-publish (a relay
   * re-sending a very late row, an operator's replay) and an operator must decide (ADR 0013).
   */
  private async tooOld(msg: JsMsg, subject: string, raw: string, envelope: EventEnvelope<object>): Promise<undefined> {
    const known: unknown[] = await this.txHost.tx.query('SELECT 1 FROM inbox WHERE consumer = $1 AND message_id = $2', [
      this.options.consumerName,
      envelope.id,
    ]);
    if (known.length) {
      settle(msg, 'ack');
      return undefined;
    }
    const days = (this.options.inboxRetentionMs / 86_400_000).toFixed(1);
    return this.poison(msg, subject, raw, 'EVENT_TOO_OLD', `the event is from ${envelope.time}, older than the inbox remembers (${days} days): applying it could apply it twice`, envelope.id);
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
      settle(msg, 'term');
    } catch (e) {
      // Could not record it (database away): try again later rather than lose it.
      this.logger.warn(`could not store dead letter for ${subject}: ${(e as Error).message}`);
      settle(msg, 'nak', retryDelay(this.options, 3));
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

/**
 * Ack, nak, term or extend a message; false when the connection is gone (the server then
 * redelivers after the ack wait, and the inbox keeps that from applying anything twice).
 */
function settle(msg: JsMsg, how: 'ack' | 'nak' | 'term' | 'working', delayMs?: number): boolean {
  try {
    if (how === 'nak') msg.nak(delayMs);
    else msg[how]();
    return true;
  } catch {
    return false;
  }
}

function describe(params: Array<{ name: string; code: string; reason: string }>): string {
  return params.map((p) => `${p.name || '(payload)'}: ${p.code} (${p.reason})`).join('; ');
}
