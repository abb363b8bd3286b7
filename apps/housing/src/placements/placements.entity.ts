import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PlaceEntity } from '../facilities/facilities.entity';

/**
 * A resident's stay in a place, from an accepted offer or direct (crisis). A place holds one
 * running placement and a person has one running placement at a time (the partial unique indexes).
 * `plannedEnd` is set when a lease is signed for a later date; the end job ends it then.
 */
@Entity('placement')
@Index('placement_place_running', ['placeId'], { unique: true, where: 'end_date IS NULL' })
@Index('placement_person_running', ['personId'], { unique: true, where: 'end_date IS NULL' })
@Index('placement_facility', ['facilityId', 'startDate'])
@Index('placement_municipality', ['municipality', 'id'])
@Check('placement_end_check', 'end_date IS NULL OR end_date >= start_date')
@Check('placement_destination_check', '(end_date IS NULL) = (destination IS NULL)')
export class PlacementEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  placeId!: string;

  @ManyToOne(() => PlaceEntity)
  @JoinColumn({ name: 'place_id' })
  place?: PlaceEntity;

  @Column({ type: 'uuid' })
  facilityId!: string;

  @Column({ type: 'text' })
  facilityType!: string;

  @Column({ type: 'text' })
  facilityMunicipality!: string;

  @Column({ type: 'text', nullable: true })
  providerAgb!: string | null;

  @Column({ type: 'uuid', nullable: true })
  entryId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  offerId!: string | null;

  @Column({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'text' })
  personPseudonym!: string;

  /** The tenant (the entry's municipality, or the officer's for a direct placement). */
  @Column({ type: 'text' })
  municipality!: string;

  @Column({ type: 'text' })
  responsibleMunicipality!: string;

  @Column({ type: 'text', nullable: true })
  originMunicipality!: string | null;

  @Column({ type: 'uuid', nullable: true })
  provisionLineageId!: string | null;

  /** Placed directly (emergency shelter), not from an offer. */
  @Column({ type: 'boolean', default: false })
  direct!: boolean;

  @Column({ type: 'date' })
  startDate!: string;

  /** Inclusive: the last night in the place. */
  @Column({ type: 'date', nullable: true })
  endDate!: string | null;

  @Column({ type: 'text', nullable: true })
  destination!: string | null;

  @Column({ type: 'text', nullable: true })
  endNote!: string | null;

  @Column({ type: 'date', nullable: true })
  plannedEnd!: string | null;

  @Column({ type: 'text', nullable: true })
  plannedDestination!: string | null;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'text', nullable: true })
  endedBy!: string | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
