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
@Index('deadline_calendar', ['calendarVersion', 'id'], { where: "status IN ('OPEN', 'SUSPENDED')" })
export class DeadlineEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) kind!: DeadlineKind;
  @Column({ type: 'uuid' }) caseId!: string;
  @Column({ type: 'text' }) municipality!: string;
  @Column({ type: 'uuid', nullable: true }) personId!: string | null;
  @Column({ type: 'date' }) startDate!: IsoDate;
  /** The day the term counts from (usually the start date; an objection's decision term counts from the later of the objection term's end and its receipt). */
  @Column({ type: 'date' }) countsFrom!: IsoDate;
  /** The term's length in calendar days (6 weeks = 42). */
  @Column({ type: 'integer' }) termDays!: number;
  @Column({ type: 'date' }) dueDate!: IsoDate;
  @Column({ type: 'integer', default: 0 }) suspendedDays!: number;
  /** Awb 4:14: days an extension notice added. */
  @Column({ type: 'integer', default: 0 }) extensionDays!: number;
  /** The version of the decreed-days table (Atw art. 3 lid 3) the due date was computed with. */
  @Column({ type: 'integer', default: 0 }) calendarVersion!: number;
  @Column({ type: 'text', default: 'OPEN' }) status!: DeadlineStatus;
  @Column({ type: 'date', nullable: true }) metOn!: IsoDate | null;
  @Column({ type: 'date', nullable: true }) breachedOn!: IsoDate | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
