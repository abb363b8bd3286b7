import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import { ActionEntity, DomainScoreEntity, GoalEntity, ProvisionGoalEntity, ReviewEntity } from './goals.entity';
import { ActionStatus } from './goals.rules';

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
