import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An event a consumer could not apply, kept with the reason until someone retries or discards it. */
@Entity('dead_letter')
@Index('dead_letter_open', ['consumer', 'createdAt'], { where: 'resolved_at IS NULL' })
export class DeadLetterEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'text' })
  consumer!: string;

  @Column({ type: 'text', nullable: true })
  messageId!: string | null;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'bigint', nullable: true })
  streamSequence!: number | null;

  @Column({ type: 'integer' })
  deliveries!: number;

  @Column({ type: 'text' })
  errorCode!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text' })
  payload!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  resolution!: string | null;
}
