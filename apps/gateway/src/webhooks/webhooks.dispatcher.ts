import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CallerContext, ProcessingAction, ProcessingLog } from '@vangnet/auth';
import { DomainError, OrgKind, parseOrg } from '@vangnet/contracts';
import { MetricsService, runAsJob } from '@vangnet/observability';
import { Counter, Gauge, Histogram } from 'prom-client';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { BackgroundJob, Clock } from '@vangnet/platform';
import { performance } from 'perf_hooks';
import { PartnersService } from '../partners/partners.service';
import { WebhookConfig } from './webhooks.config';
import { WebhookSubscriptionEntity } from './webhooks.entity';
import { ClaimedDelivery, WebhooksRepository } from './webhooks.repository';
import { checkTargetAddress, CLOUDEVENTS_CONTENT_TYPE, nextAttemptAt, Resolver, sign, SIGNATURE_HEADERS } from './webhooks.rules';
import { systemResolver } from './webhooks.service';
import { PinnedAddress, pinnedAddresses, postWebhook } from './webhooks.http';

/** What one attempt came to. */
interface Outcome {
  outcome: 'DELIVERED' | 'HTTP_ERROR' | 'TIMEOUT' | 'NETWORK_ERROR' | 'REFUSED_TARGET';
  statusCode: number | null;
  error: string | null;
}

