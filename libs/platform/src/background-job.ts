import { Logger } from '@nestjs/common';
import { runAsJob } from '@vangnet/observability';

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
