import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { Caller, isMunicipal, ProcessingAction, ProcessingLog, requireRead } from '@vangnet/auth';
import { CarePlanSignalKind, CONTRACT_CHECK, OrgKind, ContractCheckRequest, IsoDate, OUTFLOW_READY_V1, OutflowReadyV1, PersonComingOfAgeV1, SIGNAL_RAISED_V1, SignalRaisedV1 } from '@vangnet/contracts';
import { Outbox, RpcClient } from '@vangnet/messaging';
import { Transactional, TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { BackgroundJob, Clock, decodeCursor, foundOr404, mustExist, Page, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { AccessFactsService } from '../access-facts/access-facts.service';
import { PlanEntity } from '../plans/plans.entity';
import { ParticipantRole } from '../plans/plans.rules';
import { PlansService } from '../plans/plans.service';
import { CarePlansConfig } from '../shared/care-plans-config';
import { Purpose, WMO_PROCESSING } from '../shared/processing';
import { CloseSignalRequest, OutflowReadyRequest, SignalListQuery, SignalView } from './signals.dto';
import { ComingOfAgeEntity, SignalEntity } from './signals.entity';
import { SignalError, SignalErrorCode } from './signals.errors';
import { SignalsRepository } from './signals.repository';
import { answerOf, fragmented, lacking, planWmoChecks, professionalsOn, ProviderAnswer, reviewOverdue } from './signals.rules';

const PAGE = 500;

/**
 * The one source of care-plan signals: review overdue, a young person turning 18 (with the answer
 * to "is each provider contracted for the Wmo too?"), too many professionals in one household,
 * ready for independent housing. Each fires once (its key), published through the outbox.
 */
@Injectable()
export class SignalsService implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SignalsService.name);
  private readonly job: BackgroundJob<number>;
  /** Only the pending coming-of-age checks: run soon after the fact or a new plan, without the whole scan. */
  private readonly comingOfAgeJob: BackgroundJob<number>;

  constructor(
    private readonly repo: SignalsRepository,
    private readonly plans: PlansService,
    private readonly facts: AccessFactsService,
    private readonly rpc: RpcClient,
    private readonly outbox: Outbox,
    private readonly log: ProcessingLog,
    private readonly clock: Clock,
    private readonly config: CarePlansConfig,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {
    this.job = new BackgroundJob('care-plan-signals', () => this.scan());
    this.comingOfAgeJob = new BackgroundJob('care-plan-coming-of-age', () => this.pendingComingOfAge());
  }

  onModuleInit(): void {
    // Both run inside the transaction of the change, so the signal commits with it.
    this.facts.onProvisionChanged(async (householdIds) => {
      await this.checkFragmentation(await this.plans.openForHouseholds(householdIds));
    });
    this.plans.onChanged(async (plan) => {
      await this.repo.setCoordinator(plan.id, plan.coordinatorOrg);
      await this.checkFragmentation([plan]);
      this.comingOfAgeJob.schedule();
    });
  }

  onApplicationBootstrap(): void {
    this.job.every(this.config.jobIntervalMs, 10_000);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
    await this.comingOfAgeJob.stop();
  }

  /** Run the scan now, in a context of its own (tests and operators; the timer does the same). */
  runNow(): Promise<number> {
    return this.job.run();
  }

  /** Everything that comes due with time: overdue reviews, fragmentation, pending coming-of-age checks. */
  async scan(): Promise<number> {
    let raised = 0;
    let after: string | undefined;
    for (;;) {
      const page = await this.plans.openPlans(after, PAGE);
      raised += await this.txHost.withTransaction(async () => (await this.checkReviews(page)) + (await this.checkFragmentation(page)));
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
    return raised + (await this.pendingComingOfAge());
  }

  private async pendingComingOfAge(): Promise<number> {
    let raised = 0;
    for (const c of await this.repo.comingOfAgeFrom(this.clock.today())) raised += await this.comingOfAge(c);
    return raised;
  }

  // Coming of age.

  /** access.person.coming-of-age: kept, and checked against procurement once it is on a plan (outside this transaction). */
  async applyComingOfAge(data: PersonComingOfAgeV1): Promise<void> {
    await this.repo.saveComingOfAge({ personId: data.personId, personPseudonym: data.personPseudonym, eighteenOn: data.eighteenOn, brpMunicipality: data.brpMunicipality ?? null, youthLineageIds: data.youthProvisionLineageIds });
    this.comingOfAgeJob.schedule();
  }

  /** Raise COMING_OF_AGE on each open plan the young person is on; the contract checks first, outside any transaction. */
  private async comingOfAge(c: ComingOfAgeEntity): Promise<number> {
    const plans = await this.plans.openForHouseholds(await this.facts.householdIdsOf(c.personId));
    const pending: PlanEntity[] = [];
    for (const plan of plans) if (!(await this.repo.exists(comingOfAgeKey(plan.id, c.personId)))) pending.push(plan);
    if (!pending.length) return 0;
    const known = await this.facts.provisionsByLineage(c.youthLineageIds);
    const { checks, answers } = planWmoChecks(c.youthLineageIds, known, this.config.youthToWmo, c.brpMunicipality);
    const asked: ProviderAnswer[] = [];
    try {
      for (const check of checks) {
        const req: ContractCheckRequest = { providerAgb: check.providerAgb, municipality: c.brpMunicipality as string, product: { category: check.wmoCategory }, date: c.eighteenOn };
        asked.push(answerOf(check, contractReply(await this.rpc.request<unknown>(CONTRACT_CHECK, req))));
      }
    } catch (e) {
      // No answer from procurement (NO_RESPONDER, TIMEOUT): try again on the next run.
      this.logger.warn(`coming-of-age check for a plan postponed: ${(e as Error).message}`);
      return 0;
    }
    const providers = [...answers, ...asked].sort((a, b) => a.lineageId.localeCompare(b.lineageId));
    const detail = { eighteenOn: c.eighteenOn, brpMunicipality: c.brpMunicipality, providers, lacking: lacking(providers) };
    let raised = 0;
    await this.txHost.withTransaction(async () => {
      for (const plan of pending) if (await this.raise(plan, CarePlanSignalKind.COMING_OF_AGE, comingOfAgeKey(plan.id, c.personId), c.eighteenOn, detail, { personId: c.personId, personPseudonym: c.personPseudonym })) raised++;
    });
    return raised;
  }

  // Reviews and fragmentation.

  private async checkReviews(plans: PlanEntity[]): Promise<number> {
    const today = this.clock.today();
    let raised = 0;
    for (const plan of plans) {
      if (reviewOverdue(plan.nextReviewOn, today) && (await this.raise(plan, CarePlanSignalKind.REVIEW_OVERDUE, `REVIEW_OVERDUE:${plan.id}:${plan.nextReviewOn}`, plan.nextReviewOn, { nextReviewOn: plan.nextReviewOn }))) raised++;
    }
    // A review held since (a later date): the overdue signal is done.
    const open = await this.repo.openOf(plans.map((p) => p.id), CarePlanSignalKind.REVIEW_OVERDUE);
    const byId = new Map(plans.map((p) => [p.id, p]));
    await this.repo.close(open.filter((s) => (byId.get(s.planId)?.nextReviewOn ?? '') > s.due).map((s) => s.id), today, 'REVIEW_HELD');
    return raised;
  }

  /** More professionals (organisations) active in the household than the threshold: one open signal per plan. */
  async checkFragmentation(plans: PlanEntity[]): Promise<number> {
    if (!plans.length) return 0;
    const today = this.clock.today();
    const open = new Map((await this.repo.openOf(plans.map((p) => p.id), CarePlanSignalKind.FRAGMENTATION)).map((s) => [s.planId, s]));
    const participants = await this.plans.participantsOfPlans(plans.map((p) => p.id));
    const providers = await this.facts.providersOfHouseholds(plans.map((p) => p.householdId));
    let raised = 0;
    const resolved: string[] = [];
    for (const plan of plans) {
      const professionals = professionalsOn(
        participants.filter((p) => p.planId === plan.id),
        providers.filter((p) => p.householdId === plan.householdId),
        today,
      );
      const signal = open.get(plan.id);
      if (fragmented(professionals.length, this.config.fragmentationThreshold)) {
        if (!signal && (await this.raise(plan, CarePlanSignalKind.FRAGMENTATION, `FRAGMENTATION:${plan.id}:${today}`, today, { professionals, threshold: this.config.fragmentationThreshold }))) raised++;
      } else if (signal) resolved.push(signal.id);
    }
    await this.repo.close(resolved, today, 'RESOLVED');
    return raised;
  }

  // Outflow.

  /** The coordinator says a resident is ready for independent housing: housing hears it, the worklist shows it. */
  @Transactional()
  async outflowReady(caller: Caller, planId: string, req: OutflowReadyRequest): Promise<SignalView> {
    const ctx = await this.plans.coordinating(caller, planId, true);
    const resident = ctx.participants.find((p) => p.role === ParticipantRole.RESIDENT && p.personId === req.personId && p.leftOn === null);
    const member = ctx.members.find((m) => m.personId === req.personId);
    if (!resident || !member) throw SignalError.invalidField(SignalErrorCode.NOT_A_RESIDENT, 'personId', `person ${req.personId} takes no part in this plan as a resident`, 422);
    const open = (await this.repo.openOf([planId], CarePlanSignalKind.OUTFLOW_READY)).find((s) => s.personId === req.personId);
    if (open) throw new SignalError(SignalErrorCode.OUTFLOW_ALREADY_READY, `the resident is marked ready already (signal ${open.id})`, 409, undefined, { existingId: open.id });
    const key = `OUTFLOW_READY:${planId}:${req.personId}:${req.readyFrom}`;
    const data: OutflowReadyV1 = { planId, personId: req.personId, personPseudonym: member.personPseudonym, municipality: ctx.plan.municipality, readyFrom: req.readyFrom, needs: [...req.needs].sort() };
    await this.outbox.publish({ type: OUTFLOW_READY_V1, data, municipality: ctx.plan.municipality });
    await this.raise(ctx.plan, CarePlanSignalKind.OUTFLOW_READY, key, req.readyFrom, { needs: data.needs }, { personId: req.personId, personPseudonym: member.personPseudonym });
    await this.plans.logFor(ctx.plan, ctx.members, ProcessingAction.UPDATE);
    return view(mustExist((await this.repo.openOf([planId], CarePlanSignalKind.OUTFLOW_READY)).find((s) => s.key === key), `signal ${key}`));
  }

  // The worklist.

  /** Municipal callers (caseworker, coordinator) read their municipalities'; a provider coordinator the plans it coordinates. */
  async list(caller: Caller, q: SignalListQuery): Promise<Page<SignalView>> {
    if (q.municipality) requireRead(caller, { municipalities: [q.municipality] }, 'municipality');
    const limit = q.limit ?? 100;
    const scope = isMunicipal(caller) || caller.orgKind === OrgKind.PARTNER ? { municipalities: q.municipality ? [q.municipality] : caller.municipalities } : { coordinatorOrg: caller.org, municipalities: q.municipality ? [q.municipality] : undefined };
    const rows = await this.repo.list({ ...scope, kind: q.kind, status: q.status, planId: q.planId, after: decodeCursor<{ id: string }>(q.cursor)?.id, limit: limit + 1 });
    const page = toPage(rows, limit, (last) => ({ id: last.id }));
    await this.record(ProcessingAction.READ, page.items);
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }

  @Transactional()
  async close(caller: Caller, id: string, req: CloseSignalRequest): Promise<SignalView> {
    const s = foundOr404(await this.repo.find(id), () => new SignalError(SignalErrorCode.SIGNAL_NOT_FOUND, `no signal ${id} among yours`, 404), (x) =>
      isMunicipal(caller) || caller.orgKind === OrgKind.PARTNER ? caller.municipalities.includes(x.municipality) : x.coordinatorOrg === caller.org,
    );
    if (s.status !== 'OPEN') throw SignalError.conflict(SignalErrorCode.SIGNAL_CLOSED, `signal ${id} was closed on ${s.closedOn}`);
    await this.repo.close([id], this.clock.today(), req.because);
    const row = mustExist(await this.repo.find(id), `signal ${id}`);
    await this.record(ProcessingAction.UPDATE, [row]);
    return view(row);
  }

  /** Raise once per key: true when this call raised it (and published care-plans.signal.raised). */
  private async raise(plan: PlanEntity, kind: CarePlanSignalKind, key: string, due: IsoDate, detail: object, person?: { personId: string; personPseudonym: string }): Promise<boolean> {
    const id = randomUUID();
    const raised = await this.repo.raise({ id, planId: plan.id, kind, personId: person?.personId ?? null, personPseudonym: person?.personPseudonym ?? null, municipality: plan.municipality, coordinatorOrg: plan.coordinatorOrg, due, raisedOn: this.clock.today(), key, detail });
    if (!raised) return false;
    const data: SignalRaisedV1 = { signalId: id, planId: plan.id, kind, due, ...(person ? { personId: person.personId } : {}) };
    await this.outbox.publish({ type: SIGNAL_RAISED_V1, data, municipality: plan.municipality });
    return true;
  }

  private async record(action: ProcessingAction, rows: SignalEntity[]): Promise<void> {
    await this.log.record(rows.filter((r) => r.personPseudonym).map((r) => ({ pseudonym: r.personPseudonym as string, action, purpose: Purpose.SIGNALS, legalBasis: WMO_PROCESSING, resource: 'care-plan-signal', resourceId: r.id, municipality: r.municipality })));
  }
}

function comingOfAgeKey(planId: string, personId: string): string {
  return `COMING_OF_AGE:${planId}:${personId}`;
}

/** Procurement's answer: an approval, or a refusal whose code travels on unchanged. */
function contractReply(body: unknown): { ok: true } | { ok: false; code: string } {
  const b = body as { ok?: unknown; code?: unknown } | null;
  if (b?.ok === true) return { ok: true };
  if (b?.ok === false && typeof b.code === 'string') return { ok: false, code: b.code };
  throw new Error(`${CONTRACT_CHECK} answered with an invalid reply`);
}

function view(s: SignalEntity): SignalView {
  return { id: s.id, planId: s.planId, kind: s.kind, personId: s.personId, municipality: s.municipality, due: s.due, raisedOn: s.raisedOn, status: s.status, closedOn: s.closedOn, closedBecause: s.closedBecause, detail: s.detail };
}
