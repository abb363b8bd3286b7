import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { envelopeProblems, EventEnvelope, OrgKind, ServiceName } from '@vangnet/contracts';
import { ackWaitFromEnv, ensureStream, NATS_CONNECTION, streamName, streamSubject, unprefixed } from '@vangnet/messaging';
import { runAsJob } from '@vangnet/observability';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { BackgroundJob, Clock } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { AckPolicy, ConsumerMessages, DeliverPolicy, JsMsg, nanos, NatsConnection, NatsError } from 'nats';
import { PartnersService } from '../partners/partners.service';
import { WebhookDispatcher } from './webhooks.dispatcher';
import { WebhookSubscriptionEntity } from './webhooks.entity';
import { NewDelivery, WebhooksRepository } from './webhooks.repository';
import { dataFor, isFor, personIdOf, pseudonymOf, Subscriber, toCloudEvent, webhookEventType } from './webhooks.rules';
import { subscriberOfRow, WebhooksService } from './webhooks.service';

const BATCH = 100;
const RECONCILE_MS = 30_000;

/** One subscription's durable consumer on one stream. */
interface Reader {
  sub: WebhookSubscriptionEntity;
  subscriber: Subscriber;
  service: ServiceName;
  stream: string;
  durable: string;
  queue: JsMsg[];
  messages?: ConsumerMessages;
  working?: boolean;
  worker?: Promise<void>;
  loop?: Promise<void>;
  stopped?: boolean;
}

/** The durable consumer of a subscription on a stream: the same on every gateway replica and after a restart. */
export function durableName(subscriptionId: string): string {
  return `webhook_${subscriptionId.replace(/-/g, '')}`;
}

function isNotFound(e: unknown): boolean {
  const err = e as NatsError;
  return err?.api_error?.err_code === 10014 || err?.api_error?.err_code === 10059 || /not found/i.test(err?.message ?? '');
}

/**
 * Reads the streams for the webhook subscriptions: one durable JetStream consumer per subscription
 * and producing stream (nats-server 2.9 takes one filter subject, so the consumer takes the whole
 * stream and the event types are filtered here), starting at the subscription's creation or the
 * replay date it asked for. What is for the subscriber is stored as a pending delivery in one
 * transaction per batch; the batch is acked only after the commit. A restart resumes where the
 * acks stopped, and a message redelivered after a crash is stored once (unique per event).
 * It consumes the event types offered as webhooks, as the tag tells the contracts' source scan.
 * @consumes WEBHOOK_EVENT_TYPES
 */
