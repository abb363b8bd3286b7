import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Arrears or nuisance reported by a corporation (for a tenant it housed through a nomination) or
 * a provider (for a resident of its facility), followed to an outcome within a term.
 */
@Entity('eviction_signal')
@Index('eviction_signal_municipality', ['municipality', 'id'])
@Index('eviction_signal_corporation', ['corporation', 'id'])
@Index('eviction_signal_provider', ['providerAgb', 'id'])
@Check('eviction_signal_reporter_check', 'corporation IS NOT NULL OR provider_agb IS NOT NULL')
@Check('eviction_signal_status_check', `status IN ('OPEN', 'CLOSED')`)
@Check('eviction_signal_outcome_check', `(status = 'CLOSED') = (outcome IS NOT NULL)`)
export class EvictionSignalEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text', nullable: true })
  corporation!: string | null;

  @Column({ type: 'text', nullable: true })
  providerAgb!: string | null;

  /** The municipality whose officers follow it up. */
  @Column({ type: 'text' })
  municipality!: string;

  @Column({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'text' })
  personPseudonym!: string;

  @Column({ type: 'uuid', nullable: true })
  nominationId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  placementId!: string | null;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'date' })
  reportedOn!: string;

  /** The last working day of the term to reach an outcome. */
  @Column({ type: 'date' })
  dueOn!: string;

  @Column({ type: 'text' })
  status!: 'OPEN' | 'CLOSED';

  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ type: 'date', nullable: true })
  closedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  closeNote!: string | null;

  @Column({ type: 'text' })
  reportedBy!: string;

  @Column({ type: 'text', nullable: true })
  closedBy!: string | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
