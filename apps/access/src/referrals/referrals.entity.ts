import { Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { EscalationTarget, ReferralKind, ReferralStatus, ReferralTarget } from './referrals.dto';

/** A referral to another chain, or an escalation, from a registration. */
@Entity('referral')
@Index('referral_registration', ['registrationId'])
export class ReferralEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) kind!: ReferralKind;
  @Column({ type: 'uuid' }) @ForeignKey('registration') registrationId!: string;
  @Column({ type: 'uuid', nullable: true }) @ForeignKey('person') personId!: string | null;
  @Column({ type: 'text' }) municipality!: string;
  @Column({ type: 'text' }) target!: ReferralTarget | EscalationTarget;
  @Column({ type: 'text', nullable: true }) organisation!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text' }) status!: ReferralStatus;
  @Column({ type: 'timestamptz' }) statusAt!: Date;
  @Column({ type: 'text' }) createdBySub!: string;
  @Column({ type: 'integer', default: 1 }) version!: number;
}

/** Each status a referral went through, in order. */
@Entity('referral_status')
@Index('referral_status_referral', ['referralId', 'seq'])
export class ReferralStatusEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) seq!: number;
  @Column({ type: 'uuid' }) @ForeignKey('referral') referralId!: string;
  @Column({ type: 'text' }) status!: ReferralStatus;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'text' }) bySub!: string;
}
