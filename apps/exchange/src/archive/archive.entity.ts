import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Finding } from '@vangnet/istandaarden';

export type Direction = 'IN' | 'OUT';
/** IN: ACCEPTED or REJECTED (with its retour). OUT: WAITING in the provider's mailbox, COLLECTED, or HELD (a safety flag: never sent). */
export type MessageStatus = 'ACCEPTED' | 'REJECTED' | 'WAITING' | 'COLLECTED' | 'HELD';
/** What a message still waits for: its retour (3 working days) or its answer (5 or 10 working days). */
export type Awaiting = 'RETOUR' | 'ANSWER';
export type Transport = 'MAILBOX' | 'DIRECTORY' | 'EXCHANGE';

/**
 * Every message in and out, as exchanged (the raw XML), with its validation findings, the
 * message it answers (`inReplyTo`: a retour or an answer names what it answers), and what it
 * still waits for. A message delivered twice (same sender and BerichtIdentificatie) is stored once.
 */
@Entity('message')
@Index('message_inbound_once', ['sender', 'identification'], { unique: true, where: "direction = 'IN'" })
@Index('message_municipality', ['municipality', 'receivedAt'])
@Index('message_provider', ['providerAgb', 'receivedAt'])
@Index('message_due', ['dueOn'], { where: 'awaiting IS NOT NULL' })
@Index('message_mailbox', ['providerAgb', 'receivedAt'], { where: "status = 'WAITING'" })
@Check('message_direction_check', `direction IN ('IN', 'OUT')`)
@Check('message_status_check', `status IN ('ACCEPTED', 'REJECTED', 'WAITING', 'COLLECTED', 'HELD')`)
@Check('message_awaiting_check', `awaiting IS NULL OR (awaiting IN ('RETOUR', 'ANSWER') AND due_on IS NOT NULL)`)
export class MessageEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) direction!: Direction;
  @Column({ type: 'text' }) standard!: 'iwmo' | 'ijw';
  @Column({ type: 'text' }) messageType!: string;
  /** Header Afzender as in the file: an AGB code, or a municipality's four-digit code. */
  @Column({ type: 'text' }) sender!: string;
  @Column({ type: 'text' }) receiver!: string;
  @Column({ type: 'text' }) identification!: string;
  @Column({ type: 'date', nullable: true }) dagtekening!: string | null;
  @Column({ type: 'text' }) providerAgb!: string;
  /** The municipality (GM code) on the other end: the addressee of an inbound message, the sender of an outbound one. */
  @Column({ type: 'text' }) municipality!: string;
  @Column({ type: 'text' }) status!: MessageStatus;
  @Column({ type: 'text' }) xml!: string;
  @Column({ type: 'integer' }) sizeBytes!: number;
  @Column({ type: 'jsonb', default: () => "'[]'" }) findings!: Finding[];
  @Column({ type: 'jsonb', nullable: true }) timings!: Record<string, number> | null;
  @Column({ type: 'uuid', nullable: true }) inReplyTo!: string | null;
  @Column({ type: 'text', nullable: true }) awaiting!: Awaiting | null;
  @Column({ type: 'date', nullable: true }) dueOn!: string | null;
  @Column({ type: 'uuid', nullable: true }) settledBy!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) settledAt!: Date | null;
  @Column({ type: 'integer', array: true, default: () => "'{}'" }) assignmentNumbers!: number[];
  /** The residents the message names (pseudonyms): a read is logged for each. */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) personPseudonyms!: string[];
  @Column({ type: 'text' }) transport!: Transport;
  @Column({ type: 'timestamptz', default: () => 'now()' }) receivedAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) collectedAt!: Date | null;
}
