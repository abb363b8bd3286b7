import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { addDays, IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { BackgroundJob, drainBatches, intervalFromEnv } from './background-job';
import { Clock } from './clock';

// Retention (issue 19; docs/operations.md "Retention"; docs/adr/0012): what the platform keeps of
// residents' data beyond its domain tables is kept as long as the law and the Selectielijst ask,
// and no longer (AVG art. 5(1)(e), storage limitation). One table of periods, each overridable by
// an environment variable; one job per service deletes what is due, in batches, and logs the
// counts (never what was deleted).

/** What is kept for a limited time. */
export enum RetentionKind {
  /** Every service's processing log (who processed whose data, AVG art. 30). */
  PROCESSING_LOG = 'PROCESSING_LOG',
  /** The exchange's archive of iWmo/iJw messages as exchanged (raw XML), with their declarations. */
  EXCHANGE_ARCHIVE = 'EXCHANGE_ARCHIVE',
  /** Objects in the JetStream object store (the declarations bucket's NDJSON lines). */
  OBJECT_STORE = 'OBJECT_STORE',
}

export interface RetentionRule {
  kind: RetentionKind;
  /** The environment variable that overrides the period. */
  variable: string;
  /** The period in days, counted back from today (Europe/Amsterdam, the settable Clock). */
  defaultDays: number;
  /** The legal basis the period rests on (docs/operations.md says where it is uncertain). */
  basis: string;
}

const YEAR = 365;

/** The one configuration table of retention periods (docs/operations.md "Retention" explains each). */
export const RETENTION_TABLE: readonly RetentionRule[] = [
  {
    kind: RetentionKind.PROCESSING_LOG,
    variable: 'VANGNET_RETENTION_PROCESSING_LOG_DAYS',
    defaultDays: 7 * YEAR + 2,
    basis: 'AVG art. 5(1)(e) and 30; as long as the case files it accounts for (Selectielijst gemeenten 2020, Wmo/Jeugdwet: 7 years)',
  },
  {
    kind: RetentionKind.EXCHANGE_ARCHIVE,
    variable: 'VANGNET_RETENTION_EXCHANGE_ARCHIVE_DAYS',
    defaultDays: 7 * YEAR + 2,
    basis: 'AWR art. 52 / Gemeentewet art. 212 (financial records 7 years); AVG art. 5(1)(e)',
  },
  {
    kind: RetentionKind.OBJECT_STORE,
    variable: 'VANGNET_RETENTION_OBJECT_STORE_DAYS',
    defaultDays: 30,
    basis: 'AVG art. 5(1)(e): a hand-over copy only; the archive keeps the message itself',
  },
];

/** The longest period accepted (a typo of years as days would keep data for ever). */
const MAX_DAYS = 30 * YEAR;

export class RetentionConfigError extends Error {}

/** The periods in force: the table, each overridden by its variable (read once at start, validated). */
export class RetentionConfig {
  private constructor(private readonly days: ReadonlyMap<RetentionKind, number>) {}

  static fromEnv(): RetentionConfig {
    // Read by name, so the configuration table's check (tools/ops/config-table.spec.ts) sees each.
    const overrides: Record<RetentionKind, string | undefined> = {
      [RetentionKind.PROCESSING_LOG]: process.env.VANGNET_RETENTION_PROCESSING_LOG_DAYS,
      [RetentionKind.EXCHANGE_ARCHIVE]: process.env.VANGNET_RETENTION_EXCHANGE_ARCHIVE_DAYS,
      [RetentionKind.OBJECT_STORE]: process.env.VANGNET_RETENTION_OBJECT_STORE_DAYS,
    };
    const days = new Map<RetentionKind, number>();
    for (const rule of RETENTION_TABLE) {
      const raw = overrides[rule.kind]?.trim();
      if (!raw) {
        days.set(rule.kind, rule.defaultDays);
        continue;
      }
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || n < 1 || n > MAX_DAYS) throw new RetentionConfigError(`${rule.variable} must be a whole number of days from 1 to ${MAX_DAYS}, not "${raw}"`);
      days.set(rule.kind, n);
    }
    return new RetentionConfig(days);
  }

  daysOf(kind: RetentionKind): number {
    return this.days.get(kind) ?? 0;
  }

  /** The first day that is kept: what is older (before its start, Europe/Amsterdam) is due. */
  keepFrom(kind: RetentionKind, today: IsoDate): IsoDate {
    return addDays(today, -this.daysOf(kind));
  }
}

