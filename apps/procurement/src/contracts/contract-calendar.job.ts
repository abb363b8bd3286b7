import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BackgroundJob, Clock, intervalFromEnv } from '@vangnet/platform';
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
  private readonly job = new BackgroundJob('ContractCalendarJob', () => this.pass());

  constructor(
    private readonly contracts: ContractsService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const interval = intervalFromEnv('PROCUREMENT_JOB_INTERVAL_MS', 3_600_000);
    this.job.every(interval, Math.min(interval, 10_000));
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** One pass for today's date (the Clock); a pass asked for while one runs follows it. */
  runOnce(): Promise<{ ended: number; announced: number }> {
    return this.job.run();
  }

  private async pass(): Promise<{ ended: number; announced: number }> {
    const today = this.clock.today();
    const ended = await this.contracts.endExpired(today);
    const announced = await this.contracts.announceOptionDeadlines(today);
    if (ended || announced) this.logger.log(`contract calendar ${today}: ${ended} ended, ${announced} option deadline(s) announced`);
    return { ended, announced };
  }
}
