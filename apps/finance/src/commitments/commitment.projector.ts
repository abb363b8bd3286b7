import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { IsoDate, maxDate, yearOf } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { BackgroundJob, Clock, intervalFromEnv } from '@vangnet/platform';
import { BudgetMonitor } from '../budgets/budget.monitor';
import { tariffKeyOf, tariffKeyString, TariffNeed } from '../tariffs/tariffs.rules';
import { TariffsService } from '../tariffs/tariffs.service';
import { CommitmentsRepository } from './commitments.repository';
import { CommitmentResult, computeCommitment, horizonFor, monthsIn, needsContractTariff, planProjection, ProvisionVersionFacts, segmentsOf } from './commitments.rules';

const BATCH = Number(process.env.FINANCE_PROJECTOR_BATCH ?? 2000);
const POLL_MS = intervalFromEnv('FINANCE_PROJECTOR_POLL_MS', 1000);

/**
 * Turns stored provision facts into commitments (ADR 0041). The event handlers only store the
 * facts and mark the lineage; this recomputes marked lineages in bulk from everything known about
 * them — so a replayed, late or reordered event gives the same commitments as events in order.
 * A lineage whose tariff is not known yet keeps its previous booking and is tried again later.
 */
@Injectable()
export class CommitmentProjector implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CommitmentProjector.name);
  // One drain (batches until nothing is due) per run; each batch in its own transaction.
  private readonly job: BackgroundJob<number>;
  private horizonYear?: number;

  constructor(
    private readonly repo: CommitmentsRepository,
    private readonly tariffs: TariffsService,
    private readonly budgets: BudgetMonitor,
    private readonly clock: Clock,
    txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {
    this.job = BackgroundJob.draining('CommitmentProjector', { batch: () => this.project(), batchSize: BATCH, txHost }, (total) => {
      if (total > 0) this.budgets.schedule();
    });
  }

  onApplicationBootstrap(): void {
    this.job.every(POLL_MS);
    this.job.schedule(0);
  }

  /** Stop scheduling and let a round in progress finish (or fail) before the database closes. */
  async onModuleDestroy(): Promise<void> {
    await this.job.stop();
  }

  /** Ask for a run soon (callers' transactions commit first; the poll catches stragglers). */
  schedule(delayMs = 50): void {
    this.job.schedule(delayMs);
  }

  /** Run until nothing is due (after a run in progress, if any); returns what was processed. */
  drain(): Promise<number> {
    return this.job.run();
  }

  private async project(): Promise<number> {
    if (!(await this.repo.tryProjectorLock())) return 0;
    const today = this.clock.today();
    await this.rollHorizons(today);
    const dirty = await this.repo.dueLineages(BATCH);
    if (!dirty.length) return 0;
    const ids = dirty.map((d) => d.lineageId);
    await this.repo.takePending(ids);
    const versions = await this.repo.versionsOf(ids);
    const ends = await this.repo.endsOf(ids);
    const booked = await this.repo.bookedTotals(ids);
    const byLineage = new Map<string, ProvisionVersionFacts[]>();
    for (const v of versions) byLineage.set(v.lineageId, [...(byLineage.get(v.lineageId) ?? []), v]);

    const book = await this.tariffs.book(versions.map((v) => v.providerAgb).filter((a): a is string => !!a));
    const compute = (id: string) => computeCommitment(byLineage.get(id) ?? [], ends.get(id) ?? null, today, (v, y) => book.quote(v, y));
    const results = new Map<string, CommitmentResult>();
    for (const id of ids) results.set(id, compute(id));

    // Tariffs the read model lacks: ask procurement once per product and year, then price again.
    const needs = this.tariffNeeds(ids, results, byLineage, ends, today);
    let tariffsUnavailable = false;
    if (needs.length) {
      const fill = await this.tariffs.fill(book, needs);
      tariffsUnavailable = fill.unavailable;
      if (fill.unavailable) this.logger.warn(`procurement did not answer ${needs.length} tariff question(s); the lineages wait`);
      for (const id of ids) if (isMissingTariffs(results.get(id))) results.set(id, compute(id));
    }

    const plan = planProjection({ dirty, versions: byLineage, ends, results, booked, tariffsUnavailable });
    await this.repo.replaceCommitments(plan.rebook, plan.rows, plan.unpriced);
    await this.repo.upsertSummaries(plan.summaries);
    await this.repo.insertMutations(plan.mutations);
    await this.budgets.markDirty(plan.budgetKeys);
    await this.repo.clearDirty(plan.done);
    await this.repo.postpone(plan.waiting);
    return dirty.length;
  }

  private tariffNeeds(
    ids: string[],
    results: Map<string, CommitmentResult>,
    byLineage: Map<string, ProvisionVersionFacts[]>,
    ends: Map<string, IsoDate>,
    today: IsoDate,
  ): TariffNeed[] {
    const needs: TariffNeed[] = [];
    const seen = new Set<string>();
    for (const id of ids) {
      const r = results.get(id);
      if (!isMissingTariffs(r)) continue;
      const missing = r.status === 'PENDING_TARIFF' ? r.missing : r.status === 'PARTLY_PRICED' ? r.unpriced : [];
      const segments = segmentsOf(byLineage.get(id) ?? [], ends.get(id) ?? null);
      for (const m of missing) {
        const seg = segments.find((s) => s.version.provisionId === m.provisionId);
        if (!seg || !needsContractTariff(seg.version)) continue;
        const key = tariffKeyOf(seg.version, m.year);
        if (!key) continue;
        const k = tariffKeyString(key);
        if (seen.has(k)) continue;
        seen.add(k);
        const end = seg.end ?? horizonFor(seg.start, today);
        const first = monthsIn(maxDate(seg.start, `${m.year}-01-01`), end)[0];
        needs.push({ key, date: first ? maxDate(seg.start, first.month) : `${m.year}-01-01` });
      }
    }
    return needs;
  }

  // Once a year turns, open-ended lineages are committed to the new year's end.
  private async rollHorizons(today: IsoDate): Promise<void> {
    const year = yearOf(today);
    if (this.horizonYear === year) return;
    const n = await this.repo.markExpiredHorizons(`${year}-12-31`);
    if (n) this.logger.log(`${n} open-ended lineage(s) recommitted to the end of ${year}`);
    this.horizonYear = year;
  }
}

/** A result that lacks a tariff for some (or every) year: procurement is asked for those years. */
function isMissingTariffs(r: CommitmentResult | undefined): r is CommitmentResult {
  return r?.status === 'PENDING_TARIFF' || r?.status === 'PARTLY_PRICED';
}
