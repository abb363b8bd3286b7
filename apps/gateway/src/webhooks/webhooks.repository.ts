import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Not, Repository } from 'typeorm';
import { WebhookAttemptEntity, WebhookDeliveryEntity, WebhookSafetyFlagEntity, WebhookSubscriptionEntity } from './webhooks.entity';

/** A delivery a sender holds: what it needs to send and to record the attempt. */
export interface ClaimedDelivery {
  id: string;
  eventId: string;
  eventType: string;
  body: string;
  attempts: number;
  firstAttemptAt: Date | null;
  subjectPseudonym: string | null;
  personId: string | null;
  municipality: string | null;
}

interface ClaimedRow {
  id: string;
  event_id: string;
  event_type: string;
  body: string;
  attempts: number;
  first_attempt_at: Date | null;
  subject_pseudonym: string | null;
  person_id: string | null;
  municipality: string | null;
}

export type NewDelivery = Pick<
  WebhookDeliveryEntity,
  'id' | 'subscriptionId' | 'eventId' | 'eventType' | 'orderingKey' | 'stream' | 'streamSeq' | 'body' | 'subjectPseudonym' | 'personId' | 'municipality' | 'nextAttemptAt'
>;

export interface AttemptRecord {
  deliveryId: string;
  attempt: number;
  at: Date;
  outcome: string;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  /** The delivery's new state. */
  status: 'PENDING' | 'DELIVERED' | 'FAILED';
  firstAttemptAt: Date;
  nextAttemptAt: Date;
}

