import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** The region's life domains, scored 1–5 in an investigation and used by care plans. */
@Entity('life_domain')
export class LifeDomainEntity {
  @PrimaryColumn({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) label!: string;
  @Column({ type: 'text' }) framework!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  /** Rises by one per change (access.life-domain.changed.v1 carries it; the ETag). */
  @Column({ type: 'integer', default: 1 }) revision!: number;
  /** The last revision published (0: never; the backfill catches up). */
  @Column({ type: 'integer', default: 0 }) announcedRevision!: number;
}

/** The audit record of every change: who set which revision, when. */
@Entity('life_domain_revision')
export class LifeDomainRevisionEntity {
  @PrimaryColumn({ type: 'text' }) @ForeignKey('life_domain') code!: string;
  @PrimaryColumn({ type: 'integer' }) revision!: number;
  @Column({ type: 'text' }) label!: string;
  @Column({ type: 'text' }) framework!: string;
  @Column({ type: 'boolean' }) active!: boolean;
  /** `org/sub` of the region administrator. */
  @Column({ type: 'text' }) changedBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) changedAt!: Date;
}
