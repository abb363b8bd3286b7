import { DecisionOutcome, DeliveryForm, IsoDate, Law } from '@vangnet/contracts';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** A decision (beschikking) on one application. */
@Entity('decision')
@Index('decision_person', ['personId', 'decidedAt'])
@Index('decision_application', ['applicationId'])
// One ordinary decision per application; urgent ones (Wmo 2.3.3) come before it.
@Index('decision_application_ordinary', ['applicationId'], { unique: true, where: 'NOT urgent' })
export class DecisionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid' }) @ForeignKey('application') applicationId!: string;
  /** Wmo 2015 art. 2.3.3: a temporary provision decided at once, before the investigation ends; the application stays open. */
  @Column({ type: 'boolean', default: false }) urgent!: boolean;
  @Column({ type: 'uuid' }) @ForeignKey('person') personId!: string;
  @Column({ type: 'uuid', nullable: true }) householdId!: string | null;
  @Column({ type: 'text' }) municipality!: string;
  @Column({ type: 'text' }) law!: Law;
  @Column({ type: 'date' }) decidedAt!: IsoDate;
  @Column({ type: 'text' }) outcome!: DecisionOutcome;
  /** When the decision was sent or handed over: the objection term runs from the day after (Awb 6:8 lid 1). */
  @Column({ type: 'date' }) sentAt!: IsoDate;
  @Column({ type: 'date' }) objectionDue!: IsoDate;
  @Column({ type: 'text' }) decidedBySub!: string;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** A requested provision the decision rejected. */
@Entity('decision_rejection')
@Index('decision_rejection_decision', ['decisionId'])
export class DecisionRejectionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid' }) @ForeignKey('decision') decisionId!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'text' }) category!: string;
  @Column({ type: 'text', nullable: true }) productCode!: string | null;
  @Column({ type: 'text', nullable: true }) deliveryForm!: DeliveryForm | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
}
