import { IsoDate } from '@vangnet/contracts';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { ObjectionOutcome } from './objections.dto';

/** An objection (bezwaar) against a decision. */
@Entity('objection')
@Index('objection_decision', ['decisionId'])
export class ObjectionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid' }) @ForeignKey('decision') decisionId!: string;
  @Column({ type: 'uuid' }) @ForeignKey('person') personId!: string;
  @Column({ type: 'text' }) municipality!: string;
  @Column({ type: 'date' }) receivedAt!: IsoDate;
  @Column({ type: 'date' }) termEnd!: IsoDate;
  @Column({ type: 'boolean' }) timely!: boolean;
  @Column({ type: 'boolean' }) advisoryCommittee!: boolean;
  @Column({ type: 'text', nullable: true }) grounds!: string | null;
  @Column({ type: 'text', default: 'OPEN' }) status!: 'OPEN' | 'DECIDED';
  @Column({ type: 'text', nullable: true }) outcome!: ObjectionOutcome | null;
  @Column({ type: 'date', nullable: true }) decidedAt!: IsoDate | null;
  @Column({ type: 'date' }) decisionDue!: IsoDate;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
