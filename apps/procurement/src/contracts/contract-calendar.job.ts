import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '@vangnet/platform';
import { ClsService } from 'nestjs-cls';
import { ContractsService } from './contracts.service';

/**
 * The contracts' calendar, run by a timer (PROCUREMENT_JOB_INTERVAL_MS, default hourly; 0 = off)
 * and on demand (`runOnce()`, for tests and operators): announce option deadlines within three
 * months (once per option), and end contracts whose last day has passed. Both are safe with
 * several replicas: rows are claimed under a lock, and each claim commits with its event.
 */
@Injectable()
export class ContractCalendarJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ContractCalendarJob.name);
  private timer?: NodeJS.Timeout;
  private first?: NodeJS.Timeout;
  private current?: Promise<{ ended: number; announced: number }>;

  constructor(
    private readonly contracts: ContractsService,
    private readonly clock: Clock,
    private readonly cls: ClsService,
  ) {}

  onApplicationBootstrap(): void {
    const interval = Number(process.env.PROCUREMENT_JOB_INTERVAL_MS ?? 3_600_000);
    if (!(interval > 0)) return;
    const tick = () => void this.runOnce().catch((e) => this.logger.warn(`contract calendar failed: ${(e as Error).message}`));
    this.first = setTimeout(tick, Math.min(interval, 10_000));
    this.timer = setInterval(tick, interval);
    this.first.unref();
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.first);
    clearInterval(this.timer);
    await this.current?.catch(() => undefined);
  }

  /** One pass for today's date (the Clock); a pass already running is joined, not doubled. */
  runOnce(): Promise<{ ended: number; announced: number }> {
    this.current ??= this.cls
      .run(async () => {
        const today = this.clock.today();
        const ended = await this.contracts.endExpired(today);
        const announced = await this.contracts.announceOptionDeadlines(today);
        if (ended || announced) this.logger.log(`contract calendar ${today}: ${ended} ended, ${announced} option deadline(s) announced`);
        return { ended, announced };
      })
      .finally(() => (this.current = undefined));
    return this.current;
  }
}
