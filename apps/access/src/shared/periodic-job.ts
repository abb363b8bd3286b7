import { Logger } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';

/**
 * Runs `work` every `intervalMs` inside its own CLS context (so @Transactional works), never two
 * runs at once; the timer does not keep the process alive. Tests call the job's method directly.
 */
export class PeriodicJob {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly logger: Logger;

  constructor(
    private readonly name: string,
    private readonly cls: ClsService,
    private readonly work: () => Promise<unknown>,
  ) {
    this.logger = new Logger(name);
  }

  start(intervalMs: number): void {
    if (this.timer || intervalMs <= 0) return;
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.cls
      .run(() => this.work())
      .then(() => undefined)
      .catch((e: unknown) => this.logger.warn(`${this.name} failed: ${(e as Error).message}`))
      .finally(() => (this.running = undefined));
    await this.running;
  }
}

export function jobIntervalMs(): number {
  return Number(process.env.ACCESS_JOB_INTERVAL_MS ?? 60_000);
}
