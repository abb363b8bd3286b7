import { centsTransformer } from '@vangnet/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A household as access last published it (access.household.changed.v1, by version). */
@Entity('household')
export class HouseholdEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  municipality!: string;

  @Column({ type: 'integer' })
  version!: number;
}

/** One membership of a household, no names; `validTo` is inclusive. */
@Entity('household_member')
@Index('household_member_person', ['personId'])
export class HouseholdMemberEntity {
  @PrimaryColumn({ type: 'uuid' })
  householdId!: string;

  @PrimaryColumn({ type: 'uuid' })
  personId!: string;

  @PrimaryColumn({ type: 'date' })
  validFrom!: string;

  @Column({ type: 'date', nullable: true })
  validTo!: string | null;

  @Column({ type: 'text' })
  personPseudonym!: string;

  @Column({ type: 'text' })
  role!: string;

  /** A minor's 18th birthday. */
  @Column({ type: 'date', nullable: true })
  minorOn!: string | null;
}

/** One of the region's life domains and its scale (access.life-domain.changed.v1, by revision). */
@Entity('life_domain')
export class LifeDomainEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'integer' })
  scaleMin!: number;

  @Column({ type: 'integer' })
  scaleMax!: number;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ type: 'text', nullable: true })
  framework!: string | null;

  @Column({ type: 'integer', nullable: true })
  position!: number | null;

  @Column({ type: 'integer' })
  revision!: number;
}

/**
 * The latest known version of a provision lineage (access.provision.*), so events apply in any
 * order: a version only replaces a lower one; an end is kept whatever arrives after it.
 */
@Entity('provision')
@Index('provision_person', ['personId'])
@Index('provision_household', ['householdId'])
export class ProvisionEntity {
  @PrimaryColumn({ type: 'uuid' })
  lineageId!: string;

  /** The highest version seen (0: only its end is known yet). */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'uuid', nullable: true })
  provisionId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ type: 'text', nullable: true })
  personPseudonym!: string | null;

  @Column({ type: 'uuid', nullable: true })
  householdId!: string | null;

  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Column({ type: 'text', nullable: true })
  productCode!: string | null;

  @Column({ type: 'text', nullable: true })
  deliveryForm!: string | null;

  @Column({ type: 'text', nullable: true })
  providerAgb!: string | null;

  @Column({ type: 'date', nullable: true })
  periodStart!: string | null;

  @Column({ type: 'date', nullable: true })
  periodEnd!: string | null;

  @Column({ type: 'text', nullable: true })
  municipality!: string | null;

  @Column({ type: 'text', nullable: true })
  responsibleMunicipality!: string | null;

  @Column({ type: 'text', nullable: true })
  law!: string | null;

  @Column({ type: 'integer', nullable: true })
  volumeAmount!: number | null;

  @Column({ type: 'text', nullable: true })
  volumeUnit!: string | null;

  @Column({ type: 'text', nullable: true })
  volumeFrequency!: string | null;

  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer })
  budgetCents!: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer })
  tariffCents!: number | null;

  @Column({ type: 'boolean', default: false })
  crisis!: boolean;

  @Column({ type: 'date', nullable: true })
  endedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  endReason!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
