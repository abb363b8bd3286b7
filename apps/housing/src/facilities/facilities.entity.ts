import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';

/** A facility of one of the region's housing types (DOMAIN.md "Facility types"). */
@Entity('facility')
@Index('facility_municipality', ['municipality', 'id'])
@Index('facility_provider', ['providerAgb'])
@Check('facility_capacity_check', 'capacity >= 0')
export class FacilityEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** A FacilityType of libs/contracts. */
  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  municipality!: string;

  @Column({ type: 'text' })
  neighbourhood!: string;

  /** The care provider that runs it (AGB), when one does. */
  @Column({ type: 'text', nullable: true })
  providerAgb!: string | null;

  /** The housing corporation that owns the building (the id of its CORP: claim), when one does. */
  @Column({ type: 'text', nullable: true })
  ownerCorporation!: string | null;

  /** The number of places in use (not RETIRED). */
  @Column({ type: 'integer' })
  capacity!: number;

  /** The features a new place gets. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  features!: string[];

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

export type PlaceStatus = 'FREE' | 'RESERVED' | 'OCCUPIED' | 'BLOCKED' | 'RETIRED';

/**
 * One place of a facility. Its status moves only through FacilitiesService: an offer reserves a
 * FREE place, a placement occupies it and frees it at its end, a provider or officer blocks and
 * frees it, a lower capacity retires it.
 */
@Entity('place')
@Unique(['facilityId', 'label'])
@Index('place_status', ['status', 'facilityId'])
@Check('place_status_check', `status IN ('FREE', 'RESERVED', 'OCCUPIED', 'BLOCKED', 'RETIRED')`)
export class PlaceEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  facilityId!: string;

  @ManyToOne(() => FacilityEntity)
  @JoinColumn({ name: 'facility_id' })
  facility?: FacilityEntity;

  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'text' })
  status!: PlaceStatus;

  /** PlaceFeature values of libs/contracts. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  features!: string[];

  @Column({ type: 'text', nullable: true })
  blockedReason!: string | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
