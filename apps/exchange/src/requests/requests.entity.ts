import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type RequestStatus = 'OPEN' | 'UNDER_INVESTIGATION' | 'GRANTED' | 'REJECTED';

/** One requested product of a provider's 315 or 317, until its final answer (a 301 or a 319). */
@Entity('assignment_request')
@Index('assignment_request_reference', ['providerAgb', 'providerReference'])
@Index('assignment_request_due', ['dueOn'], { where: "status = 'OPEN'" })
@Check('assignment_request_status_check', `status IN ('OPEN', 'UNDER_INVESTIGATION', 'GRANTED', 'REJECTED')`)
export class AssignmentRequestEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid' }) messageId!: string;
  @Column({ type: 'text' }) providerAgb!: string;
  @Column({ type: 'text' }) municipality!: string;
  @Column({ type: 'text' }) standard!: 'iwmo' | 'ijw';
  @Column({ type: 'text' }) providerReference!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'integer', nullable: true }) assignmentNumber!: number | null;
  @Column({ type: 'uuid' }) personId!: string;
  @Column({ type: 'date' }) receivedOn!: string;
  /** 5 working days after receipt: the answer, or a 319 "in onderzoek". */
  @Column({ type: 'date' }) dueOn!: string;
  @Column({ type: 'text' }) status!: RequestStatus;
  @Column({ type: 'uuid', nullable: true }) outcomeMessageId!: string | null;
  @Column({ type: 'uuid', nullable: true }) interimMessageId!: string | null;
}
