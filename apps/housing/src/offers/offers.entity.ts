import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PlaceEntity } from '../facilities/facilities.entity';
import { WaitlistEntryEntity } from '../waiting-list/waiting-list.entity';

export type OfferStatus = 'OPEN' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN' | 'PLACED';

/**
 * A place offered to one entry. An OPEN or ACCEPTED offer holds its place: the unique index
 * `offer_place_held` is what makes a place never be offered to two people at once, whatever
 * requests race (and `offer_entry_held` one offer per entry at a time).
 */
@Entity('offer')
@Index('offer_place_held', ['placeId'], { unique: true, where: `status IN ('OPEN', 'ACCEPTED')` })
@Index('offer_entry_held', ['entryId'], { unique: true, where: `status IN ('OPEN', 'ACCEPTED')` })
@Index('offer_status', ['status', 'answerDue'])
@Check('offer_status_check', `status IN ('OPEN', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'PLACED')`)
export class OfferEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  placeId!: string;

  @ManyToOne(() => PlaceEntity)
  @JoinColumn({ name: 'place_id' })
  place?: PlaceEntity;

  @Column({ type: 'uuid' })
  entryId!: string;

  @ManyToOne(() => WaitlistEntryEntity)
  @JoinColumn({ name: 'entry_id' })
  entry?: WaitlistEntryEntity;

  /** The entry's municipality (the tenant), kept for scoped lists. */
  @Column({ type: 'text' })
  municipality!: string;

  /** The facility's municipality. */
  @Column({ type: 'text' })
  facilityMunicipality!: string;

  @Column({ type: 'text' })
  facilityType!: string;

  @Column({ type: 'text' })
  status!: OfferStatus;

  @Column({ type: 'date' })
  offeredOn!: string;

  /** The last working day to answer; an OPEN offer after it is stalled. */
  @Column({ type: 'date' })
  answerDue!: string;

  @Column({ type: 'date', nullable: true })
  answeredOn!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'text', nullable: true })
  answeredBy!: string | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
