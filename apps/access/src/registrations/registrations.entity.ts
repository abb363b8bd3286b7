import { ConsideredOption, IsoDate, Law, ProductCategory, RegistrationChannel, RegistrationSource } from '@vangnet/contracts';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** A registration (melding), with or without a known person. */
@Entity('registration')
@Index('registration_person', ['personId'])
export class RegistrationEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid', nullable: true }) @ForeignKey('person') personId!: string | null;
  @Column({ type: 'date' }) receivedAt!: IsoDate;
  @Column({ type: 'text' }) receivingMunicipality!: string;
  @Column({ type: 'text', nullable: true }) originMunicipality!: string | null;
  @Column({ type: 'text' }) source!: RegistrationSource;
  @Column({ type: 'text' }) channel!: RegistrationChannel;
  @Column({ type: 'boolean' }) canAskForHelp!: boolean;
  @Column({ type: 'text', nullable: true }) category!: ProductCategory | null;
  /** WMO or JEUGDWET: only a Wmo registration has an investigation term (Wmo 2015 art. 2.3.2). */
  @Column({ type: 'text', default: 'WMO' }) law!: Law;
  @Column({ type: 'text', nullable: true }) summary!: string | null;
  @Column({ type: 'text', default: 'OPEN' }) status!: string;
  @Column({ type: 'text' }) registeredByOrg!: string;
  @Column({ type: 'text' }) registeredBySub!: string;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** Outreach (bemoeizorg) when the person cannot ask for help themselves: the outreach worklist's task. */
@Entity('outreach_task')
@Index('outreach_task_open', ['municipality', 'firstContactDue', 'id'], { where: "status <> 'CLOSED'" })
export class OutreachTaskEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid', unique: true }) @ForeignKey('registration') registrationId!: string;
  @Column({ type: 'text' }) municipality!: string;
  /** OPEN, ASSIGNED, CLOSED. */
  @Column({ type: 'text', default: 'OPEN' }) status!: string;
  @Column({ type: 'date' }) createdOn!: IsoDate;
  @Column({ type: 'date', nullable: true }) closedOn!: IsoDate | null;
  @Column({ type: 'text', nullable: true }) assignee!: string | null;
  /** The region's norm: first contact within N working days (not a statutory term). */
  @Column({ type: 'date' }) firstContactDue!: IsoDate;
  @Column({ type: 'date', nullable: true }) firstContactOn!: IsoDate | null;
  @Column({ type: 'text', nullable: true }) outcome!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'integer', default: 1 }) version!: number;
}

/** One contact (or attempt) of an outreach task. */
@Entity('outreach_contact')
@Index('outreach_contact_task', ['taskId'])
export class OutreachContactEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid' }) @ForeignKey('outreach_task') taskId!: string;
  @Column({ type: 'date' }) contactedOn!: IsoDate;
  @Column({ type: 'text' }) channel!: string;
  /** Whether the person was reached: the first contact that reached them meets the norm. */
  @Column({ type: 'boolean' }) reached!: boolean;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'text' }) recordedBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

export interface Consideration {
  option: ConsideredOption;
  sufficient: boolean;
  note?: string;
}

@Entity('investigation')
export class InvestigationEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid', unique: true }) @ForeignKey('registration') registrationId!: string;
  @Column({ type: 'uuid', nullable: true }) @ForeignKey('person') personId!: string | null;
  @Column({ type: 'text' }) municipality!: string;
  @Column({ type: 'date' }) completedAt!: IsoDate;
  @Column({ type: 'text' }) investigatedBy!: string;
  @Column({ type: 'text' }) investigatedBySub!: string;
  @Column({ type: 'boolean' }) clientSupportOffered!: boolean;
  @Column({ type: 'boolean', nullable: true }) clientSupportAccepted!: boolean | null;
  @Column({ type: 'jsonb' }) considered!: Consideration[];
  @Column({ type: 'text', nullable: true }) conclusion!: ConsideredOption | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

@Entity('life_domain_score')
@Check('life_domain_score_score_check', 'score BETWEEN 1 AND 5')
export class LifeDomainScoreEntity {
  @PrimaryColumn({ type: 'uuid' }) @ForeignKey('investigation') investigationId!: string;
  @PrimaryColumn({ type: 'text' }) @ForeignKey('life_domain') domain!: string;
  @Column({ type: 'smallint' }) score!: number;
}
