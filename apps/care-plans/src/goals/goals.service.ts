import { Injectable } from '@nestjs/common';
import { Caller, ProcessingAction, providerAgbOf } from '@vangnet/auth';
import { addMonths, IsoDate } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { Clock, mustExist } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { LifeDomainEntity, ProvisionEntity } from '../access-facts/access-facts.entity';
import { runningOn, whoPays } from '../access-facts/access-facts.rules';
import { AccessFactsService } from '../access-facts/access-facts.service';
import { PlanSection, sees, seesDomain } from '../plans/plans.rules';
import { PlanContext, PlansService } from '../plans/plans.service';
import { ActionView, CreateActionRequest, CreateGoalRequest, CreateReviewRequest, GoalView, ProvisionsView, ProvisionView, ReviewView, ScoreHistoryView, UpdateActionRequest } from './goals.dto';
import { DomainScoreEntity, ProvisionGoalEntity } from './goals.entity';
import { GoalError, GoalErrorCode } from './goals.errors';
import { ActionRow, GoalRow, GoalsRepository, PlanContent, ReviewRow } from './goals.repository';
import { achievedBy, scoreHistory, scoreProblem } from './goals.rules';

/** Goals per life domain, actions, reviews with re-measured scores, and the provisions that pay. */
@Injectable()
export class GoalsService {
  constructor(
    private readonly repo: GoalsRepository,
    private readonly plans: PlansService,
    private readonly facts: AccessFactsService,
    private readonly clock: Clock,
  ) {}

  // Goals.

  @Transactional()
  async createGoal(caller: Caller, planId: string, req: CreateGoalRequest): Promise<GoalView> {
    const ctx = await this.plans.coordinating(caller, planId, true);
    const domain = await this.domainOr422(req.domain, 'domain');
    for (const field of ['baselineScore', 'targetScore'] as const) {
      const problem = scoreProblem(req[field], domain, domain.label);
      if (problem) throw GoalError.invalidField(GoalErrorCode.SCORE_OUT_OF_SCALE, field, problem, 400);
    }
    if (req.baselineOn > ctx.today) throw GoalError.invalidField(GoalErrorCode.DATE_IN_FUTURE, 'baselineOn', `baselineOn lies after today (${ctx.today})`, 422);
    this.requireMember(ctx, req.personId, 'personId');
    const id = randomUUID();
    await this.repo.insertGoal({
      id,
      planId,
      domainCode: req.domain,
      personId: req.personId ?? null,
      description: req.description,
      baselineScore: req.baselineScore,
      baselineOn: req.baselineOn,
      targetScore: req.targetScore,
      targetDate: req.targetDate,
      status: 'ACTIVE',
      achievedOn: null,
      priority: req.priority ?? 100,
      createdBy: `${caller.org}/${caller.sub}`,
    });
    await this.repo.insertScores([{ id: randomUUID(), planId, reviewId: null, domainCode: req.domain, personId: req.personId ?? null, score: req.baselineScore, measuredOn: req.baselineOn, source: 'BASELINE' }]);
    await this.plans.logFor(ctx.plan, ctx.members, ProcessingAction.CREATE);
    const goal = mustExist((await this.repo.goalsOf(planId)).find((g) => g.id === id), `goal ${id}`);
    return goalView(goal, await this.repo.scoresOf(planId));
  }

  async goals(caller: Caller, planId: string): Promise<GoalView[]> {
    const ctx = await this.plans.context(caller, planId);
    await this.plans.logFor(ctx.plan, ctx.members, ProcessingAction.READ);
    return this.goalViews(ctx, await this.repo.goalsOf(planId), await this.repo.scoresOf(planId));
  }

  goalViews(ctx: PlanContext, goals: GoalRow[], scores: DomainScoreEntity[]): GoalView[] {
    if (!ctx.viewer.coordinator && !sees(ctx.viewer, PlanSection.GOALS)) return [];
    return goals.filter((g) => seesDomain(ctx.viewer, g.domainCode)).map((g) => goalView(g, scores));
  }

  // Actions.

