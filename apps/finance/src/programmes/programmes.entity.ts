import { centsTransformer } from '@vangnet/persistence';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, ValueTransformer } from 'typeorm';
import { FundPart, KeyWeight } from '../funds/funds.rules';
import { Kpi, LineYear, PlanTheme } from './programmes.rules';

// The programmes feature's tables (migration Programmes1790000000000, issue 17): a programme per
// regional fund, its plan versions (insert-only: the plan as approved stays readable), action lines
// with their plan per version, the fund's amounts per year and kind with their keys (versions),
// KPI measurements, bookings of spend against the plan, and the alerts raised.

/** A numeric column ↔ a number (pg hands numerics over as strings). */
const numericTransformer: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v === null ? null : Number(v)),
};

@Entity('programme')
@Check('programme_period_check', 'last_year >= first_year')
export class ProgrammeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  fundName!: string;

  /** The central municipality that holds the fund. */
  @Column({ type: 'text' })
  ownerMunicipality!: string;

  @Column({ type: 'integer' })
  firstYear!: number;

  @Column({ type: 'integer' })
  lastYear!: number;

  /** The plan version in force (the latest). */
  @Column({ type: 'integer', default: 1 })
  currentVersion!: number;

  /** The latest approved plan version (earlier approved versions stay readable). */
  @Column({ type: 'integer', nullable: true })
  approvedVersion!: number | null;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** A version of the plan: themes, the totals the agenda states, why it changed. Insert-only. */
@Entity('programme_plan')
export class ProgrammePlanEntity {
  @PrimaryColumn({ type: 'uuid' })
  programmeId!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb' })
  themes!: PlanTheme[];

  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer })
  statedTotalCents!: number | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  statedYearTotals!: Array<{ year: number; totalCents: number }>;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** The approval of a plan version by a second controller. Insert-only. */
@Entity('programme_plan_approval')
export class PlanApprovalEntity {
  @PrimaryColumn({ type: 'uuid' })
  programmeId!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  approvedBy!: string;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  approvedAt!: Date;
}

/** An action line's identity: its number within the programme, the same across plan versions. */
@Entity('action_line')
@Unique(['programmeId', 'number'])
export class ActionLineEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => ProgrammeEntity)
  @JoinColumn({ name: 'programme_id' })
  programme?: ProgrammeEntity;

  @Column({ type: 'text' })
  number!: string;
}

/** An action line as a plan version has it. Insert-only. */
@Entity('action_line_plan')
@Index('action_line_plan_programme', ['programmeId', 'planVersion'])
export class ActionLinePlanEntity {
  @PrimaryColumn({ type: 'uuid' })
  actionLineId!: string;

  @ManyToOne(() => ActionLineEntity)
  @JoinColumn({ name: 'action_line_id' })
  actionLine?: ActionLineEntity;

  @PrimaryColumn({ type: 'integer' })
  planVersion!: number;

  @Column({ type: 'uuid' })
  programmeId!: string;

  @Column({ type: 'text' })
  theme!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  owner!: string;

  @Column({ type: 'text' })
  startQuarter!: string;

  @Column({ type: 'text' })
  endQuarter!: string;

  @Column({ type: 'text', nullable: true })
  result!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  kpi!: Kpi | null;

  /** Planned cents per year, incidental and structural. */
  @Column({ type: 'jsonb' })
  years!: LineYear[];
}

/** The fund's amount for a year and kind, distributed by that kind-year's key: a version per change. Insert-only. */
@Entity('programme_allocation')
@Check('programme_allocation_kind_check', "kind IN ('INCIDENTAL', 'STRUCTURAL')")
export class AllocationEntity {
  @PrimaryColumn({ type: 'uuid' })
  programmeId!: string;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @PrimaryColumn({ type: 'text' })
  kind!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'bigint', transformer: centsTransformer })
  amountCents!: number;

  @Column({ type: 'jsonb' })
  weights!: KeyWeight[];

  @Column({ type: 'text', nullable: true })
  basis!: string | null;

  @Column({ type: 'jsonb' })
  parts!: FundPart[];

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** A measurement of an action line's KPI. */
@Entity('action_line_measurement')
@Index('action_line_measurement_line', ['actionLineId', 'measuredOn'])
export class MeasurementEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  actionLineId!: string;

  @ManyToOne(() => ActionLineEntity)
  @JoinColumn({ name: 'action_line_id' })
  actionLine?: ActionLineEntity;

  @Column({ type: 'date' })
  measuredOn!: string;

  @Column({ type: 'numeric', transformer: numericTransformer })
  value!: number;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'text' })
  recordedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}

/**
 * A commitment or payment booked on an action line and a municipality's allocation. Insert-only:
 * a correction is another booking. A subsidy's commitment carries its id (once per subsidy); its
 * payments are the instalments paid through payment batches.
 */
@Entity('programme_booking')
@Index('programme_booking_programme', ['programmeId', 'municipality', 'year'])
@Index('programme_booking_subsidy', ['subsidyId'], { unique: true, where: 'subsidy_id IS NOT NULL' })
@Check('programme_booking_kind_check', "kind IN ('INCIDENTAL', 'STRUCTURAL')")
@Check('programme_booking_type_check', "type IN ('COMMITMENT', 'PAYMENT')")
export class BookingEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  programmeId!: string;

  @Column({ type: 'uuid' })
  actionLineId!: string;

  @ManyToOne(() => ActionLineEntity)
  @JoinColumn({ name: 'action_line_id' })
  actionLine?: ActionLineEntity;

  @Column({ type: 'text' })
  municipality!: string;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'bigint', transformer: centsTransformer })
  amountCents!: number;

  @Column({ type: 'date' })
  bookedOn!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'uuid', nullable: true })
  subsidyId!: string | null;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** An alert raised once when a line's forecast for a year and kind reached a threshold of its plan. */
@Entity('programme_alert')
export class ProgrammeAlertEntity {
  @PrimaryColumn({ type: 'uuid' })
  actionLineId!: string;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @PrimaryColumn({ type: 'text' })
  kind!: string;

  @PrimaryColumn({ type: 'integer' })
  threshold!: number;

  @Column({ type: 'integer' })
  percent!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  raisedAt!: Date;
}

export const PROGRAMME_ENTITIES = [
  ProgrammeEntity,
  ProgrammePlanEntity,
  PlanApprovalEntity,
  ActionLineEntity,
  ActionLinePlanEntity,
  AllocationEntity,
  MeasurementEntity,
  BookingEntity,
  ProgrammeAlertEntity,
];
