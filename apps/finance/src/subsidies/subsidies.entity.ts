import { centsTransformer } from '@vangnet/persistence';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

// The subsidies feature's tables (migration Programmes1790000000000): procurement's grants as
// received (procurement.subsidy.granted.v1) and their instalments, which payment batches pay.

/** A subsidy granted in procurement: a lump sum to an organisation for a year, paid in instalments. */
@Entity('subsidy')
@Index('subsidy_municipality_year', ['municipality', 'year'])
export class SubsidyEntity {
  @PrimaryColumn({ type: 'uuid' })
  subsidyId!: string;

  @Column({ type: 'text' })
  organisationAgb!: string;

  @Column({ type: 'text' })
  municipality!: string;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'bigint', transformer: centsTransformer })
  amountCents!: number;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ type: 'jsonb' })
  conditions!: string[];

  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  @Column({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}

@Entity('subsidy_instalment')
@Index('subsidy_instalment_due', ['dueDate'])
export class SubsidyInstalmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  subsidyId!: string;

  @ManyToOne(() => SubsidyEntity)
  @JoinColumn({ name: 'subsidy_id' })
  subsidy?: SubsidyEntity;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'date' })
  dueDate!: string;

  @Column({ type: 'bigint', transformer: centsTransformer })
  amountCents!: number;
}

export const SUBSIDY_ENTITIES = [SubsidyEntity, SubsidyInstalmentEntity];
