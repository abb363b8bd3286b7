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
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** Awb 4:15: a period in which the decision term stands still. */
@Entity('application_suspension')
@Index('application_suspension_application', ['applicationId'])
@Check('application_suspension_check', 'end_date IS NULL OR end_date >= start_date')
export class ApplicationSuspensionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid' }) @ForeignKey('application') applicationId!: string;
  @Column({ type: 'date' }) startDate!: IsoDate;
  @Column({ type: 'date', nullable: true }) endDate!: IsoDate | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
