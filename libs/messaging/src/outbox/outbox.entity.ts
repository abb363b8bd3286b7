import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An event written in the transaction of its state change, until the relay has published it. */
@Entity('outbox')
@Index('outbox_pending', ['seq'], { where: 'published_at IS NULL' })
@Index('outbox_published', ['publishedAt'], { where: 'published_at IS NOT NULL' })
export class OutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: number;

  @Column({ type: 'uuid', unique: true })
  id!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'jsonb' })
  envelope!: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  /** W3C trace context of the transaction that wrote the event, published as NATS headers. */
  @Column({ type: 'text', nullable: true })
  traceparent!: string | null;

  @Column({ type: 'text', nullable: true })
  tracestate!: string | null;
}
