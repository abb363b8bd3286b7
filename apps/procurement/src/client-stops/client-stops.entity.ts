import { IsoDate } from '@vangnet/contracts';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

// The client-stops feature's table (migration ProcurementInit1763000000000); the drift test holds them together.

/** A client stop (cliëntenstop): no new assignments for a provider and paying municipality in a period. */
@Entity('client_stop')
@Index('client_stop_key_idx', ['providerAgb', 'municipality'])
@Check('client_stop_check', 'end_date IS NULL OR end_date >= start_date')
export class ClientStopEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) @ForeignKey('provider') providerAgb!: string;
  @Column({ type: 'text' }) municipality!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'date', name: 'start_date' }) start!: IsoDate;
  @Column({ type: 'date', name: 'end_date', nullable: true }) end!: IsoDate | null;
  @Column({ type: 'text' }) setBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) setAt!: Date;
  @Column({ type: 'date', nullable: true }) liftedOn!: IsoDate | null;
  @Column({ type: 'text', nullable: true }) liftReason!: string | null;
  @Column({ type: 'text', nullable: true }) liftedBy!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) liftedAt!: Date | null;
}