  @Transactional()
  async createAction(caller: Caller, planId: string, req: CreateActionRequest): Promise<ActionView> {
    const ctx = await this.plans.coordinating(caller, planId, true);
    const performer = ctx.participants.find((p) => p.id === req.performerId && (p.leftOn === null || p.leftOn >= ctx.today));
    if (!performer) throw GoalError.invalidField(GoalErrorCode.UNKNOWN_PARTICIPANT, 'performerId', `no active participant ${req.performerId} on this plan`, 422);
    if (req.goalId && !(await this.repo.goalsOf(planId)).some((g) => g.id === req.goalId)) throw GoalError.invalidField(GoalErrorCode.GOAL_NOT_FOUND, 'goalId', `no goal ${req.goalId} on this plan`, 422);
    const lineageId = req.lineageId ? await this.householdLineage(ctx, req.lineageId, 'lineageId') : null;
    const id = randomUUID();
    await this.repo.insertAction({
      id,
      planId,
      goalId: req.goalId ?? null,
      performerId: req.performerId,
      description: req.description,
      dueOn: req.dueOn ?? null,
      lineageId,
      sequence: req.sequence ?? 100,
      status: 'OPEN',
      doneOn: null,
      createdBy: `${caller.org}/${caller.sub}`,
    });
    await this.plans.logFor(ctx.plan, ctx.members, ProcessingAction.CREATE);
    return actionView(mustExist(await this.repo.action(planId, id), `action ${id}`));
  }

  /** The coordinator, or the participant who does it, marks an action done or cancelled. */
  @Transactional()
  async updateAction(caller: Caller, planId: string, actionId: string, req: UpdateActionRequest): Promise<ActionView> {
    const ctx = await this.plans.context(caller, planId, true);
    const action = await this.repo.action(planId, actionId);
    const visible = action && (ctx.viewer.coordinator || ctx.viewer.participantIds.includes(action.performerId));
    if (!action || !visible) throw new GoalError(GoalErrorCode.ACTION_NOT_FOUND, `no action ${actionId} of yours on this plan`, 404);
    const doneOn = req.status === 'OPEN' ? null : (req.doneOn ?? ctx.today);
    if (doneOn && doneOn > ctx.today) throw GoalError.invalidField(GoalErrorCode.DATE_IN_FUTURE, 'doneOn', `doneOn lies after today (${ctx.today})`, 422);
    await this.repo.setActionStatus(actionId, req.status, doneOn);
    await this.plans.logFor(ctx.plan, ctx.members, ProcessingAction.UPDATE);
    return actionView(mustExist(await this.repo.action(planId, actionId), `action ${actionId}`));
  }

  async actions(caller: Caller, planId: string): Promise<ActionView[]> {
    const ctx = await this.plans.context(caller, planId);
    await this.plans.logFor(ctx.plan, ctx.members, ProcessingAction.READ);
    return this.actionViews(ctx, await this.repo.actionsOf(planId), await this.repo.goalsOf(planId));
  }

  /** A participant sees its own actions always; others' only with ACTIONS consent, in its domains. */
  actionViews(ctx: PlanContext, actions: ActionRow[], goals: GoalRow[]): ActionView[] {
    const domainOf = new Map(goals.map((g) => [g.id, g.domainCode]));
    return actions
      .filter((a) => {
        if (ctx.viewer.coordinator || ctx.viewer.participantIds.includes(a.performerId)) return true;
        if (!sees(ctx.viewer, PlanSection.ACTIONS)) return false;
        const domain = a.goalId ? domainOf.get(a.goalId) : undefined;
        return domain === undefined ? !a.goalId : seesDomain(ctx.viewer, domain);
      })
      .map(actionView);
  }

  // Reviews.

  /** A review re-measures the domain scores; a goal whose target is met is achieved. */
  @Transactional()
  async createReview(caller: Caller, planId: string, req: CreateReviewRequest): Promise<ReviewView> {
    const ctx = await this.plans.coordinating(caller, planId, true);
    if (req.heldOn > ctx.today) throw GoalError.invalidField(GoalErrorCode.DATE_IN_FUTURE, 'heldOn', `heldOn lies after today (${ctx.today})`, 422);
    for (const [i, s] of req.scores.entries()) {
      const domain = await this.domainOr422(s.domain, `scores[${i}].domain`);
      const problem = scoreProblem(s.score, domain, domain.label);
      if (problem) throw GoalError.invalidField(GoalErrorCode.SCORE_OUT_OF_SCALE, `scores[${i}].score`, problem, 400);
      this.requireMember(ctx, s.personId, `scores[${i}].personId`);
    }
    const id = randomUUID();
    const scores: DomainScoreEntity[] = req.scores.map((s) => ({ id: randomUUID(), planId, reviewId: id, domainCode: s.domain, personId: s.personId ?? null, score: s.score, measuredOn: req.heldOn, source: 'REVIEW' }));
    await this.repo.insertReview({ id, planId, heldOn: req.heldOn, note: req.note ?? null, recordedBy: `${caller.org}/${caller.sub}` }, scores);
    const achieved = achievedBy(await this.repo.goalsOf(planId), scores);
    await this.repo.achieve(achieved, req.heldOn);
    const latest = (await this.repo.reviewsOf(planId)).reduce((max, r) => (r.heldOn > max ? r.heldOn : max), req.heldOn);
    await this.plans.setNextReview(planId, req.nextReviewOn ?? addMonths(latest, ctx.plan.reviewIntervalMonths));
    await this.plans.logFor(ctx.plan, ctx.members, ProcessingAction.CREATE);
    return { id, heldOn: req.heldOn, note: req.note ?? null, scores: scores.map((s) => ({ domain: s.domainCode, personId: s.personId, score: s.score })), achievedGoalIds: achieved };
  }

