import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ConsentMethod, ParticipantRole, PlanStatus } from './plans.rules';

/** One household, one plan, one coordinator (regisseur) at a time. */
@Entity('plan')
@Index('plan_household', ['householdId'], { unique: true })
@Index('plan_municipality', ['municipality', 'id'])
@Index('plan_coordinator', ['coordinatorOrg', 'id'])
@Index('plan_next_review', ['nextReviewOn'], { where: `status = 'OPEN'` })
@Check('plan_status_check', `status IN ('OPEN', 'CLOSED')`)
@Check('plan_review_interval_check', 'review_interval_months BETWEEN 1 AND 24')
export class PlanEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  householdId!: string;

  /** The household's municipality (the tenant). */
  @Column({ type: 'text' })
  municipality!: string;

  /** The coordinating organisation as its `org` claim (GM0546, AGB:12345678). */
  @Column({ type: 'text' })
  coordinatorOrg!: string;

  @Column({ type: 'text', nullable: true })
  coordinatorTeam!: string | null;

  @Column({ type: 'date' })
  openedOn!: string;

  @Column({ type: 'integer' })
  reviewIntervalMonths!: number;

  @Column({ type: 'date' })
  nextReviewOn!: string;

  /** Life-domain codes in the order the coordinator wants them worked on. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  priorities!: string[];

  @Column({ type: 'text' })
  status!: PlanStatus;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** Someone involved in the plan, with a role; what they see is their consent. */
@Entity('participant')
@Index('participant_plan', ['planId'])
@Index('participant_org', ['org'], { where: 'left_on IS NULL' })
@Index('participant_one_coordinator', ['planId'], { unique: true, where: `role = 'COORDINATOR' AND left_on IS NULL` })
@Check('participant_role_check', `role IN ('COORDINATOR', 'RESIDENT', 'LEGAL_REPRESENTATIVE', 'INFORMAL_CARER', 'VOLUNTEER', 'PROVIDER', 'MUNICIPAL_TEAM', 'GP', 'FACT_TEAM')`)
@Check('participant_no_corporation_check', `org IS NULL OR org NOT LIKE 'CORP:%'`)
export class ParticipantEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'text' })
  role!: ParticipantRole;

  /** The organisation as its `org` claim; null for the resident and informal carers. */
  @Column({ type: 'text', nullable: true })
  org!: string | null;

  @Column({ type: 'text', nullable: true })
  team!: string | null;

  /** How the plan names them ("Buurtteam Noord", "zus van de bewoner"). */
  @Column({ type: 'text' })
  label!: string;

  /** A household member taking part as resident. */
  @Column({ type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ type: 'date' })
  joinedOn!: string;

  @Column({ type: 'date', nullable: true })
  leftOn!: string | null;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/**
 * One consent a participant was given: which plan sections and which life domains they may see,
 * from `givenOn`, recorded by the coordinator on the instruction of the resident or their legal
 * representative (`instructedBy`), and how it was given. A narrower or wider consent is a new
 * row; a withdrawal dates the current one.
 */
@Entity('consent')
@Index('consent_participant', ['participantId', 'recordedAt'])
@Index('consent_plan', ['planId'])
@Check('consent_method_check', `method IN ('IN_PERSON', 'IN_WRITING', 'BY_PHONE')`)
export class ConsentEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'uuid' })
  participantId!: string;

  @Column({ type: 'text', array: true })
  sections!: string[];

  @Column({ type: 'text', array: true })
  domains!: string[];

  @Column({ type: 'date' })
  givenOn!: string;

  @Column({ type: 'text' })
  method!: ConsentMethod;

  /** The resident's or legal representative's participant id. */
  @Column({ type: 'uuid' })
  instructedBy!: string;

  @Column({ type: 'text' })
  recordedBy!: string;

  @Column({ type: 'date', nullable: true })
  withdrawnOn!: string | null;

  @Column({ type: 'text', nullable: true })
  withdrawalMethod!: string | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawalInstructedBy!: string | null;

  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  recordedAt!: Date;
}

/** A change of coordinator, visible to every participant. */
@Entity('handover')
@Index('handover_plan', ['planId', 'on'])
export class HandoverEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'text' })
  fromOrg!: string;

  @Column({ type: 'text', nullable: true })
  fromTeam!: string | null;

  @Column({ type: 'text' })
  toOrg!: string;

  @Column({ type: 'text', nullable: true })
  toTeam!: string | null;

  @Column({ type: 'date' })
  on!: string;

  /** Handed over in a meeting with the resident (warme overdracht). */
  @Column({ type: 'boolean' })
  inPerson!: boolean;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'text' })
  recordedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
