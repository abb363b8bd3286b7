import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { runAsJob } from '@vangnet/observability';
import { DataSource } from 'typeorm';
import { MESSAGING_OPTIONS, MessagingOptions, resolvedOptions } from '../messaging.options';

const BATCH = 10_000;

/**
 * Deletes inbox rows older than the inbox's retention, which is longer than the streams' max_age:
 * by the time a row goes, JetStream has dropped every stored copy of its event, so no redelivery
 * can meet a missing row; a re-published copy that old is refused by the consumer as a dead letter
 * (EVENT_TOO_OLD) rather than applied again. ADR 0013 has the argument.
 *
 * A timer in the shape of libs/platform's BackgroundJob (messaging may not import platform): one
 * run at a time, in a context of its own, not keeping the process alive; `stop()` lets a run end.
 */
@Injectable()
export class InboxPruner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(InboxPruner.name);
  private readonly options: ReturnType<typeof resolvedOptions>;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGING_OPTIONS) options: MessagingOptions,
  ) {
    this.options = resolvedOptions(options);
  }

  onApplicationBootstrap(): void {
    if (!this.options.autoStart || this.options.inboxPruneIntervalMs <= 0) return;
    this.timer = setInterval(() => void this.run().catch(() => undefined), this.options.inboxPruneIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Prune now (once at a time); returns the rows deleted. */
  run(): Promise<number> {
    this.running ??= runAsJob('inbox-prune', () => this.prune()).finally(() => (this.running = undefined));
    return this.running;
  }

  private async prune(): Promise<number> {
    const horizonSeconds = this.options.inboxRetentionMs / 1000;
    let total = 0;
    try {
      // In batches, so a large first prune holds no long lock and leaves little to vacuum at once.
      while (!this.stopped) {
        const [, n]: [unknown, number] = await this.dataSource.query(
          `DELETE FROM inbox WHERE ctid = ANY (ARRAY(
             SELECT ctid FROM inbox WHERE processed_at < now() - make_interval(secs => $1) LIMIT ${BATCH}))`,
          [horizonSeconds],
        );
        total += n;
        if (n < BATCH) break;
      }
    } catch (e) {
      this.logger.warn(`inbox prune stopped after ${total} row(s): ${(e as Error).message}`);
      throw e;
    }
    this.logger.log(`inbox pruned: ${total} row(s) older than ${(horizonSeconds / 86_400).toFixed(1)} days deleted`);
    return total;
  }
}