/** The only place that touches the webhook tables. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get subscriptions(): Repository<WebhookSubscriptionEntity> {
    return this.txHost.tx.getRepository(WebhookSubscriptionEntity);
  }

  private get deliveries(): Repository<WebhookDeliveryEntity> {
    return this.txHost.tx.getRepository(WebhookDeliveryEntity);
  }

  private get attempts(): Repository<WebhookAttemptEntity> {
    return this.txHost.tx.getRepository(WebhookAttemptEntity);
  }

  async insertSubscription(row: Omit<WebhookSubscriptionEntity, 'createdAt' | 'endedAt' | 'active'>): Promise<WebhookSubscriptionEntity> {
    await this.subscriptions.insert(row);
    return this.subscriptions.findOneByOrFail({ id: row.id });
  }

  findSubscription(id: string): Promise<WebhookSubscriptionEntity | null> {
    return this.subscriptions.findOneBy({ id });
  }

  subscriptionsOf(org: string): Promise<WebhookSubscriptionEntity[]> {
    return this.subscriptions.find({ where: { org }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  activeSubscriptions(): Promise<WebhookSubscriptionEntity[]> {
    return this.subscriptions.find({ where: { active: true }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async endSubscription(id: string, at: Date): Promise<boolean> {
    const r = await this.subscriptions.update({ id, active: true }, { active: false, endedAt: at });
    return (r.affected ?? 0) > 0;
  }

  /** Stores what is not stored yet (a redelivered event is stored once: unique per subscription and event). */
  async insertDeliveries(rows: NewDelivery[]): Promise<void> {
    if (!rows.length) return;
    await this.deliveries.createQueryBuilder().insert().into(WebhookDeliveryEntity).values(rows).orIgnore().execute();
  }

  /**
   * Takes up to `limit` due deliveries of a subscription for this sender until `leaseUntil`: in
   * stream order, none whose subject has an earlier delivery still pending (one subject goes in
   * order, each after the previous succeeded or finally failed), none another sender holds.
   */
  async claimDue(subscriptionId: string, now: Date, leaseUntil: Date, limit: number, exclude: string[]): Promise<ClaimedDelivery[]> {
    const [rows]: [ClaimedRow[], number] = await this.txHost.tx.query(
      `UPDATE webhook_delivery SET lease_until = $3
       WHERE id IN (
         SELECT d.id FROM webhook_delivery d
         WHERE d.subscription_id = $1 AND d.status = 'PENDING' AND d.next_attempt_at <= $2
           AND (d.lease_until IS NULL OR d.lease_until <= $2)
           AND NOT (d.id = ANY($5::uuid[]))
           AND NOT EXISTS (
             SELECT 1 FROM webhook_delivery e
             WHERE e.subscription_id = d.subscription_id AND e.ordering_key = d.ordering_key
               AND e.status = 'PENDING' AND e.stream_seq < d.stream_seq)
         ORDER BY d.stream_seq
         LIMIT $4
         FOR UPDATE SKIP LOCKED)
       RETURNING id, event_id, event_type, body, attempts, first_attempt_at, subject_pseudonym, person_id, municipality`,
      [subscriptionId, now, leaseUntil, limit, exclude],
    );
    return rows.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      eventType: r.event_type,
      body: r.body,
      attempts: r.attempts,
      firstAttemptAt: r.first_attempt_at,
      subjectPseudonym: r.subject_pseudonym,
      personId: r.person_id,
      municipality: r.municipality,
    }));
  }

  /** A partner never receives it: the resident has a safety flag (no attempt, nothing in the partner's log). */
  async hold(id: string): Promise<void> {
    await this.deliveries.update({ id }, { status: 'HELD', leaseUntil: null });
  }

  async setSafetyFlag(personId: string, flagged: boolean): Promise<void> {
    await this.txHost.tx.getRepository(WebhookSafetyFlagEntity).upsert({ personId, flagged, updatedAt: new Date() }, ['personId']);
  }

  /** Which of these residents have a safety flag. */
  async flagged(personIds: string[]): Promise<Set<string>> {
    if (!personIds.length) return new Set();
    const rows = await this.txHost.tx.getRepository(WebhookSafetyFlagEntity).find({ where: { personId: In(personIds), flagged: true } });
    return new Set(rows.map((r) => r.personId));
  }

  /** The attempt into the log and the delivery's new state, in the caller's transaction. */
  async record(a: AttemptRecord): Promise<void> {
    await this.attempts.insert({ deliveryId: a.deliveryId, attempt: a.attempt, at: a.at, outcome: a.outcome, statusCode: a.statusCode, latencyMs: a.latencyMs, error: a.error });
    await this.deliveries.update(
      { id: a.deliveryId },
      {
        status: a.status,
        attempts: a.attempt,
        firstAttemptAt: a.firstAttemptAt,
        lastAttemptAt: a.at,
        lastStatusCode: a.statusCode,
        lastError: a.error,
        nextAttemptAt: a.nextAttemptAt,
        leaseUntil: null,
        deliveredAt: a.status === 'DELIVERED' ? a.at : null,
        failedAt: a.status === 'FAILED' ? a.at : null,
      },
    );
  }

  /** Newest first by stream position; `after` is the last row of the previous page. */
  deliveriesOf(subscriptionId: string, f: { status?: string; limit: number; after?: { seq: number; stream: string } }): Promise<WebhookDeliveryEntity[]> {
    const q = this.deliveries
      .createQueryBuilder('d')
      .where('d.subscriptionId = :subscriptionId', { subscriptionId })
      .andWhere("d.status <> 'HELD'")
      .orderBy('d.streamSeq', 'DESC')
      .addOrderBy('d.stream', 'ASC')
      .limit(f.limit);
    if (f.status) q.andWhere('d.status = :status', { status: f.status });
    if (f.after) q.andWhere('(d.streamSeq < :seq OR (d.streamSeq = :seq AND d.stream > :stream))', f.after);
    return q.getMany();
  }

  /** One delivery as its subscriber sees it (a held one is not there). */
  delivery(subscriptionId: string, id: string): Promise<WebhookDeliveryEntity | null> {
    return this.deliveries.findOneBy({ subscriptionId, id, status: Not('HELD') });
  }

  attemptsOf(deliveryId: string): Promise<WebhookAttemptEntity[]> {
    return this.attempts.find({ where: { deliveryId }, order: { attempt: 'ASC' } });
  }

  /** Send it again from now, with a fresh retry window (its earlier attempts stay in the log). */
  async resend(subscriptionId: string, id: string, now: Date): Promise<boolean> {
    const r = await this.deliveries.update(
      { subscriptionId, id, status: Not('HELD') },
      { status: 'PENDING', nextAttemptAt: now, firstAttemptAt: null, failedAt: null, deliveredAt: null, leaseUntil: null },
    );
    return (r.affected ?? 0) > 0;
  }

  /** Finished deliveries (delivered, failed, held) last touched before `before`, with their attempts: removed. */
  async prune(before: Date, limit: number): Promise<number> {
    const [rows]: [Array<{ id: string }>, number] = await this.txHost.tx.query(
      `WITH old AS (
         SELECT id FROM webhook_delivery
         WHERE status <> 'PENDING' AND coalesce(last_attempt_at, created_at) < $1
         LIMIT $2 FOR UPDATE SKIP LOCKED),
       gone AS (DELETE FROM webhook_attempt WHERE delivery_id IN (SELECT id FROM old))
       DELETE FROM webhook_delivery WHERE id IN (SELECT id FROM old) RETURNING id`,
      [before, limit],
    );
    return rows.length;
  }

  async activeCount(org: string): Promise<number> {
    return this.subscriptions.countBy({ org, active: true });
  }

  /** For the metrics: pending and failed deliveries, and when the oldest pending one was stored. */
  async backlog(): Promise<{ pending: number; failed: number; oldestPending: Date | null }> {
    const [row]: Array<{ pending: string; failed: string; oldest: Date | null }> = await this.txHost.tx.query(
      `SELECT count(*) FILTER (WHERE status = 'PENDING') AS pending, count(*) FILTER (WHERE status = 'FAILED') AS failed,
              min(created_at) FILTER (WHERE status = 'PENDING') AS oldest
       FROM webhook_delivery WHERE status IN ('PENDING', 'FAILED')`,
    );
    return { pending: Number(row?.pending ?? 0), failed: Number(row?.failed ?? 0), oldestPending: row?.oldest ?? null };
  }

  /** Counts per status, for the subscription's view. */
  async counts(subscriptionId: string): Promise<Record<string, number>> {
    const rows: Array<{ status: string; n: string }> = await this.deliveries
      .createQueryBuilder('d')
      .select('d.status', 'status')
      .addSelect('count(*)', 'n')
      .where('d.subscriptionId = :subscriptionId', { subscriptionId })
      .andWhere("d.status <> 'HELD'")
      .groupBy('d.status')
      .getRawMany();
    const out: Record<string, number> = { PENDING: 0, DELIVERED: 0, FAILED: 0 };
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
  }
}
