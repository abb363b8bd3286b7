import { DeadlineKind, IsoDate } from '@vangnet/contracts';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

export enum DeadlineStatus {
  OPEN = 'OPEN',
  /** The decision term while the municipality waits for information (Awb 4:15). */
  SUSPENDED = 'SUSPENDED',
  MET = 'MET',
  /** The objection term passed (the resident's term; nothing to breach). */
  LAPSED = 'LAPSED',
}

/** A statutory term of one case (investigation, decision, objection term, objection decision). */
@Entity('deadline')
@Unique('deadline_case', ['kind', 'caseId'])
@Index('deadline_open_due', ['dueDate', 'id'], { where: "status = 'OPEN'" })
export class DeadlineEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) kind!: DeadlineKind;
  @Column({ type: 'uuid' }) caseId!: string;
  @Column({ type: 'text' }) municipality!: string;
  @Column({ type: 'uuid', nullable: true }) personId!: string | null;
  @Column({ type: 'date' }) startDate!: IsoDate;
  @Column({ type: 'date' }) dueDate!: IsoDate;
  @Column({ type: 'integer', default: 0 }) suspendedDays!: number;
  @Column({ type: 'text', default: 'OPEN' }) status!: DeadlineStatus;
  @Column({ type: 'date', nullable: true }) metOn!: IsoDate | null;
  @Column({ type: 'date', nullable: true }) breachedOn!: IsoDate | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