  async reviews(caller: Caller, planId: string): Promise<ReviewView[]> {
    const ctx = await this.plans.context(caller, planId);
    await this.plans.logFor(ctx.plan, ctx.members, ProcessingAction.READ);
    return this.reviewViews(ctx, await this.repo.reviewsOf(planId), await this.repo.scoresOf(planId));
  }

  reviewViews(ctx: PlanContext, reviews: ReviewRow[], scores: DomainScoreEntity[]): ReviewView[] {
    if (!ctx.viewer.coordinator && !sees(ctx.viewer, PlanSection.REVIEWS)) return [];
    const byReview = new Map<string, DomainScoreEntity[]>();
    for (const s of scores) if (s.reviewId) byReview.set(s.reviewId, [...(byReview.get(s.reviewId) ?? []), s]);
    return reviews.map((r) => ({
      id: r.id,
      heldOn: r.heldOn,
      note: ctx.viewer.coordinator ? r.note : null,
      scores: (byReview.get(r.id) ?? []).filter((s) => seesDomain(ctx.viewer, s.domainCode)).map((s) => ({ domain: s.domainCode, personId: s.personId, score: s.score })),
    }));
  }

  /** Each domain's score history (REVIEWS consent, granted domains). */
  historyViews(ctx: PlanContext, scores: DomainScoreEntity[], lifeDomains: LifeDomainEntity[]): ScoreHistoryView[] {
    if (!ctx.viewer.coordinator && !sees(ctx.viewer, PlanSection.REVIEWS)) return [];
    const domains = new Map(lifeDomains.map((d) => [d.code, d]));
    return scoreHistory(scores.filter((s) => seesDomain(ctx.viewer, s.domainCode)), ctx.plan.priorities).map((h) => {
      const d = domains.get(h.domain);
      return { domain: h.domain, label: d?.label ?? h.domain, scaleMin: d?.scaleMin ?? 0, scaleMax: d?.scaleMax ?? 0, personId: h.personId, history: h.history };
    });
  }

  // Provisions on the plan.

  async provisions(caller: Caller, planId: string): Promise<ProvisionsView> {
    const ctx = await this.plans.context(caller, planId);
    await this.plans.logFor(ctx.plan, ctx.members, ProcessingAction.READ);
    return this.provisionsView(caller, ctx, await this.facts.provisionsOfHousehold(ctx.plan.householdId), await this.repo.linksOf(planId));
  }

  /** The household's provisions and who pays them (PROVISIONS consent); a provider always sees its own. */
  provisionsView(caller: Caller, ctx: PlanContext, provisions: ProvisionEntity[], links: ProvisionGoalEntity[]): ProvisionsView {
    const all = ctx.viewer.coordinator || sees(ctx.viewer, PlanSection.PROVISIONS);
    const own = providerAgbOf(caller);
    const visible = provisions.filter((p) => p.version > 0 && (all || (own !== undefined && p.providerAgb === own)));
    const goalsOf = new Map<string, string[]>();
    for (const l of links) goalsOf.set(l.lineageId, [...(goalsOf.get(l.lineageId) ?? []), l.goalId].sort());
    return {
      provisions: visible.map((p) => provisionView(p, goalsOf.get(p.lineageId) ?? [], ctx.today)),
      whoPays: all ? whoPays(visible, ctx.today) : [],
    };
  }

