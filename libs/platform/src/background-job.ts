import { Logger } from '@nestjs/common';
import { runAsJob } from '@vangnet/observability';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';

/** Work that is taken in batches until a batch comes back short. */
export interface BatchDrain {
  /** Handles one batch and says how many items it took. */
  batch: () => Promise<number>;
  /** A batch smaller than this means nothing more is due. */
  batchSize: number;
  /** Run each batch in a transaction of its own (a failure rolls back that batch only). */
  txHost?: TransactionHost<TransactionalAdapterTypeOrm>;
  /** Asked before each batch: stop draining (a shutdown). */
  stopped?: () => boolean;
}

/** Take batches until one comes back smaller than `batchSize`; returns the items taken in all. */
export async function drainBatches(drain: BatchDrain): Promise<number> {
  let total = 0;
  for (;;) {
    if (drain.stopped?.()) break;
    const n = drain.txHost ? await drain.txHost.withTransaction(drain.batch) : await drain.batch();
    total += n;
    if (n < drain.batchSize) break;
  }
  return total;
}

/** A job's interval from the environment, in ms (0: not on a timer), e.g. ACCESS_JOB_INTERVAL_MS. */
export function intervalFromEnv(variable: string, defaultMs: number): number {
  return Number(process.env[variable] ?? defaultMs);
}

/**
 * A service's background work: on a timer, soon after something asks for it, or on demand. One
 * run at a time, each in a context of its own (never the transaction of whatever scheduled it);
 * a run asked for while one is going happens once more after it, so work that arrived meanwhile is
 * not left for the next tick. Timers do not keep the process alive; `stop()` lets a run finish.
 */
export class BackgroundJob<T> {
  private readonly logger: Logger;
  private running?: Promise<T>;
  private queued?: Promise<T>;
  private interval?: NodeJS.Timeout;
  private soon?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly work: () => Promise<T>,
  ) {
    this.logger = new Logger(name);
  }

  /**
   * A job whose run drains batches (`drainBatches`) and returns how many items it took; once the
   * job is stopped it takes no further batch. `then` follows each drain with its total.
   */
  static draining(name: string, drain: BatchDrain, then?: (total: number) => void | Promise<void>): BackgroundJob<number> {
    const job: BackgroundJob<number> = new BackgroundJob(name, async () => {
      const total = await drainBatches({ ...drain, stopped: () => job.stopped || !!drain.stopped?.() });
      await then?.(total);
      return total;
    });
    return job;
  }

  /** Run every `intervalMs` (0 or less: not on a timer); the first time after `firstAfterMs`. */
  every(intervalMs: number, firstAfterMs = intervalMs): void {
    if (!(intervalMs > 0) || this.interval || this.stopped) return;
    this.interval = setInterval(() => this.fire(), intervalMs);
    this.interval.unref();
    if (firstAfterMs < intervalMs) this.schedule(firstAfterMs);
  }

  /** Run soon; requests within `delayMs` of each other become one run. */
  schedule(delayMs = 50): void {
    if (this.stopped || this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = undefined;
      this.fire();
    }, delayMs);
    this.soon.unref();
  }

  /** Run now; when a run is going, once more after it (shared by everyone who asks meanwhile). */
  run(): Promise<T> {
    if (this.running) {
      this.queued ??= this.running
        .catch(() => undefined)
        .then(() => {
          this.queued = undefined;
          return this.run();
        });
      return this.queued;
    }
    const current: Promise<T> = runAsJob(this.name, this.work).finally(() => {
      if (this.running === current) this.running = undefined;
    });
    this.running = current;
    return current;
  }

  /** No more timers; a run in progress (or queued) finishes first. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.interval);
    clearTimeout(this.soon);
    await this.queued?.catch(() => undefined);
    await this.running?.catch(() => undefined);
  }

  private fire(): void {
    if (this.stopped) return;
    void this.run().catch((e) => this.logger.warn(`${this.name} failed: ${(e as Error).message}`));
  }
}
