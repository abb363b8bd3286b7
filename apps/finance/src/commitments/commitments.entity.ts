import { DeliveryForm, Frequency, Unit } from '@vangnet/contracts';
import { centsTransformer } from '@vangnet/persistence';
import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique, ValueTransformer } from 'typeorm';

// The commitments feature's tables (migration FinanceInit1760000000000): the provision facts as
// access published them, what is waiting for the projector, and the commitments computed from them.

/** A BIGINT[] of cents ↔ numbers (pg hands array elements over as strings). */
const centsArray: ValueTransformer = {
  to: (v: number[] | null | undefined) => v,
  from: (v: Array<string | number> | null) => (v === null ? null : v.map(Number)),
};

/** One version of a provision lineage: the fields of access.provision.granted/changed.v1. */
@Entity('provision_version')
@Unique(['lineageId', 'version'])
export class ProvisionVersionEntity {
  @PrimaryColumn({ type: 'uuid' })
  provisionId!: string;

  @Column({ type: 'uuid' })
  lineageId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'date' })
  validFrom!: string;

  @Column({ type: 'uuid' })
  decisionId!: string;

  @Column({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'text' })
  personPseudonym!: string;

  @Column({ type: 'uuid', nullable: true })
  householdId!: string | null;

  @Column({ type: 'text' })
  category!: string;

  @Column({ type: 'text', nullable: true })
  productCode!: string | null;

  @Column({ type: 'text' })
  deliveryForm!: DeliveryForm;

  @Column({ type: 'text', nullable: true })
  providerAgb!: string | null;

  @Column({ type: 'bigint', nullable: true })
  volumeAmount!: number | null;

  @Column({ type: 'text', nullable: true })
  volumeUnit!: Unit | null;

  @Column({ type: 'text', nullable: true })
  volumeFrequency!: Frequency | null;

  @Column({ type: 'date' })
  periodStart!: string;

  @Column({ type: 'date', nullable: true })
  periodEnd!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer })
  budgetCents!: number | null;

  @Column({ type: 'uuid', nullable: true })
  contractId!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer })
  tariffCents!: number | null;

  @Column({ type: 'text', nullable: true })
  tariffUnit!: Unit | null;

  @Column({ type: 'text', nullable: true })
  variant!: string | null;

  @Column({ type: 'text' })
  municipality!: string;

  @Column({ type: 'text' })
  responsibleMunicipality!: string;

  @Column({ type: 'boolean' })
  crisis!: boolean;

  @Column({ type: 'uuid', nullable: true })
  previousProvisionId!: string | null;

  @Column({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}

/** access.provision.ended.v1 as received; of several, the latest published one is in force. */
@Entity('lineage_end')
@Index('lineage_end_lineage', ['lineageId'])
export class LineageEndEntity {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'uuid' })
  lineageId!: string;

  @Column({ type: 'uuid' })
  provisionId!: string;

  @Column({ type: 'date' })
  endDate!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'timestamptz' })
  eventTime!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}

/** A fact (a version, an end) stored but not yet in its lineage's commitment; the projector takes it. */
@Entity('projection_pending')
export class ProjectionPendingEntity {
  @PrimaryColumn({ type: 'uuid' })
  lineageId!: string;

  @PrimaryColumn({ type: 'uuid' })
  factId!: string;
}

/** A lineage to recompute for another reason than a new fact (a tariff, a new budget year, a retry). */
@Entity('lineage_dirty')
export class LineageDirtyEntity {
  @PrimaryColumn({ type: 'uuid' })
  lineageId!: string;

  @Column({ type: 'bigint', default: 1 })
  seq!: number;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', nullable: true })
  notBefore!: Date | null;
}

/** A lineage's commitment summary: status, total and the days it covers. */
@Entity('lineage')
@Index('lineage_horizon', ['horizon'], { where: 'horizon IS NOT NULL' })
@Index('lineage_pending', ['providerAgb'], { where: "status = 'PENDING_TARIFF'" })
export class LineageEntity {
  @PrimaryColumn({ type: 'uuid' })
  lineageId!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'bigint', default: 0, transformer: centsTransformer })
  totalCents!: number;

  /** The budget year's end an open-ended lineage is committed to. */
  @Column({ type: 'date', nullable: true })
  horizon!: string | null;

  @Column({ type: 'date', nullable: true })
  firstDay!: string | null;

  @Column({ type: 'date', nullable: true })
  lastDay!: string | null;

  @Column({ type: 'date', nullable: true })
  endDate!: string | null;

  @Column({ type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ type: 'text', nullable: true })
  personPseudonym!: string | null;

  @Column({ type: 'text', nullable: true })
  providerAgb!: string | null;

  @Column({ type: 'text', nullable: true })
  municipality!: string | null;

  @Column({ type: 'text', nullable: true })
  responsibleMunicipality!: string | null;

  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Column({ type: 'text', nullable: true })
  productCode!: string | null;

  @Column({ type: 'integer', default: 0 })
  versions!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  computedAt!: Date;
}

/** A version's commitment in one calendar year, with its twelve month parts (months[0] is January). */
@Entity('commitment')
@Index('commitment_municipality_year', ['municipality', 'year'])
@Check('commitment_months_check', 'cardinality(months) = 12')
export class CommitmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  lineageId!: string;

  @PrimaryColumn({ type: 'uuid' })
  provisionId!: string;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'text' })
  municipality!: string;

  @Column({ type: 'text', nullable: true })
  providerAgb!: string | null;

  @Column({ type: 'text' })
  category!: string;

  @Column({ type: 'text', nullable: true })
  productCode!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer })
  tariffCents!: number | null;

  @Column({ type: 'bigint', transformer: centsTransformer })
  amountCents!: number;

  @Column({ type: 'bigint', array: true, transformer: centsArray })
  months!: number[];
}

/**
 * A version's year that has no contract tariff yet (issue 12): not in `commitment`, listed here
 * with an indicative estimate at the latest earlier tariff, until a published tariff completes it.
 */
@Entity('commitment_unpriced')
@Index('commitment_unpriced_municipality_year', ['municipality', 'year'])
@Index('commitment_unpriced_tariff', ['providerAgb', 'year'])
export class CommitmentUnpricedEntity {
  @PrimaryColumn({ type: 'uuid' })
  lineageId!: string;

  @PrimaryColumn({ type: 'uuid' })
  provisionId!: string;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'text' })
  municipality!: string;

  @Column({ type: 'text', nullable: true })
  providerAgb!: string | null;

  @Column({ type: 'text' })
  category!: string;

  @Column({ type: 'text', nullable: true })
  productCode!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer })
  estimateCents!: number | null;

  @Column({ type: 'integer', nullable: true })
  estimateTariffYear!: number | null;
}

/** The journal of bookings: what each recomputation added or released per year. */
@Entity('commitment_mutation')
@Index('commitment_mutation_lineage', ['lineageId'])
@Check('commitment_mutation_kind_check', "kind IN ('BOOKED', 'REBOOKED', 'RELEASED')")
export class CommitmentMutationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'uuid' })
  lineageId!: string;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'text' })
  municipality!: string;

  @Column({ type: 'text' })
  kind!: 'BOOKED' | 'REBOOKED' | 'RELEASED';

  @Column({ type: 'bigint', transformer: centsTransformer })
  deltaCents!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}

export const COMMITMENT_ENTITIES = [
  ProvisionVersionEntity,
  LineageEndEntity,
  ProjectionPendingEntity,
  LineageDirtyEntity,
  LineageEntity,
  CommitmentEntity,
  CommitmentUnpricedEntity,
  CommitmentMutationEntity,
];
