import { IsoDate, Law, ProductRef } from '@vangnet/contracts';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

@Entity('application')
@Index('application_person', ['personId'])
export class ApplicationEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid' }) @ForeignKey('person') personId!: string;
  @Column({ type: 'uuid', nullable: true }) @ForeignKey('registration') registrationId!: string | null;
  @Column({ type: 'uuid', nullable: true }) @ForeignKey('household') householdId!: string | null;
  @Column({ type: 'text' }) municipality!: string;
  @Column({ type: 'text' }) law!: Law;
  @Column({ type: 'date' }) receivedAt!: IsoDate;
  @Column({ type: 'text', nullable: true }) originMunicipality!: string | null;
  @Column({ type: 'jsonb', nullable: true }) requested!: ProductRef[] | null;
  @Column({ type: 'text', default: 'OPEN' }) status!: string;
  /** Set by the decision that decided it (in the one-statement decision write). */
  @Column({ type: 'uuid', nullable: true }) decisionId!: string | null;
  /** Awb 4:14 lid 3: the one notice that the decision comes later, with its new date and reason. */
  @Column({ type: 'date', nullable: true }) extensionNoticeOn!: IsoDate | null;
  @Column({ type: 'date', nullable: true }) extendedTo!: IsoDate | null;
  @Column({ type: 'text', nullable: true }) extensionReason!: string | null;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

export enum SuspensionEnd {
  INFORMATION_RECEIVED = 'INFORMATION_RECEIVED',
  /** The reply deadline passed unanswered: the suspension ended by itself (Awb 4:15 lid 1 a). */
  REPLY_DEADLINE_PASSED = 'REPLY_DEADLINE_PASSED',
}

/**
 * Awb 4:15 lid 1 a: a request for information (Awb 4:5) that suspends the decision term from the
 * day after the request (`startDate`) through `endDate` (the day before the information came, or
 * the reply deadline when it passed unanswered; null while the municipality still waits).
 */
@Entity('application_suspension')
@Index('application_suspension_application', ['applicationId'])
@Check('application_suspension_check', 'end_date IS NULL OR end_date >= start_date - 1')
@Check('application_suspension_deadline_check', 'reply_deadline > requested_on')
export class ApplicationSuspensionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid' }) @ForeignKey('application') applicationId!: string;
  @Column({ type: 'date' }) requestedOn!: IsoDate;
  @Column({ type: 'date' }) replyDeadline!: IsoDate;
  @Column({ type: 'date', nullable: true }) receivedOn!: IsoDate | null;
  @Column({ type: 'text', nullable: true }) endedBy!: SuspensionEnd | null;
  @Column({ type: 'date' }) startDate!: IsoDate;
  @Column({ type: 'date', nullable: true }) endDate!: IsoDate | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