/**
 * Sends the stored deliveries, off every request path: on a timer and soon after new ones are
 * stored. Per subscription at most `concurrency` requests are in flight, each cut off after
 * `timeoutMs`, so a receiver that is slow or gone holds up only its own deliveries, never the
 * platform or other subscribers. One subject goes in order: its next delivery waits until the
 * previous one succeeded (or finally failed). A failed attempt is tried again with back-off
 * (`nextAttemptAt`) on the settable Clock for at least 24 hours, then marked FAILED.
 *
 * Delivery is at least once: the attempt is recorded after the receiver answered, so a gateway
 * that dies in between sends that delivery again, with the same CloudEvents `id` and
 * `webhook-id`, by which the receiver drops the duplicate.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly job = new BackgroundJob('webhook-dispatch', () => this.tick());
  /** Deliveries in flight per subscription (this gateway's). */
  private readonly inflight = new Map<string, Set<string>>();
  private readonly sends = new Set<Promise<void>>();
  private stopped = false;
  resolver: Resolver = systemResolver;

  constructor(
    private readonly repo: WebhooksRepository,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly config: WebhookConfig,
    private readonly clock: Clock,
    private readonly partners: PartnersService,
    private readonly processingLog: ProcessingLog,
    private readonly callers: CallerContext,
    metrics: MetricsService,
  ) {
    this.pruning = BackgroundJob.draining('webhook-prune', {
      batch: () => this.repo.prune(new Date(this.clock.now().getTime() - this.config.retentionDays * 86_400_000), 1000),
      batchSize: 1000,
      txHost: this.txHost,
    });
    const registers = [metrics.registry];
    this.attempts = new Counter({ name: 'vangnet_webhook_attempts_total', help: 'Webhook requests by outcome (DELIVERED, HTTP_ERROR, TIMEOUT, NETWORK_ERROR, REFUSED_TARGET)', labelNames: ['outcome'], registers });
    this.latency = new Histogram({ name: 'vangnet_webhook_attempt_duration_seconds', help: 'Time until a webhook receiver answered (or the request was cut off)', labelNames: ['outcome'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers });
    const backlog = new Gauge({ name: 'vangnet_webhook_deliveries', help: 'Webhook deliveries pending (incl. waiting for a retry) and failed for good', labelNames: ['status'], registers });
    const oldest = new Gauge({ name: 'vangnet_webhook_oldest_pending_seconds', help: 'Age of the oldest pending webhook delivery', registers });
    metrics.addCollector(() =>
      runAsJob('webhook-metrics', async () => {
        const s = await this.repo.backlog();
        backlog.set({ status: 'PENDING' }, s.pending);
        backlog.set({ status: 'FAILED' }, s.failed);
        oldest.set(s.oldestPending ? Math.max(0, (this.clock.now().getTime() - s.oldestPending.getTime()) / 1000) : 0);
      }),
    );
  }

  private readonly attempts: Counter<'outcome'>;
  private readonly latency: Histogram<'outcome'>;

  /** Finished deliveries older than the retention go, bodies (personal data) with them. */
  private readonly pruning: BackgroundJob<number>;

  onApplicationBootstrap(): void {
    this.job.every(this.config.dispatchIntervalMs, 0);
    this.pruning.every(60 * 60_000, 60_000);
  }

  /** Remove the finished deliveries past the retention now (tests; the job does it hourly). */
  prune(): Promise<number> {
    return this.pruning.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.pruning.stop();
    await this.job.stop();
    await Promise.allSettled([...this.sends]);
  }

  /** Look for due deliveries soon (after new ones were stored, or one of a subject succeeded). */
  kick(): void {
    if (!this.stopped) this.job.schedule(10);
  }

  /** Send what is due now and wait until every request started has been answered and recorded (tests, drills). */
  async settle(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      const started = await this.job.run();
      if (!started && this.sends.size === 0) return;
      await Promise.allSettled([...this.sends]);
    }
  }

  /** One look: claims what each subscription may send now and starts the requests; returns how many started. */
  private async tick(): Promise<number> {
    if (this.stopped) return 0;
    const subs = await this.repo.activeSubscriptions();
    let started = 0;
    const partnerActive = new Map<string, boolean>();
    for (const sub of subs) {
      // A deactivated partner's deliveries wait (they go on when it is active again).
      if (sub.orgKind !== OrgKind.MUNICIPALITY) {
        if (!partnerActive.has(sub.org)) partnerActive.set(sub.org, !!(await this.partners.find(sub.org))?.active);
        if (!partnerActive.get(sub.org)) continue;
      }
      const mine = this.inflight.get(sub.id) ?? new Set<string>();
      const room = this.config.concurrency - mine.size;
      if (room <= 0) continue;
      const now = this.clock.now();
      // A claim outlives the request's time limit by a few seconds only: a delivery whose gateway
      // died mid-request (drill f) is taken up again that soon, not a minute later (sent again
      // with the same id: at least once).
      const lease = new Date(now.getTime() + this.config.timeoutMs + 5_000);
      const claimed = await this.repo.claimDue(sub.id, now, lease, room, [...mine]);
      for (const d of claimed) {
        mine.add(d.id);
        this.inflight.set(sub.id, mine);
        const p: Promise<void> = runAsJob('webhook-send', () => this.send(sub, d))
          .catch((e) => this.logger.warn(`delivery ${d.id}: ${(e as Error).message}`))
          .finally(() => {
            mine.delete(d.id);
            this.sends.delete(p);
          });
        this.sends.add(p);
        started += 1;
      }
    }
    return started;
  }

  private async send(sub: WebhookSubscriptionEntity, d: ClaimedDelivery): Promise<void> {
    // The flag may have been set since the delivery was stored (or while the receiver was down).
    if (sub.orgKind !== OrgKind.MUNICIPALITY && d.personId && (await this.repo.flagged([d.personId])).has(d.personId)) {
      await this.repo.hold(d.id);
      this.logger.warn(`webhook delivery ${d.id} of subscription ${sub.id} held: the resident has a safety flag`);
      return;
    }
    const at = this.clock.now();
    const began = performance.now();
    const result = await this.attempt(sub, d, at);
    const latencyMs = Math.round(performance.now() - began);
    this.attempts.inc({ outcome: result.outcome });
    this.latency.observe({ outcome: result.outcome }, latencyMs / 1000);
    const attempt = d.attempts + 1;
    const first = d.firstAttemptAt ?? at;
    const done = result.outcome === 'DELIVERED';
    const next = done ? at : nextAttemptAt(first, attempt, at);
    const status = done ? 'DELIVERED' : next ? 'PENDING' : 'FAILED';
    await this.txHost.withTransaction(async () => {
      await this.repo.record({ deliveryId: d.id, attempt, at, outcome: result.outcome, statusCode: result.statusCode, latencyMs, error: result.error, status, firstAttemptAt: first, nextAttemptAt: next ?? at });
      if (done && d.subjectPseudonym) await this.logDisclosure(sub, d, d.subjectPseudonym);
    });
    // No body, no URL query in the log: the delivery, the answer's status and the time it took.
    if (status === 'FAILED') this.logger.warn(`webhook delivery ${d.id} of subscription ${sub.id} failed for good after ${attempt} attempts (${result.outcome} ${result.statusCode ?? ''})`);
    // Room for the next one: of this subject when delivered, of another subject in any case.
    this.kick();
  }

  /** A delivered event about a resident is personal data given to the subscriber: one processing-log record per delivery. */
  private async logDisclosure(sub: WebhookSubscriptionEntity, d: ClaimedDelivery, pseudonym: string): Promise<void> {
    const org = parseOrg(sub.org);
    this.callers.set({ sub: `webhook:${sub.id}`, org: sub.org, orgKind: org?.kind ?? (sub.orgKind as OrgKind), orgId: org?.id ?? sub.org, roles: [], municipalities: sub.municipalities });
    await this.processingLog.record({
      pseudonym,
      action: ProcessingAction.READ,
      purpose: 'WEBHOOK_DELIVERY',
      legalBasis: 'AVG art. 6(1)(e); Wmo 2015 / Jeugdwet: informing the organisation the event concerns (its assignment, nomination or signal)',
      resource: d.eventType,
      resourceId: d.eventId,
      municipality: d.municipality,
    });
  }

  private async attempt(sub: WebhookSubscriptionEntity, d: ClaimedDelivery, at: Date): Promise<Outcome> {
    const url = new URL(sub.url);
    let pin: PinnedAddress[] | undefined;
    if (!this.config.development) {
      try {
        // Again at every attempt: the name may point elsewhere since the subscription was made.
        // The request then goes to the address checked here, not to what the name resolves to a
        // moment later (DNS rebinding).
        pin = pinnedAddresses(await checkTargetAddress(url, this.resolver));
      } catch (e) {
        return { outcome: 'REFUSED_TARGET', statusCode: null, error: e instanceof DomainError ? (e.invalidParams?.[0]?.reason ?? e.message) : String(e) };
      }
    }
    const timestamp = Math.floor(at.getTime() / 1000);
    try {
      const status = await postWebhook(url, {
        headers: {
          'content-type': CLOUDEVENTS_CONTENT_TYPE,
          'user-agent': 'Vangnet-Webhooks/1',
          [SIGNATURE_HEADERS.id]: d.eventId,
          [SIGNATURE_HEADERS.timestamp]: String(timestamp),
          [SIGNATURE_HEADERS.signature]: sign(sub.secret, timestamp, d.body),
        },
        body: d.body,
        timeoutMs: this.config.timeoutMs,
        pin,
      });
      if (status >= 200 && status < 300) return { outcome: 'DELIVERED', statusCode: status, error: null };
      return { outcome: 'HTTP_ERROR', statusCode: status, error: `the receiver answered ${status}` };
    } catch (e) {
      const err = e as Error & { code?: string; cause?: { code?: string; message?: string } };
      if (err.name === 'TimeoutError' || err.name === 'AbortError') return { outcome: 'TIMEOUT', statusCode: null, error: `no answer within ${this.config.timeoutMs} ms` };
      return { outcome: 'NETWORK_ERROR', statusCode: null, error: (err.code ?? err.cause?.code ?? err.message ?? 'network error').slice(0, 200) };
    }
  }
}
