import { IsoDate } from '@vangnet/contracts';
import { Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { HouseholdRole, ResidenceFacts } from './persons.dto';

/** A resident, one per BSN across the region; `municipalities` are the tenants that may read them. */
@Entity('person')
@Unique('person_bsn_unique', ['bsn'])
export class PersonEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) bsn!: string;
  @Column({ type: 'text', nullable: true }) givenName!: string | null;
  /** Null for a person known only by BSN (created by access.person.resolve for an inbound message). */
  @Column({ type: 'text', nullable: true }) familyName!: string | null;
  @Column({ type: 'date', nullable: true }) birthDate!: IsoDate | null;
  @Column({ type: 'text', nullable: true }) brpMunicipality!: string | null;
  @Column({ type: 'text', nullable: true }) originMunicipality!: string | null;
  /** What the responsible municipality depends on beyond the BRP municipality (Jeugdwet art. 1.1, bill 36288 art. 1.2.1a). */
  @Column({ type: 'jsonb', nullable: true }) residence!: ResidenceFacts | null;
  @Column({ type: 'boolean', default: false }) safetyFlag!: boolean;
  @Column({ type: 'text', array: true }) municipalities!: string[];
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  /** Not a column: the repository joins the person's household memberships in the same query. */
  memberships?: HouseholdMemberEntity[];
}

@Entity('household')
export class HouseholdEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) municipality!: string;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  /** The last version published as access.household.changed.v1 (0: never; the backfill catches up). */
  @Column({ type: 'integer', default: 0 }) announcedVersion!: number;
}

@Entity('household_member')
@Index('household_member_person', ['personId'])
export class HouseholdMemberEntity {
  @PrimaryColumn({ type: 'uuid' }) @ForeignKey('household') householdId!: string;
  @PrimaryColumn({ type: 'uuid' }) @ForeignKey('person') personId!: string;
  @Column({ type: 'text' }) role!: HouseholdRole;
  @Column({ type: 'timestamptz', default: () => 'now()' }) addedAt!: Date;
  /** The first day of the membership. */
  @Column({ type: 'date', name: 'from_date' }) from!: IsoDate;
  /** The last day (inclusive), once the person left. */
  @Column({ type: 'date', name: 'to_date', nullable: true }) to!: IsoDate | null;
}
