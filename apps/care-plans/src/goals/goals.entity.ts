import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ActionStatus, GoalStatus, ScoreSource } from './goals.rules';

/** A goal in one life domain: from a baseline score to a target score by a date. */
@Entity('goal')
@Index('goal_plan', ['planId', 'domainCode'])
@Check('goal_status_check', `status IN ('ACTIVE', 'ACHIEVED', 'STOPPED')`)
@Check('goal_dates_check', 'target_date >= baseline_on')
export class GoalEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'text' })
  domainCode!: string;

  /** The household member it is about; null for the household as a whole. */
  @Column({ type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'integer' })
  baselineScore!: number;

  @Column({ type: 'date' })
  baselineOn!: string;

  @Column({ type: 'integer' })
  targetScore!: number;

  @Column({ type: 'date' })
  targetDate!: string;

  @Column({ type: 'text' })
  status!: GoalStatus;

  @Column({ type: 'date', nullable: true })
  achievedOn!: string | null;

  /** Lower is sooner: the coordinator's order of work. */
  @Column({ type: 'integer', default: 100 })
  priority!: number;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** Who does what by when, towards a goal, paid by a provision lineage where one pays for it. */
@Entity('action')
@Index('action_plan', ['planId', 'sequence'])
@Check('action_status_check', `status IN ('OPEN', 'DONE', 'CANCELLED')`)
export class ActionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'uuid', nullable: true })
  goalId!: string | null;

  /** The participant who does it. */
  @Column({ type: 'uuid' })
  performerId!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'date', nullable: true })
  dueOn!: string | null;

  /** The provision lineage that pays for it (ARCHITECTURE §2: actions refer to the lineage). */
  @Column({ type: 'uuid', nullable: true })
  lineageId!: string | null;

  /** The order in which the coordinator wants the work done. */
  @Column({ type: 'integer', default: 100 })
  sequence!: number;

  @Column({ type: 'text' })
  status!: ActionStatus;

  @Column({ type: 'date', nullable: true })
  doneOn!: string | null;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** A review held on a date: the domain scores re-measured. */
@Entity('review')
@Index('review_plan', ['planId', 'heldOn'])
export class ReviewEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'date' })
  heldOn!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'text' })
  recordedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** One measured score of one domain (a goal's baseline or a review's), the plan's score history. */
@Entity('domain_score')
@Index('domain_score_plan', ['planId', 'domainCode', 'measuredOn'])
@Check('domain_score_source_check', `source IN ('BASELINE', 'REVIEW')`)
export class DomainScoreEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'uuid', nullable: true })
  reviewId!: string | null;

  @Column({ type: 'text' })
  domainCode!: string;

  @Column({ type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ type: 'integer' })
  score!: number;

  @Column({ type: 'date' })
  measuredOn!: string;

  @Column({ type: 'text' })
  source!: ScoreSource;
}

/** A provision lineage linked to the goals the coordinator chose. */
@Entity('provision_goal')
@Index('provision_goal_plan', ['planId'])
export class ProvisionGoalEntity {
  @PrimaryColumn({ type: 'uuid' })
  lineageId!: string;

  @PrimaryColumn({ type: 'uuid' })
  goalId!: string;

  @Column({ type: 'uuid' })
  planId!: string;
}
