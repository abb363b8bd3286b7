import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { FactorWeight } from './ranking.rules';

export type SchemeStatus = 'DRAFT' | 'ACTIVE';

/**
 * A version of the region's priority scheme. Immutable once created: a change is a new version
 * (a draft), and a draft becomes ACTIVE from a date; the one in force on a date is the active
 * scheme with the latest `activeFrom` on or before it.
 */
@Entity('priority_scheme')
@Index('priority_scheme_active_from', ['activeFrom'], { unique: true, where: `status = 'ACTIVE'` })
@Check('priority_scheme_status_check', `status IN ('DRAFT', 'ACTIVE')`)
@Check('priority_scheme_active_check', `(status = 'ACTIVE') = (active_from IS NOT NULL)`)
export class PrioritySchemeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** 1, 2, 3 … in the order the region created them. */
  @Column({ type: 'integer', unique: true })
  version!: number;

  @Column({ type: 'text' })
  name!: string;

  /** The published tie-break seed. */
  @Column({ type: 'text' })
  seed!: string;

  @Column({ type: 'jsonb' })
  factors!: FactorWeight[];

  @Column({ type: 'text' })
  status!: SchemeStatus;

  @Column({ type: 'date', nullable: true })
  activeFrom!: string | null;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'text', nullable: true })
  activatedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  activatedAt!: Date | null;
}
