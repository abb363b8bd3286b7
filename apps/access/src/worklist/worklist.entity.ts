import { AssignmentRequestKind, AssignmentRequestOutcome, AssignmentRequestReceivedV1, IsoDate, Law, RequestRejectionReason } from '@vangnet/contracts';

/** What the provider asked for, as the request carried it. */
export type RequestedAssignment = Pick<AssignmentRequestReceivedV1, 'product' | 'volume' | 'budgetCents' | 'period' | 'referrer' | 'changeReason' | 'comment'>;
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TaskKind, TaskOutcome, TaskStatus } from './worklist.rules';

/** A provider's request for an assignment (a 315/317 product, through the exchange), and access's answer to it. */
@Entity('assignment_request')
export class AssignmentRequestEntity {
  /** The exchange's requestId. */
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) providerReference!: string;
  @Column({ type: 'text' }) kind!: AssignmentRequestKind;
  @Column({ type: 'integer', nullable: true }) assignmentNumber!: number | null;
  @Column({ type: 'text' }) providerAgb!: string;
  @Column({ type: 'text' }) municipality!: string;
  @Column({ type: 'text' }) law!: Law;
  @Column({ type: 'uuid' }) @ForeignKey('person') personId!: string;
  /** The request as received (product, volume, budget, period, referrer, change reason, comment). */
  @Column({ type: 'jsonb' }) request!: RequestedAssignment;
  @Column({ type: 'date' }) receivedOn!: IsoDate;
  /** 5 working days from receipt (iWmo/iJw: the answer to a 315/317). */
  @Column({ type: 'date' }) answerDue!: IsoDate;
  @Column({ type: 'text', nullable: true }) outcome!: AssignmentRequestOutcome | null;
  @Column({ type: 'text', nullable: true }) rejectionReason!: RequestRejectionReason | null;
  @Column({ type: 'uuid', array: true, default: () => "'{}'" }) lineageIds!: string[];
  @Column({ type: 'date', nullable: true }) answeredOn!: IsoDate | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** A task on a municipality's worklist: answer a provider's request, change support after a lease. */
@Entity('worklist_task')
@Index('worklist_task_open', ['municipality', 'dueDate', 'id'], { where: "status <> 'CLOSED'" })
export class WorklistTaskEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) kind!: TaskKind;
  /** What the task is for (`ASSIGNMENT_REQUEST:<requestId>`, `LEASE_SIGNED:<placementId>`): one task each, whatever is replayed. */
  @Column({ type: 'text', unique: true }) sourceKey!: string;
  @Column({ type: 'text' }) municipality!: string;
  @Column({ type: 'uuid', nullable: true }) @ForeignKey('person') personId!: string | null;
  @Column({ type: 'uuid', nullable: true }) lineageId!: string | null;
  @Column({ type: 'uuid', nullable: true }) @ForeignKey('assignment_request') requestId!: string | null;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'date', nullable: true }) dueDate!: IsoDate | null;
  @Column({ type: 'text', default: 'OPEN' }) status!: TaskStatus;
  /** The caseworker (`sub`) who has it. */
  @Column({ type: 'text', nullable: true }) assignee!: string | null;
  @Column({ type: 'text', nullable: true }) outcome!: TaskOutcome | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'date' }) createdOn!: IsoDate;
  @Column({ type: 'date', nullable: true }) closedOn!: IsoDate | null;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
