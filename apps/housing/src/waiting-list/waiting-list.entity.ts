import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EntryRoute, EntryStatus } from './waiting-list.rules';

/**
 * One resident waiting for one facility type: on the by-name waiting list (WAITING_LIST), or an
 * emergency-shelter provision awaiting a direct placement (DIRECT_PLACEMENT, never on the list).
 * At most one open entry per person and facility type; one per provision lineage and route.
 */
@Entity('waitlist_entry')
@Index('waitlist_entry_status', ['status', 'facilityType'])
@Index('waitlist_entry_person', ['personId'])
@Index('waitlist_entry_lineage', ['provisionLineageId', 'route'], { unique: true, where: 'provision_lineage_id IS NOT NULL' })
@Index('waitlist_entry_open_person', ['personId', 'facilityType'], { unique: true, where: `status IN ('WAITING', 'OFFERED', 'ACCEPTED')` })
@Check('waitlist_entry_route_check', `route IN ('WAITING_LIST', 'DIRECT_PLACEMENT')`)
@Check('waitlist_entry_status_check', `status IN ('WAITING', 'OFFERED', 'ACCEPTED', 'PLACED', 'LEFT')`)
@Check('waitlist_entry_urgency_check', 'urgency BETWEEN 0 AND 3')
@Check('waitlist_entry_left_check', `(status IN ('PLACED', 'LEFT')) = (left_on IS NOT NULL)`)
export class WaitlistEntryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  route!: EntryRoute;

  @Column({ type: 'text' })
  status!: EntryStatus;

  @Column({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'text' })
  personPseudonym!: string;

  /** The tenant whose list it is (the deciding municipality, or the officer's). */
  @Column({ type: 'text' })
  municipality!: string;

  /** Who pays. */
  @Column({ type: 'text' })
  responsibleMunicipality!: string;

  /** Gemeente van herkomst. */
  @Column({ type: 'text', nullable: true })
  originMunicipality!: string | null;

  @Column({ type: 'text' })
  facilityType!: string;

  @Column({ type: 'uuid', nullable: true })
  provisionLineageId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  householdId!: string | null;

  /** Where waiting time counts from (the provision's start, or what the officer recorded). */
  @Column({ type: 'date' })
  waitingSince!: string;

  @Column({ type: 'date' })
  enteredOn!: string;

  @Column({ type: 'integer', default: 0 })
  urgency!: number;

  @Column({ type: 'boolean', default: false })
  dischargeFromInstitution!: boolean;

  /** PlaceFeature values a place must offer. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  needs!: string[];

  /** The ambulant support the resident gets while waiting (a short description, no diagnosis). */
  @Column({ type: 'text', nullable: true })
  interimSupport!: string | null;

  @Column({ type: 'text', nullable: true })
  interimProviderAgb!: string | null;

  @Column({ type: 'date', nullable: true })
  reassessmentOn!: string | null;

  @Column({ type: 'boolean', default: false })
  crisis!: boolean;

  @Column({ type: 'date', nullable: true })
  leftOn!: string | null;

  @Column({ type: 'text', nullable: true })
  leftReason!: string | null;

  @Column({ type: 'text', nullable: true })
  leftNote!: string | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** The latest known state of a provision lineage (access.provision.*), so events apply in any order. */
@Entity('provision_lineage')
export class ProvisionLineageEntity {
  @PrimaryColumn({ type: 'uuid' })
  lineageId!: string;

  /** The highest version seen (0: only its end is known yet). */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'uuid', nullable: true })
  provisionId!: string | null;

  @Column({ type: 'text', nullable: true })
  category!: string | null;

  @Column({ type: 'text', nullable: true })
  productCode!: string | null;

  @Column({ type: 'text', nullable: true })
  deliveryForm!: string | null;

  @Column({ type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ type: 'date', nullable: true })
  endedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  endReason!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

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

/** One membership of a household, no names. */
@Entity('household_member')
@Index('household_member_person', ['personId'])
export class HouseholdMemberEntity {
  @PrimaryColumn({ type: 'uuid' })
  householdId!: string;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id' })
  household?: HouseholdEntity;

  @PrimaryColumn({ type: 'uuid' })
  personId!: string;

  @PrimaryColumn({ type: 'date' })
  validFrom!: string;

  @Column({ type: 'date', nullable: true })
  validTo!: string | null;

  @Column({ type: 'text' })
  role!: string;

  /** A minor's 18th birthday. */
  @Column({ type: 'date', nullable: true })
  minorOn!: string | null;
}

/** Whether access flagged a person for safety (access.person.safety-flag-changed.v1). */
@Entity('person_flag')
export class PersonFlagEntity {
  @PrimaryColumn({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'boolean' })
  safetyFlag!: boolean;

  @Column({ type: 'date' })
  changedAt!: string;
}
