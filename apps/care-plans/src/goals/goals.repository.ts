import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import { ActionEntity, DomainScoreEntity, GoalEntity, ProvisionGoalEntity, ReviewEntity } from './goals.entity';
import { ActionStatus } from './goals.rules';

export type GoalRow = Omit<GoalEntity, 'createdAt' | 'createdBy'>;
export type ActionRow = Omit<ActionEntity, 'createdAt' | 'createdBy'>;
export type ReviewRow = Omit<ReviewEntity, 'createdAt' | 'recordedBy'>;

/** Everything of a plan this feature keeps, as one read answers it. */
export interface PlanContent {
  goals: GoalRow[];
  actions: ActionRow[];
  reviews: ReviewRow[];
  scores: DomainScoreEntity[];
  links: ProvisionGoalEntity[];
}

// One round trip for the plan read (ADR 0007: the bench showed five entity reads per plan read
// cost more than the read's own work); each list in the order the entity reads give it.
const CONTENT_SQL = `SELECT
  (SELECT coalesce(json_agg(json_build_object('id', g.id, 'planId', g.plan_id, 'domainCode', g.domain_code, 'personId', g.person_id, 'description', g.description,
      'baselineScore', g.baseline_score, 'baselineOn', g.baseline_on, 'targetScore', g.target_score, 'targetDate', g.target_date, 'status', g.status,
      'achievedOn', g.achieved_on, 'priority', g.priority) ORDER BY g.priority, g.created_at, g.id), '[]') FROM goal g WHERE g.plan_id = $1) AS goals,
  (SELECT coalesce(json_agg(json_build_object('id', a.id, 'planId', a.plan_id, 'goalId', a.goal_id, 'performerId', a.performer_id, 'description', a.description,
      'dueOn', a.due_on, 'lineageId', a.lineage_id, 'sequence', a.sequence, 'status', a.status, 'doneOn', a.done_on) ORDER BY a.sequence, a.created_at, a.id), '[]') FROM action a WHERE a.plan_id = $1) AS actions,
  (SELECT coalesce(json_agg(json_build_object('id', r.id, 'planId', r.plan_id, 'heldOn', r.held_on, 'note', r.note) ORDER BY r.held_on, r.created_at), '[]') FROM review r WHERE r.plan_id = $1) AS reviews,
  (SELECT coalesce(json_agg(json_build_object('id', s.id, 'planId', s.plan_id, 'reviewId', s.review_id, 'domainCode', s.domain_code, 'personId', s.person_id,
      'score', s.score, 'measuredOn', s.measured_on, 'source', s.source) ORDER BY s.measured_on), '[]') FROM domain_score s WHERE s.plan_id = $1) AS scores,
  (SELECT coalesce(json_agg(json_build_object('lineageId', l.lineage_id, 'goalId', l.goal_id, 'planId', l.plan_id)), '[]') FROM provision_goal l WHERE l.plan_id = $1) AS links`;

@Injectable()
export class GoalsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get goals(): Repository<GoalEntity> {
    return this.txHost.tx.getRepository(GoalEntity);
  }

  private get actions(): Repository<ActionEntity> {
    return this.txHost.tx.getRepository(ActionEntity);
  }

  private get reviews(): Repository<ReviewEntity> {
    return this.txHost.tx.getRepository(ReviewEntity);
  }

  private get scores(): Repository<DomainScoreEntity> {
    return this.txHost.tx.getRepository(DomainScoreEntity);
  }

  private get links(): Repository<ProvisionGoalEntity> {
    return this.txHost.tx.getRepository(ProvisionGoalEntity);
  }

  async content(planId: string): Promise<PlanContent> {
    const rows: PlanContent[] = await this.txHost.tx.query(CONTENT_SQL, [planId]);
    return rows[0];
  }

  async insertGoal(g: Omit<GoalEntity, 'createdAt'>): Promise<void> {
    await this.goals.insert(g);
  }

  goalsOf(planId: string): Promise<GoalEntity[]> {
    return this.goals.find({ where: { planId }, order: { priority: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }

  async achieve(ids: string[], on: string): Promise<void> {
    if (!ids.length) return;
    await this.goals.update({ id: In(ids), status: 'ACTIVE' }, { status: 'ACHIEVED', achievedOn: on });
  }

  async insertAction(a: Omit<ActionEntity, 'createdAt'>): Promise<void> {
    await this.actions.insert(a);
  }

  actionsOf(planId: string): Promise<ActionEntity[]> {
    return this.actions.find({ where: { planId }, order: { sequence: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }

  async action(planId: string, id: string): Promise<ActionEntity | undefined> {
    return (await this.actions.findOneBy({ planId, id })) ?? undefined;
  }

  async setActionStatus(id: string, status: ActionStatus, doneOn: string | null): Promise<void> {
    await this.actions.update({ id }, { status, doneOn });
  }

  async insertReview(r: Omit<ReviewEntity, 'createdAt'>, scores: DomainScoreEntity[]): Promise<void> {
    await this.reviews.insert(r);
    if (scores.length) await this.scores.insert(scores);
  }

  async insertScores(scores: DomainScoreEntity[]): Promise<void> {
    if (scores.length) await this.scores.insert(scores);
  }

  reviewsOf(planId: string): Promise<ReviewEntity[]> {
    return this.reviews.find({ where: { planId }, order: { heldOn: 'ASC', createdAt: 'ASC' } });
  }

  scoresOf(planId: string): Promise<DomainScoreEntity[]> {
    return this.scores.find({ where: { planId }, order: { measuredOn: 'ASC' } });
  }

  linksOf(planId: string): Promise<ProvisionGoalEntity[]> {
    return this.links.find({ where: { planId } });
  }

  async replaceLinks(planId: string, lineageId: string, goalIds: string[]): Promise<void> {
    await this.links.delete({ planId, lineageId });
    if (goalIds.length) await this.links.insert(goalIds.map((goalId) => ({ planId, lineageId, goalId })));
  }
}