  /** The coordinator links a provision of the household to the goals it serves. */
  @Transactional()
  async linkGoals(caller: Caller, planId: string, lineageOrProvisionId: string, goalIds: string[]): Promise<ProvisionView> {
    const ctx = await this.plans.coordinating(caller, planId, true);
    const lineageId = await this.householdLineage(ctx, lineageOrProvisionId, 'lineageId', 404);
    const goals = await this.repo.goalsOf(planId);
    for (const [i, g] of goalIds.entries()) if (!goals.some((x) => x.id === g)) throw GoalError.invalidField(GoalErrorCode.GOAL_NOT_FOUND, `goalIds[${i}]`, `no goal ${g} on this plan`, 422);
    await this.repo.replaceLinks(planId, lineageId, goalIds);
    await this.plans.logFor(ctx.plan, ctx.members, ProcessingAction.UPDATE);
    const p = mustExist(await this.facts.provision(lineageId), `provision ${lineageId}`);
    return provisionView(p, [...goalIds].sort(), ctx.today);
  }

  /** For the plan view: goals, actions, reviews, scores and links in one read. */
  content(planId: string): Promise<PlanContent> {
    return this.repo.content(planId);
  }

  private async domainOr422(code: string, field: string) {
    const d = await this.facts.domain(code);
    if (!d || !d.active) throw GoalError.invalidField(GoalErrorCode.UNKNOWN_LIFE_DOMAIN, field, `${code} is not one of the region’s active life domains`, 422);
    return d;
  }

  private requireMember(ctx: PlanContext, personId: string | undefined, field: string): void {
    if (personId && !ctx.members.some((m) => m.personId === personId)) throw GoalError.invalidField(GoalErrorCode.NOT_A_MEMBER, field, `person ${personId} is not a member of the plan’s household`, 422);
  }

  /** A lineage (or a version's provisionId) of the household's provisions; its lineage id. */
  private async householdLineage(ctx: PlanContext, id: string, field: string, status = 422): Promise<string> {
    const provisions = await this.facts.provisionsOfHousehold(ctx.plan.householdId);
    const p = provisions.find((x) => x.version > 0 && (x.lineageId === id || x.provisionId === id));
    if (!p) {
      if (status === 404) throw new GoalError(GoalErrorCode.PROVISION_NOT_IN_HOUSEHOLD, `no provision ${id} of this household`, 404);
      throw GoalError.invalidField(GoalErrorCode.PROVISION_NOT_IN_HOUSEHOLD, field, `provision ${id} is not one of the household’s (provisions come from access)`, status);
    }
    return p.lineageId;
  }
}

function latestScore(g: GoalRow, scores: DomainScoreEntity[]): number | null {
  let best: DomainScoreEntity | undefined;
  for (const s of scores) if (s.domainCode === g.domainCode && s.personId === g.personId && (!best || s.measuredOn >= best.measuredOn)) best = s;
  return best?.score ?? null;
}

function goalView(g: GoalRow, scores: DomainScoreEntity[]): GoalView {
  return {
    id: g.id,
    domain: g.domainCode,
    personId: g.personId,
    description: g.description,
    baselineScore: g.baselineScore,
    baselineOn: g.baselineOn,
    targetScore: g.targetScore,
    targetDate: g.targetDate,
    status: g.status,
    achievedOn: g.achievedOn,
    priority: g.priority,
    currentScore: latestScore(g, scores),
  };
}

function actionView(a: ActionRow): ActionView {
  return { id: a.id, goalId: a.goalId, performerId: a.performerId, description: a.description, dueOn: a.dueOn, lineageId: a.lineageId, sequence: a.sequence, status: a.status, doneOn: a.doneOn };
}

function provisionView(p: ProvisionEntity, goalIds: string[], today: IsoDate): ProvisionView {
  return {
    lineageId: p.lineageId,
    provisionId: p.provisionId,
    version: p.version,
    personId: p.personId,
    category: p.category,
    productCode: p.productCode,
    deliveryForm: p.deliveryForm,
    providerAgb: p.providerAgb,
    period: { start: p.periodStart, end: p.periodEnd },
    endedOn: p.endedOn,
    responsibleMunicipality: p.responsibleMunicipality,
    law: p.law,
    volume: p.volumeAmount === null ? null : { amount: p.volumeAmount, unit: p.volumeUnit, frequency: p.volumeFrequency },
    budgetCents: p.budgetCents,
    tariffCents: p.tariffCents,
    running: runningOn(p, today),
    goalIds,
  };
}
