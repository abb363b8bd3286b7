import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { BUDGET_EXHAUSTION_ALERT_V1, BudgetExhaustionAlertV1 } from '@vangnet/contracts';
import { Outbox } from '@vangnet/messaging';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { BackgroundJob, Clock, intervalFromEnv } from '@vangnet/platform';
import { BudgetFiguresService } from './budget-figures.service';
import { BudgetsRepository, DirtyKey } from './budgets.repository';
import { newThresholds } from './budgets.rules';

const POLL_MS = intervalFromEnv('FINANCE_BUDGET_MONITOR_POLL_MS', 5000);
const BATCH = 50;

/**
 * Raises finance.budget.exhaustion-alert.v1 once per threshold per budget line (80, 90 and 100 %
 * of the line, measured on the forecast to year end) for the municipality-years whose commitments,
 * declarations or budgets changed: the features that change them call `markDirty` in their own
 * transaction and `schedule` after it, and the monitor checks those municipality-years.
 */
@Injectable()
export class BudgetMonitor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(BudgetMonitor.name);
  // One drain (batches until nothing is due) per run; each batch in its own transaction.
  private readonly job: BackgroundJob<number>;

  constructor(
    private readonly repo: BudgetsRepository,
    private readonly figures: BudgetFiguresService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {
    this.job = BackgroundJob.draining('BudgetMonitor', { batch: () => this.check(), batchSize: BATCH, txHost });
  }

  onApplicationBootstrap(): void {
    this.job.every(POLL_MS);
  }

  /** Stop scheduling and let a round in progress finish (or fail) before the database closes. */
  async onModuleDestroy(): Promise<void> {
    await this.job.stop();
  }

  /**
   * These municipality-years' figures changed: note them in the caller's transaction (so the mark
   * commits with the change, or not at all). The caller asks for a run once its work is committed
   * (`schedule`); the poll catches what is left. A run per mark would compete with the work that
   * marks: a projection round marks every few hundred milliseconds.
   */
  async markDirty(keys: DirtyKey[]): Promise<void> {
    if (keys.length) await this.repo.markDirty(keys);
  }

  /** Ask for a run soon (callers' transactions commit first; the poll catches stragglers). */
  schedule(delayMs = 100): void {
    this.job.schedule(delayMs);
  }

  /** Run until nothing is due (after a run in progress, if any); returns what was processed. */
  drain(): Promise<number> {
    return this.job.run();
  }

  private async check(): Promise<number> {
    if (!(await this.repo.tryMonitorLock())) return 0;
    const dirty = await this.repo.dueDirty(BATCH);
    const today = this.clock.today();
    for (const d of dirty) {
      const report = await this.figures.report(d.municipality, d.year, today);
      for (const line of report.lines) {
        for (const threshold of newThresholds(line.percent, new Set(line.alertedThresholds))) {
          const inserted = await this.repo.insertAlert({
            budgetLineId: line.budgetLineId,
            threshold,
            percent: line.percent ?? 0,
            forecastCents: line.forecastCents,
            budgetCents: line.budgetCents,
          });
          if (!inserted) continue;
          const data: BudgetExhaustionAlertV1 = {
            municipality: d.municipality,
            year: d.year,
            budgetLineId: line.budgetLineId,
            percent: line.percent ?? 0,
            thresholdPercent: threshold,
            budgetCents: line.budgetCents,
            committedCents: line.committedCents,
            realisedCents: line.realisedCents,
            forecastCents: line.forecastCents,
          };
          await this.outbox.publish({ type: BUDGET_EXHAUSTION_ALERT_V1, data, municipality: d.municipality });
        }
      }
    }
    await this.repo.clearDirty(dirty);
    return dirty.length;
  }
}
