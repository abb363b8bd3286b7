import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Which facility type a waiting-list entry asks for, by the provision's product: a product code's
 * own row first, else its category's (product code ''). Categories 15–18 only (protected housing
 * and shelter, iWmo WMO020).
 */
@Entity('facility_type_mapping')
@Check('facility_type_mapping_category_check', `category IN ('15', '16', '17', '18')`)
export class FacilityTypeMappingEntity {
  @PrimaryColumn({ type: 'text' })
  category!: string;

  /** '' for the whole category. */
  @PrimaryColumn({ type: 'text' })
  productCode!: string;

  @Column({ type: 'text' })
  facilityType!: string;

  @Column({ type: 'text' })
  updatedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/** The reference stay of a facility type (DOMAIN.md "Placement and stay"); a type without one has no overstay. */
@Entity('reference_stay')
@Check('reference_stay_days_check', `days > 0`)
export class ReferenceStayEntity {
  @PrimaryColumn({ type: 'text' })
  facilityType!: string;

  @Column({ type: 'integer' })
  days!: number;

  @Column({ type: 'text' })
  updatedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