@Injectable()
export class WebhookIngest implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookIngest.name);
  private readonly readers = new Map<string, Reader>();
  private running = false;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly repo: WebhooksRepository,
    private readonly dispatcher: WebhookDispatcher,
    private readonly clock: Clock,
    private readonly partners: PartnersService,
    service: WebhooksService,
  ) {
    service.listen({ started: (s) => this.started(s), ended: (s) => this.drop(s).catch((e) => this.logger.warn(`webhook consumers of ${s.id} not deleted yet: ${(e as Error).message}`)) });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.running = true;
    await this.reconcile.run().catch((e) => this.logger.warn(`webhook consumers not started yet: ${(e as Error).message}; retrying`));
    this.reconcile.every(RECONCILE_MS);
  }

  // Every subscription active in the database is followed, every ended one dropped: after a
  // failure to create a consumer (NATS away at the time), and for subscriptions another gateway
  // replica created or ended.
  private readonly reconcile = new BackgroundJob('webhook-consumers', () =>
    this.serially(async () => {
      const active = await this.repo.activeSubscriptions();
      const ids = new Set(active.map((s) => s.id));
      for (const r of [...this.readers.values()]) if (!ids.has(r.sub.id)) await this.dropNow(r.sub);
      for (const s of active) await this.followNow(s);
    }),
  );

  // Following, dropping and reconciling one at a time, so a consumer is never read twice.
  private lock: Promise<unknown> = Promise.resolve();

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.lock.catch(() => undefined).then(work);
    this.lock = next.catch(() => undefined);
    return next;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.reconcile.stop();
    const all = [...this.readers.values()];
    await Promise.all(all.map((r) => this.stopReader(r)));
    this.readers.clear();
  }

  /** Starts (or resumes) the subscription's consumers; when NATS is away, the next reconciliation does. */
  async started(sub: WebhookSubscriptionEntity): Promise<void> {
    await this.serially(() => this.followNow(sub)).catch((e) => this.logger.warn(`webhook consumers of ${sub.id} not started yet: ${(e as Error).message}; retrying`));
  }

  private async followNow(sub: WebhookSubscriptionEntity): Promise<void> {
    if (!this.running) return;
    const jsm = await this.nc.jetstreamManager();
    for (const service of sub.services as ServiceName[]) {
      const key = `${sub.id}/${service}`;
      if (this.readers.has(key)) continue;
      // Another service's stream: its owner alone may update it (NATS permissions, O5).
      const stream = await ensureStream(jsm, service, undefined, service === 'gateway');
      const durable = durableName(sub.id);
      // The platform's ack wait (5 s, VANGNET_ACK_WAIT_MS), as the inbox's: events a killed gateway
      // had pulled go to the next one within seconds (drill f), not after 30.
      const ackWait = nanos(ackWaitFromEnv());
      try {
        const info = await jsm.consumers.info(stream, durable);
        if (info.config.ack_wait !== ackWait) await jsm.consumers.update(stream, durable, { ack_wait: ackWait });
      } catch (e) {
        if (!isNotFound(e)) throw e;
        await jsm.consumers.add(stream, {
          durable_name: durable,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.StartTime,
          opt_start_time: sub.startAt.toISOString(),
          ack_wait: ackWait,
          max_deliver: -1,
          max_ack_pending: 1000,
          filter_subject: streamSubject(service),
        });
      }
      const reader: Reader = { sub, subscriber: subscriberOfRow(sub), service, stream, durable, queue: [] };
      this.readers.set(key, reader);
      reader.loop = this.consume(reader);
    }
  }

  /** Stops the subscription's consumers and deletes them from JetStream. */
  drop(sub: WebhookSubscriptionEntity): Promise<void> {
    return this.serially(() => this.dropNow(sub));
  }

  private async dropNow(sub: WebhookSubscriptionEntity): Promise<void> {
    const jsm = await this.nc.jetstreamManager();
    for (const service of sub.services as ServiceName[]) {
      const key = `${sub.id}/${service}`;
      const reader = this.readers.get(key);
      this.readers.delete(key);
      if (reader) await this.stopReader(reader);
      await jsm.consumers.delete(streamName(service), durableName(sub.id)).catch((e) => {
        if (!isNotFound(e)) this.logger.warn(`could not delete consumer ${durableName(sub.id)} on ${streamName(service)}: ${(e as Error).message}`);
      });
    }
  }

  private async stopReader(r: Reader): Promise<void> {
    r.stopped = true;
    r.messages?.stop();
    await r.loop;
    await r.worker;
    for (const m of r.queue.splice(0)) m.nak();
  }

  private async consume(r: Reader): Promise<void> {
    while (!r.stopped) {
      try {
        const consumer = await this.nc.jetstream().consumers.get(r.stream, r.durable);
        r.messages = await consumer.consume({ max_messages: BATCH * 2 });
        for await (const m of r.messages) {
          r.queue.push(m);
          this.kick(r);
        }
      } catch (e) {
        if (!r.stopped) this.logger.warn(`webhook consumer ${r.stream}/${r.durable}: ${(e as Error).message}; retrying`);
      }
      if (!r.stopped) await new Promise((res) => setTimeout(res, 1000));
    }
  }

  private kick(r: Reader): void {
    if (r.working) return;
    r.working = true;
    r.worker = (async () => {
      try {
        while (r.queue.length) {
          const batch = r.queue.splice(0, BATCH);
          try {
            await runAsJob('webhook-ingest', () => this.store(r, batch));
            for (const m of batch) m.ack();
          } catch (e) {
            this.logger.warn(`webhook deliveries from ${r.stream} not stored (${(e as Error).message}); JetStream will redeliver`);
            for (const m of batch) m.nak(2000);
          }
        }
      } finally {
        r.working = false;
      }
    })();
  }

  /**
   * The batch's events for this subscriber, stored as pending deliveries in one transaction. A
   * partner receives only what its registry entry still allows: nothing while it is deactivated,
   * and only the event types whose scope it holds now.
   */
  private async store(r: Reader, batch: JsMsg[]): Promise<void> {
    const now = this.clock.now();
    const rows: NewDelivery[] = [];
    let types = r.sub.eventTypes;
    if (r.subscriber.orgKind !== OrgKind.MUNICIPALITY) {
      const partner = await this.partners.find(r.sub.org);
      if (!partner?.active) return;
      types = types.filter((t) => partner.scopes.includes(webhookEventType(t)?.scope ?? ''));
    }
    for (const m of batch) {
      let envelope: EventEnvelope<Record<string, unknown>>;
      try {
        envelope = JSON.parse(Buffer.from(m.data).toString('utf8'));
      } catch {
        continue; // not an event; the producing service's consumers dead-letter it
      }
      if (envelopeProblems(envelope).length || envelope.type !== unprefixed(m.subject)) continue;
      if (!isFor(r.subscriber, types, envelope)) continue;
      const ce = toCloudEvent({ ...envelope, data: dataFor(r.subscriber, envelope.data) as Record<string, unknown> });
      rows.push({
        id: randomUUID(),
        subscriptionId: r.sub.id,
        eventId: envelope.id,
        eventType: envelope.type,
        orderingKey: ce.subject,
        stream: r.stream,
        streamSeq: m.info.streamSequence,
        body: JSON.stringify(ce),
        subjectPseudonym: pseudonymOf(envelope.data),
        personId: personIdOf(envelope.data),
        municipality: envelope.municipality ?? null,
        nextAttemptAt: now,
      });
    }
    if (!rows.length) return;
    await this.txHost.withTransaction(async () => {
      // A resident with a safety flag is never in what a partner receives (ARCHITECTURE §6).
      const partner = r.subscriber.orgKind !== OrgKind.MUNICIPALITY;
      const flagged = partner ? await this.repo.flagged(rows.map((x) => x.personId).filter((x): x is string => !!x)) : new Set<string>();
      await this.repo.insertDeliveries(rows.filter((x) => !x.personId || !flagged.has(x.personId)));
    });
    this.dispatcher.kick();
  }
}
