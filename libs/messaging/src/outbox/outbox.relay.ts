import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { MetricsService, NATS_CORRELATION_HEADER } from '@vangnet/observability';
import { Events, headers as natsHeaders, JetStreamClient, NatsConnection } from 'nats';
import { Gauge } from 'prom-client';
import { PgListener } from '@vangnet/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { ensureStream } from '../jetstream';
import { MESSAGING_OPTIONS, MessagingOptions, resolvedOptions } from '../messaging.options';
import { NATS_CONNECTION } from '../nats.module';
import { prefixed } from '../subjects';
import { TRACEPARENT, TRACESTATE } from '../trace-context';

export interface OutboxRow {
  seq: number;
  id: string;
  subject: string;
  /** The envelope as stored, published as it is (no parse and re-serialise per event). */
  envelope: string;
  correlationId: string;
  attempts: number;
  /** W3C trace context of the transaction that wrote the event (null without a tracer). */
  traceparent?: string | null;
  tracestate?: string | null;
}

/** A publish that fails this soon after the connection came back is retried without back-off. */
const RECONNECT_GRACE_MS = 10_000;

export interface PublishResult {
  published: number[];
  failed: Array<{ seq: number; attempts: number; error: string }>;
  duplicates: number;
}

/**
 * Publishes committed outbox rows to JetStream with `msgID = event id`, then marks them. Rows are
 * claimed with FOR UPDATE SKIP LOCKED, so several relays (replicas) never publish the same row
 * at once; a crash between publish and mark republishes, and JetStream's duplicate window drops
 * the copy. Woken by NOTIFY at commit, with a poll as a safety net; failures back off per row.
 * When the NATS connection comes back, the back-offs are cleared and the relay publishes at once:
 * a row that failed during an outage does not wait out its own back-off after it (ADR 0013).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly options: ReturnType<typeof resolvedOptions>;
  private js!: JetStreamClient;
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  /** A commit was signalled while the relay was busy: drain again before sleeping. */
  private signalled = false;
  private wakeScheduled = false;
  private readonly listener: PgListener;
  private lastPurge = 0;
  /** When the NATS connection last came back (0: not since start). */
  private reconnectedAt = 0;
  /** While the connection is down the relay does not try (a try would hold its rows for the publish timeout). */
  private connected = true;
  private statusWatch?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
    private readonly metrics: MetricsService,
  ) {
    this.options = resolvedOptions(options);
    // The trigger of the outbox table notifies `vangnet_outbox_<schema>` at commit.
    this.listener = PgListener.on(dataSource, 'vangnet_outbox', { onNotify: () => this.nudge() });
    const oldest = new Gauge({
      name: 'vangnet_outbox_oldest_unpublished_seconds',
      help: 'Age of the oldest committed event not yet published to JetStream (0: none waiting)',
      registers: [this.metrics.registry],
    });
    this.metrics.addCollector(async () => {
      const [{ n, age }]: Array<{ n: number; age: number | null }> = await this.dataSource.query(
        'SELECT count(*)::int AS n, extract(epoch FROM now() - min(created_at))::float8 AS age FROM outbox WHERE published_at IS NULL',
      );
      this.metrics.outboxBacklog.set(n);
      oldest.set(Math.max(0, age ?? 0));
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.js = this.nc.jetstream();
    await ensureStream(await this.nc.jetstreamManager(), this.options.service);
    if (this.options.autoStart) this.start();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.listener.start();
    this.statusWatch ??= this.watchConnection();
    // Two passes in flight: one publishes (waiting on JetStream's acks) while the other claims.
    // SKIP LOCKED keeps their batches apart.
    this.loops = [this.run(), this.run()];
  }

  /** Stop, then publish what is committed before the connection closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
    // Not while NATS is away: each try would wait out the publish timeout; the rows stay for the next start.
    if (this.js && !this.nc.isClosed() && this.connected) {
      for (let i = 0; i < 20 && (await this.drainOnce()) > 0; i++) {
        /* flush */
      }
    }
  }

  /** Something was committed: publish it now rather than at the next poll. */
  nudge(): void {
    this.signalled = true;
    // Commits come in bursts: wait a moment so one pass publishes them together.
    if (this.sleepers.size && !this.wakeScheduled) {
      this.wakeScheduled = true;
      setTimeout(() => {
        this.wakeScheduled = false;
        this.wakeAll();
      }, 2);
    }
  }

  // The connection came back: whatever failed during the outage is due now, not at its back-off.
  private async watchConnection(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === Events.Disconnect) this.connected = false;
      if (status.type !== Events.Reconnect) continue;
      this.connected = true;
      this.reconnectedAt = Date.now();
      await this.resetBackOffs().catch((e) => this.logger.warn(`could not clear the back-offs after a reconnect: ${(e as Error).message}`));
      this.signalled = true;
      this.wakeAll();
    }
  }

  /** Make every waiting row due now; rows a pass holds are left to it (it sees the reconnect). */
  async resetBackOffs(): Promise<number> {
    const [, n]: [unknown, number] = await this.dataSource.query(
      `UPDATE outbox SET next_attempt_at = now()
        WHERE seq IN (SELECT seq FROM outbox WHERE published_at IS NULL AND next_attempt_at > now() FOR UPDATE SKIP LOCKED)`,
    );
    if (n) this.logger.log(`NATS is back: ${n} waiting event(s) are due now`);
    return n;
  }

  private wakeAll(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeAll();
    await Promise.all(this.loops);
    await this.listener.stop();
  }

  private async run(): Promise<void> {
    let n = 0;
    while (this.running) {
      // Signalled or busy last time: rows are likely there, so skip the cheap "anything due?".
      const likely = this.signalled || n > 0;
      this.signalled = false;
      try {
        n = this.connected ? await this.drainOnce({ checkFirst: !likely }) : 0;
        await this.purgeOld();
      } catch (e) {
        n = 0;
        this.logger.warn(`relay pass failed: ${(e as Error).message}`);
      }
      if (n < this.options.batchSize && this.running && !this.signalled) {
        await new Promise<void>((resolve) => {
          const wake = () => {
            clearTimeout(timer);
            this.sleepers.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, this.options.relayPollMs);
          this.sleepers.add(wake);
        });
      }
    }
  }

  /** One pass: claim a batch, publish it, mark what went out. Returns the rows claimed. */
  async drainOnce(opts: { checkFirst?: boolean } = {}): Promise<number> {
    // An idle pass costs one round trip, not three (BEGIN, an empty claim, COMMIT).
    if (opts.checkFirst ?? true) {
      const [{ due }]: Array<{ due: boolean }> = await this.dataSource.query(
        'SELECT EXISTS (SELECT 1 FROM outbox WHERE published_at IS NULL AND next_attempt_at <= now()) AS due',
      );
      if (!due) return 0;
    }
    return this.dataSource.transaction(async (m) => {
      const rows = await this.claim(m);
      if (rows.length === 0) return 0;
      const result = await this.publish(rows);
      await this.mark(m, result);
      return rows.length;
    });
  }

  async claim(m: EntityManager, limit = this.options.batchSize): Promise<OutboxRow[]> {
    return m.query(
      `SELECT seq, id, subject, envelope::text AS envelope, envelope->>'correlationId' AS "correlationId", attempts, traceparent, tracestate
         FROM outbox
        WHERE published_at IS NULL AND next_attempt_at <= now()
        ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async publish(rows: OutboxRow[]): Promise<PublishResult> {
    const result: PublishResult = { published: [], failed: [], duplicates: 0 };
    const settled = await Promise.allSettled(
      rows.map((row) => {
        const h = natsHeaders();
        if (row.correlationId) h.set(NATS_CORRELATION_HEADER, row.correlationId);
        if (row.traceparent) h.set(TRACEPARENT, row.traceparent);
        if (row.tracestate) h.set(TRACESTATE, row.tracestate);
        return this.js.publish(prefixed(row.subject), Buffer.from(row.envelope), {
          msgID: row.id,
          headers: h,
          timeout: 5000,
        });
      }),
    );
    settled.forEach((s, i) => {
      if (s.status === 'fulfilled') {
        result.published.push(rows[i].seq);
        if (s.value.duplicate) result.duplicates++;
      } else {
        result.failed.push({ seq: rows[i].seq, attempts: rows[i].attempts + 1, error: String((s.reason as Error)?.message ?? s.reason) });
      }
    });
    return result;
  }

  async mark(m: EntityManager, result: PublishResult): Promise<void> {
    if (result.published.length) {
      await m.query('UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE seq = ANY($1::bigint[])', [result.published]);
      this.metrics.outboxPublished.inc(result.published.length);
    }
    if (result.failed.length) {
      // Just after a reconnect JetStream may still be recovering its streams: retry soon, not later.
      const recovering = Date.now() - this.reconnectedAt < RECONNECT_GRACE_MS;
      const delays = result.failed.map((f) =>
        recovering ? this.options.retryDelayMs : Math.min(this.options.maxRetryDelayMs, this.options.retryDelayMs * 2 ** (f.attempts - 1)),
      );
      await m.query(
        `UPDATE outbox o SET attempts = f.attempts, last_error = f.error,
                next_attempt_at = now() + make_interval(secs => f.delay / 1000.0)
           FROM unnest($1::bigint[], $2::int[], $3::text[], $4::int[]) AS f(seq, attempts, error, delay)
          WHERE o.seq = f.seq`,
        [result.failed.map((f) => f.seq), result.failed.map((f) => f.attempts), result.failed.map((f) => f.error), delays],
      );
      this.logger.warn(`${result.failed.length} event(s) could not be published yet: ${result.failed[0].error}`);
    }
  }

  // Published rows are kept a while for inspection, then removed.
  private async purgeOld(): Promise<void> {
    if (Date.now() - this.lastPurge < 3_600_000) return;
    this.lastPurge = Date.now();
    const days = Number(process.env.VANGNET_OUTBOX_RETENTION_DAYS ?? 7);
    await this.dataSource.query(`DELETE FROM outbox WHERE published_at < now() - make_interval(days => $1)`, [days]);
  }
}
