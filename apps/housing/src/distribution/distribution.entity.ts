import { centsTransformer } from '@vangnet/persistence';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { Share } from './distribution.rules';

/** The region's distribution key for a year: each member's share of the housing task, and the price of a missing place-year. */
@Entity('distribution_key')
@Check('distribution_key_compensation_check', 'compensation_per_place_year_cents >= 0')
export class DistributionKeyEntity {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'jsonb' })
  shares!: Share[];

  @Column({ type: 'bigint', transformer: centsTransformer })
  compensationPerPlaceYearCents!: number;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  facilityTypes!: string[];

  @Column({ type: 'integer', default: 5000 })
  concentrationThresholdBasisPoints!: number;

  @Column({ type: 'integer', default: 10 })
  concentrationMinimumPlaces!: number;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ type: 'text' })
  updatedBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
