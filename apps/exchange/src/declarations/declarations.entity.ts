import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { IstandaardMessage } from '@vangnet/istandaarden';

/** A 323 handed to finance by reference, until its 325 is written (then its object is deleted). */
@Entity('declaration')
@Check('declaration_status_check', `status IN ('WITH_FINANCE', 'ANSWERED')`)
export class DeclarationEntity {
  /** The declarationRef of exchange.declaration.received. */
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid', unique: true }) messageId!: string;
  @Column({ type: 'text' }) providerAgb!: string;
  @Column({ type: 'text' }) municipality!: string;
  @Column({ type: 'text' }) declarationNumber!: string;
  @Column({ type: 'text' }) objectName!: string;
  @Column({ type: 'integer' }) lineCount!: number;
  @Column({ type: 'date' }) receivedOn!: string;
  /**
   * The 323 without its lines (header, number, period, totals): enough for a 325 that rejects no
   * line, so the common answer needs no second read of a 25 MB file.
   */
  @Column({ type: 'jsonb' }) answerBasis!: IstandaardMessage;
  @Column({ type: 'text' }) status!: 'WITH_FINANCE' | 'ANSWERED';
  @Column({ type: 'uuid', nullable: true }) answerMessageId!: string | null;
}
