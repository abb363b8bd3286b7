import { IsoDate } from '@vangnet/contracts';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

// The waiting-times feature's tables (migration ProcurementInit1763000000000); the drift test holds them together.

/** A waiting time a provider reported for a product (code '' = the whole category), as measured on a day. */
@Entity('waiting_time_report')
// The migration orders measured_on and id descending; the schema builder compares an index's columns, not their order.
@Index('waiting_time_report_key_idx', ['providerAgb', 'category', 'code', 'measuredOn', 'id'])
@Check('waiting_time_report_waiting_days_check', 'waiting_days >= 0')
export class WaitingTimeReportEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: number;
  @Column({ type: 'text' }) @ForeignKey('provider') providerAgb!: string;
  @Column({ type: 'text' }) category!: string;
  @Column({ type: 'text', default: '' }) code!: string;
  @Column({ type: 'integer' }) waitingDays!: number;
  @Column({ type: 'date' }) measuredOn!: IsoDate;
  @Column({ type: 'text' }) reportedBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) reportedAt!: Date;
}

/** The regional norm in days for a product code, or for a whole category when `code` is ''. */
@Entity('waiting_time_norm')
@Check('waiting_time_norm_norm_days_check', 'norm_days >= 0')
export class WaitingTimeNormEntity {
  @PrimaryColumn({ type: 'text' }) category!: string;
  @PrimaryColumn({ type: 'text', default: '' }) code!: string;
  @Column({ type: 'integer' }) normDays!: number;
  @Column({ type: 'text' }) setBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

export const WAITING_TIME_ENTITIES = [WaitingTimeReportEntity, WaitingTimeNormEntity];
