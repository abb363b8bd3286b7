import { FacilityType, PlacementDestination } from '@vangnet/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A resident's placement in a facility, from housing.placement.started/ended.v1: finance's read
 * model for cost per client by housing type. Either event may come first; the other fills in.
 */
@Entity('housing_placement')
@Index('housing_placement_person', ['personId'])
export class PlacementEntity {
  @PrimaryColumn({ type: 'uuid' })
  placementId!: string;

  @Column({ type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ type: 'text', nullable: true })
  facilityType!: FacilityType | null;

  @Column({ type: 'text', nullable: true })
  facilityMunicipality!: string | null;

  @Column({ type: 'text', nullable: true })
  responsibleMunicipality!: string | null;

  @Column({ type: 'uuid', nullable: true })
  provisionLineageId!: string | null;

  @Column({ type: 'text', nullable: true })
  providerAgb!: string | null;

  /** The first night in the place; null until the start is known. */
  @Column({ type: 'date', nullable: true })
  startDate!: string | null;

  /** The last night in the place (inclusive); null while it runs. */
  @Column({ type: 'date', nullable: true })
  endDate!: string | null;

  @Column({ type: 'text', nullable: true })
  destination!: PlacementDestination | null;

  /** When housing published the start (and the end): a later event wins, an older replay changes nothing. */
  @Column({ type: 'timestamptz', nullable: true })
  startedEventTime!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedEventTime!: Date | null;
}
