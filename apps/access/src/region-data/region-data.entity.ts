import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** The region-wide master data access keeps (ARCHITECTURE §6: changed by `region.administrator` only). */
export enum RegionDataKind {
  LIFE_DOMAIN = 'LIFE_DOMAIN',
  DECREED_DAY = 'DECREED_DAY',
  RESPONSIBILITY_RULE_SET = 'RESPONSIBILITY_RULE_SET',
  MANDATE = 'MANDATE',
}

/**
 * The audit record of every change of region-wide master data: who, when, which version it
 * made, and the item before and after (null before an addition). Insert-only.
 */
@Entity('region_data_change')
@Index('region_data_change_kind', ['kind', 'seq'])
export class RegionDataChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) seq!: string;
  @Column({ type: 'text' }) kind!: RegionDataKind;
  /** The item changed: a life-domain code, a date, a rule set's or mandate's id. */
  @Column({ type: 'text' }) key!: string;
  /** The ETag's version after the change (the domain's revision, the calendar's or the list's version). */
  @Column({ type: 'integer' }) version!: number;
  /** `org/sub` of the region administrator. */
  @Column({ type: 'text' }) changedBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) changedAt!: Date;
  @Column({ type: 'jsonb', nullable: true }) before!: object | null;
  @Column({ type: 'jsonb', nullable: true }) after!: object | null;
}

/** The version of a list changed as a whole (rule sets, mandates): its ETag, raised by one per change. */
@Entity('region_data_version')
export class RegionDataVersionEntity {
  @PrimaryColumn({ type: 'text' }) kind!: RegionDataKind;
  @Column({ type: 'integer', default: 0 }) version!: number;
}
