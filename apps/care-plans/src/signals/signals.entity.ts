import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A signal on a plan: the one source of care-plans.signal.raised. `key` makes each fire once. */
@Entity('signal')
@Index('signal_key', ['key'], { unique: true })
@Index('signal_municipality', ['municipality', 'status', 'id'])
@Index('signal_plan', ['planId', 'kind'])
@Index('signal_coordinator', ['coordinatorOrg', 'status', 'id'])
@Check('signal_kind_check', `kind IN ('REVIEW_OVERDUE', 'COMING_OF_AGE', 'FRAGMENTATION', 'OUTFLOW_READY')`)
@Check('signal_status_check', `status IN ('OPEN', 'CLOSED')`)
export class SignalEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'uuid', nullable: true })
  personId!: string | null;

  @Column({ type: 'text', nullable: true })
  personPseudonym!: string | null;

  @Column({ type: 'text' })
  municipality!: string;

  /** The plan's coordinating organisation now (kept on handover): a provider coordinator's worklist. */
  @Column({ type: 'text' })
  coordinatorOrg!: string;

  @Column({ type: 'date' })
  due!: string;

  @Column({ type: 'date' })
  raisedOn!: string;

  /** What makes it one signal: a second raise with the same key is the same signal. */
  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  status!: 'OPEN' | 'CLOSED';

  @Column({ type: 'date', nullable: true })
  closedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  closedBecause!: string | null;

  /** What the worklist shows beside it (the coming-of-age contract answers, the count of professionals). */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  detail!: object;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** A young person's coming of age as access announced it, kept until it is on a plan. */
@Entity('coming_of_age')
export class ComingOfAgeEntity {
  @PrimaryColumn({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'text' })
  personPseudonym!: string;

  @Column({ type: 'date' })
  eighteenOn!: string;

  @Column({ type: 'text', nullable: true })
  brpMunicipality!: string | null;

  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  youthLineageIds!: string[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
