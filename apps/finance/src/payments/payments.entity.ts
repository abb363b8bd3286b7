import { centsTransformer } from '@vangnet/persistence';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { DeclarationEntity } from '../declarations/declarations.entity';

// The payments feature's tables (migration FinanceInit1760000000000): all three are insert-only
// (a trigger refuses UPDATE and DELETE, ADR 0045).

/** A batch of approved declaration amounts, prepared by one controller (the maker). */
@Entity('payment_batch')
@Index('payment_batch_municipality', ['municipality', 'preparedAt'])
export class PaymentBatchEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  municipality!: string;

  @Column({ type: 'text' })
  preparedBy!: string;

  @Column({ type: 'text' })
  preparedOrg!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  preparedAt!: Date;

  @Column({ type: 'bigint', transformer: centsTransformer })
  totalCents!: number;

  @Column({ type: 'integer' })
  declarationCount!: number;

  /** Subsidy instalments in the batch (issue 17). */
  @Column({ type: 'integer', default: 0 })
  instalmentCount!: number;

  @Column({ type: 'text', nullable: true })
  note!: string | null;
}

/** A declaration in a batch, with the amount paid for it. */
@Entity('payment_batch_item')
@Index('payment_batch_item_declaration', ['declarationId'])
export class PaymentBatchItemEntity {
  @PrimaryColumn({ type: 'uuid' })
  batchId!: string;

  @ManyToOne(() => PaymentBatchEntity)
  @JoinColumn({ name: 'batch_id' })
  batch?: PaymentBatchEntity;

  @PrimaryColumn({ type: 'uuid' })
  declarationId!: string;

  // The schema's reference to the declaration it pays; payments reads declarations through their service.
  @ManyToOne(() => DeclarationEntity)
  @JoinColumn({ name: 'declaration_id' })
  declaration?: DeclarationEntity;

  @Column({ type: 'text' })
  providerAgb!: string;

  @Column({ type: 'bigint', transformer: centsTransformer })
  amountCents!: number;
}

/** A subsidy instalment in a batch (issue 17): paid when the batch is approved, and in one open or approved batch at most. */
@Entity('payment_batch_instalment')
@Index('payment_batch_instalment_subsidy', ['subsidyId', 'seq'])
export class PaymentBatchInstalmentEntity {
  @PrimaryColumn({ type: 'uuid' })
  batchId!: string;

  @ManyToOne(() => PaymentBatchEntity)
  @JoinColumn({ name: 'batch_id' })
  batch?: PaymentBatchEntity;

  @PrimaryColumn({ type: 'uuid' })
  subsidyId!: string;

  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'text' })
  organisationAgb!: string;

  @Column({ type: 'bigint', transformer: centsTransformer })
  amountCents!: number;
}

/** The one decision on a batch, by another controller than the one who prepared it (the checker). */
@Entity('payment_decision')
@Check('payment_decision_decision_check', "decision IN ('APPROVED', 'REJECTED')")
@Check('payment_decision_check', 'decided_by <> prepared_by')
export class PaymentDecisionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', unique: true })
  batchId!: string;

  @OneToOne(() => PaymentBatchEntity)
  @JoinColumn({ name: 'batch_id' })
  batch?: PaymentBatchEntity;

  @Column({ type: 'text' })
  decision!: 'APPROVED' | 'REJECTED';

  @Column({ type: 'text' })
  preparedBy!: string;

  @Column({ type: 'text' })
  decidedBy!: string;

  @Column({ type: 'text' })
  decidedOrg!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  decidedAt!: Date;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;
}

export const PAYMENT_ENTITIES = [PaymentBatchEntity, PaymentBatchItemEntity, PaymentBatchInstalmentEntity, PaymentDecisionEntity];
