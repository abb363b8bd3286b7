import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type ReadinessStatus = 'READY' | 'NOMINATED' | 'HOUSED' | 'WITHDRAWN';

/**
 * A resident ready to move on to independent housing (from care-plans.outflow.ready, or marked by
 * a placement officer), with the consent to share what a corporation needs. One open readiness
 * per person.
 */
@Entity('outflow_readiness')
@Index('outflow_readiness_open_person', ['personId'], { unique: true, where: `status IN ('READY', 'NOMINATED')` })
@Index('outflow_readiness_municipality', ['municipality', 'id'])
@Check('outflow_readiness_status_check', `status IN ('READY', 'NOMINATED', 'HOUSED', 'WITHDRAWN')`)
@Check('outflow_readiness_source_check', `source IN ('CARE_PLAN', 'OFFICER')`)
export class OutflowReadinessEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'text' })
  personPseudonym!: string;

  @Column({ type: 'text' })
  municipality!: string;

  @Column({ type: 'date' })
  readyFrom!: string;

  /** PlaceFeature values the home must offer (no diagnosis). */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  needs!: string[];

  @Column({ type: 'text' })
  source!: 'CARE_PLAN' | 'OFFICER';

  @Column({ type: 'uuid', nullable: true })
  planId!: string | null;

  /** The resident consented to share name, household size and needs with a corporation. */
  @Column({ type: 'date', nullable: true })
  consentGivenOn!: string | null;

  @Column({ type: 'text', nullable: true })
  consentRecordedBy!: string | null;

  @Column({ type: 'date', nullable: true })
  consentWithdrawnOn!: string | null;

  @Column({ type: 'text' })
  status!: ReadinessStatus;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
