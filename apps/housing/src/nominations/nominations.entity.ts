import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OutflowReadinessEntity } from '../outflow/outflow.entity';

export type NominationStatus = 'NOMINATED' | 'ACCEPTED' | 'DECLINED' | 'LEASE_SIGNED';

/** The home a corporation offers when it accepts (no care data: an address). */
export interface HomeAddress {
  street: string;
  houseNumber: number;
  houseLetter?: string;
  houseNumberAddition?: string;
  postcode: string;
  city: string;
}

/**
 * A resident nominated to a corporation for a home, under its quota for a municipality or an
 * urgency scheme, with the resident's consent. One open nomination per readiness.
 */
@Entity('nomination')
@Index('nomination_open_readiness', ['readinessId'], { unique: true, where: `status IN ('NOMINATED', 'ACCEPTED')` })
@Index('nomination_corporation', ['corporation', 'id'])
@Index('nomination_municipality', ['municipality', 'id'])
@Check('nomination_status_check', `status IN ('NOMINATED', 'ACCEPTED', 'DECLINED', 'LEASE_SIGNED')`)
@Check('nomination_scheme_check', `scheme IN ('QUOTA', 'URGENCY')`)
export class NominationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  readinessId!: string;

  @ManyToOne(() => OutflowReadinessEntity)
  @JoinColumn({ name: 'readiness_id' })
  readiness?: OutflowReadinessEntity;

  @Column({ type: 'uuid' })
  placementId!: string;

  @Column({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'text' })
  personPseudonym!: string;

  /** The placement's municipality (the tenant): its staff nominate. */
  @Column({ type: 'text' })
  placementMunicipality!: string;

  /** Whose record of the person access is asked for (the name). */
  @Column({ type: 'text' })
  responsibleMunicipality!: string;

  @Column({ type: 'uuid', nullable: true })
  provisionLineageId!: string | null;

  /** The corporation's id, as in its CORP: claim. */
  @Column({ type: 'text' })
  corporation!: string;

  /** The municipality whose quota (or urgency scheme) the nomination is under. */
  @Column({ type: 'text' })
  municipality!: string;

  @Column({ type: 'text' })
  scheme!: string;

  @Column({ type: 'integer' })
  quotaYear!: number;

  @Column({ type: 'text' })
  status!: NominationStatus;

  @Column({ type: 'date' })
  nominatedOn!: string;

  @Column({ type: 'integer' })
  householdSize!: number;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  needs!: string[];

  @Column({ type: 'date', nullable: true })
  answeredOn!: string | null;

  @Column({ type: 'date', nullable: true })
  leaseStart!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  address!: HomeAddress | null;

  @Column({ type: 'text', nullable: true })
  declineReason!: string | null;

  @Column({ type: 'date', nullable: true })
  leaseSignedOn!: string | null;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'text', nullable: true })
  answeredBy!: string | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
