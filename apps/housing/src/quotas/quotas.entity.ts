import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A corporation's yearly quota of homes for one municipality's residents (contingentregeling).
 * `used` counts the nominations that hold a home (made, accepted, lease signed); the CHECK keeps
 * it within the quota whatever requests race.
 */
@Entity('quota')
@Check('quota_homes_check', 'homes >= 0')
@Check('quota_used_check', 'used >= 0 AND used <= homes')
export class QuotaEntity {
  /** The corporation's id, as in its CORP: claim. */
  @PrimaryColumn({ type: 'text' })
  corporation!: string;

  @PrimaryColumn({ type: 'text' })
  municipality!: string;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'integer' })
  homes!: number;

  @Column({ type: 'integer', default: 0 })
  used!: number;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ type: 'text' })
  updatedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