/** The start of a day in Europe/Amsterdam, as SQL: compare timestamptz columns against it. */
export const AMSTERDAM_DAY_START = `($1::date)::timestamp AT TIME ZONE 'Europe/Amsterdam'`;

/** Runs a `DELETE … RETURNING 1` and says how many rows it deleted. */
export async function countDeleted(txHost: TransactionHost<TransactionalAdapterTypeOrm>, deleteSql: string, params: unknown[]): Promise<number> {
  const [{ n }] = await txHost.tx.query(`WITH deleted AS (${deleteSql}) SELECT count(*)::int AS n FROM deleted`, params);
  return n;
}

/** One kind of data a service deletes when due: a batch at a time, returning how many it deleted. */
export interface RetentionTask {
  /** The name in the log line (`processing_log`, `exchange_message`, …). */
  name: string;
  kind: RetentionKind;
  /** Delete at most `limit` items older than `keepFrom` (a date, Europe/Amsterdam); return how many. */
  purge(keepFrom: IsoDate, limit: number): Promise<number>;
  /** Run in a transaction per batch (database tasks); an object store task runs without. */
  transactional?: boolean;
}

const BATCH = 1000;

/**
 * Deletes what is due in this service, on a timer (`VANGNET_RETENTION_INTERVAL_MS`, default six
 * hours, 0: off) or when asked (`run()`): the processing log in every service, plus the tasks a
 * service registers (the exchange: its archive and its objects). Logs one line with the counts.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private readonly tasks: RetentionTask[] = [];
  private readonly job: BackgroundJob<Record<string, number>>;
  readonly config: RetentionConfig;

  constructor(
    private readonly clock: Clock,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {
    this.config = RetentionConfig.fromEnv();
    this.job = new BackgroundJob('RetentionJob', () => this.purge());
    this.register({
      name: 'processing_log',
      kind: RetentionKind.PROCESSING_LOG,
      transactional: true,
      purge: (keepFrom, limit) =>
        countDeleted(this.txHost, `DELETE FROM processing_log WHERE id IN (SELECT id FROM processing_log WHERE at < ${AMSTERDAM_DAY_START} ORDER BY at LIMIT $2) RETURNING 1`, [keepFrom, limit]),
    });
  }

  /** Add a kind of data this service keeps for a limited time. */
  register(task: RetentionTask): void {
    this.tasks.push(task);
  }

  onApplicationBootstrap(): void {
    const interval = intervalFromEnv('VANGNET_RETENTION_INTERVAL_MS', 6 * 3600 * 1000);
    // The first run a minute after start, so a starting fleet does not delete all at once.
    this.job.every(interval, Math.min(interval, 60_000));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** Delete what is due now (by the Clock's today); the counts per task. */
  run(): Promise<Record<string, number>> {
    return this.job.run();
  }

  private async purge(): Promise<Record<string, number>> {
    const today = this.clock.today();
    const counts: Record<string, number> = {};
    for (const task of this.tasks) {
      const keepFrom = this.config.keepFrom(task.kind, today);
      counts[task.name] = await drainBatches({ batch: () => task.purge(keepFrom, BATCH), batchSize: BATCH, txHost: task.transactional ? this.txHost : undefined });
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    // Counts and dates only: never what was deleted.
    const summary = Object.entries(counts)
      .map(([name, n]) => `${name}=${n}`)
      .join(' ');
    this.logger.log(`retention deleted ${total} (${summary}) as of ${today}`);
    return counts;
  }
}
