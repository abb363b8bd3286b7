import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

export interface CrisisContact {
  name: string;
  relation?: string;
  phone: string;
}

export interface Wrap {
  wellness: string[];
  triggers: string[];
  earlyWarningSigns: string[];
  whenThingsBreakDown: string[];
  afterACrisis: string[];
}

/**
 * The resident's own part of the plan: own input, the crisis card (who to call, what helps, what
 * not) and the recovery action plan (WRAP). Only those the resident allows see each part.
 */
@Entity('resident_part')
@Check('resident_part_method_check', `method IN ('IN_PERSON', 'IN_WRITING', 'BY_PHONE')`)
export class ResidentPartEntity {
  @PrimaryColumn({ type: 'uuid' })
  planId!: string;

  @PrimaryColumn({ type: 'uuid' })
  personId!: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  contacts!: CrisisContact[];

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  whatHelps!: string[];

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  whatDoesNotHelp!: string[];

  @Column({ type: 'jsonb', nullable: true })
  wrap!: Wrap | null;

  @Column({ type: 'text', nullable: true })
  ownInput!: string | null;

  /** The resident's (or legal representative's) participant id whose words these are. */
  @Column({ type: 'uuid' })
  instructedBy!: string;

  @Column({ type: 'text' })
  method!: string;

  @Column({ type: 'date' })
  recordedOn!: string;

  @Column({ type: 'text' })
  recordedBy!: string;

  @Column({ type: 'integer', default: 1 })
  version!: number;
}
