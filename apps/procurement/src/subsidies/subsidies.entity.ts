import { IsoDate } from '@vangnet/contracts';
import { centsTransformer } from '@vangnet/persistence';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

// The subsidies feature's tables (migration ProcurementInit1763000000000); the drift test holds them together.

/** A lump-sum grant to an organisation for a year, with its conditions. */
@Entity('subsidy')
@Index('subsidy_municipality_year_idx', ['municipality', 'year'])
@Check('subsidy_amount_cents_check', 'amount_cents >= 0')
export class SubsidyEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', unique: true, nullable: true }) reference!: string | null;
  @Column({ type: 'text' }) @ForeignKey('provider') organisationAgb!: string;
  @Column({ type: 'text' }) municipality!: string;
  @Column({ type: 'integer' }) year!: number;
  @Column({ type: 'bigint', transformer: centsTransformer }) amountCents!: number;
  @Column({ type: 'text' }) purpose!: string;
  @Column({ type: 'jsonb', default: () => "'[]'" }) conditions!: string[];
  @Column({ type: 'text' }) createdBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** One instalment of a subsidy, which finance pays on its due date. */
@Entity('subsidy_instalment')
@Check('subsidy_instalment_amount_cents_check', 'amount_cents >= 0')
export class SubsidyInstalmentEntity {
  @PrimaryColumn({ type: 'uuid' }) @ForeignKey('subsidy', { onDelete: 'CASCADE' }) subsidyId!: string;
  @PrimaryColumn({ type: 'integer' }) seq!: number;
  @Column({ type: 'date' }) dueDate!: IsoDate;
  @Column({ type: 'bigint', transformer: centsTransformer }) amountCents!: number;
}

export const SUBSIDY_ENTITIES = [SubsidyEntity, SubsidyInstalmentEntity];
