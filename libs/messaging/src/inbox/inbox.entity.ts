import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An event a consumer applied: the primary key makes it applied once. */
@Entity('inbox')
@Index('inbox_processed', ['processedAt'])
export class InboxEntity {
  @PrimaryColumn({ type: 'text' })
  consumer!: string;

  @PrimaryColumn({ type: 'uuid' })
  messageId!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  processedAt!: Date;
}
