import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event a consumer applied: the primary key makes it applied once. */
@Entity('inbox')
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
