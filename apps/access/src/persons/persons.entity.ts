import { IsoDate } from '@vangnet/contracts';
import { Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { HouseholdRole, ResidenceFacts } from './persons.dto';

/**
 * A resident's identity, one per BSN across the region (ADR 0051): the BSN alone. What a
 * municipality knows of them is its own {@link PersonRecordEntity}; which municipalities know a
 * person is never shown to another.
 */
@Entity('person')
@Unique('person_bsn_unique', ['bsn'])
export class PersonEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) bsn!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** What one municipality knows of a person: its own name, dates, residence facts and safety flag. */
@Entity('person_record')
export class PersonRecordEntity {
  @PrimaryColumn({ type: 'uuid' }) @ForeignKey('person') personId!: string;
  @PrimaryColumn({ type: 'text' }) municipality!: string;
  @Column({ type: 'text', nullable: true }) givenName!: string | null;
  /** Null for a person this municipality knows only by BSN (linked by a message or a case). */
  @Column({ type: 'text', nullable: true }) familyName!: string | null;
  @Column({ type: 'date', nullable: true }) birthDate!: IsoDate | null;
  @Column({ type: 'text', nullable: true }) brpMunicipality!: string | null;
  @Column({ type: 'text', nullable: true }) originMunicipality!: string | null;
  /** What the responsible municipality depends on beyond the BRP municipality (Jeugdwet art. 1.1, bill 36288 art. 1.2.1a). */
  @Column({ type: 'jsonb', nullable: true }) residence!: ResidenceFacts | null;
  /** Set by this municipality; any municipality's flag blocks outbound partner messages. */
  @Column({ type: 'boolean', default: false }) safetyFlag!: boolean;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
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
