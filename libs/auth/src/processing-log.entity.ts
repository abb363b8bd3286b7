import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum ProcessingAction {
  READ = 'READ',
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}

/** Who processed whose personal data (pseudonymised), why, on which legal basis and when. */
@Entity('processing_log')
@Index('processing_log_subject', ['subjectPseudonym', 'at'])
@Index('processing_log_at', ['at'])
export class ProcessingLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ type: 'text' })
  actorSub!: string;

  @Column({ type: 'text' })
  actorOrg!: string;

  /** The roles the actor's token held (empty for the system: an event handler, a job). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  actorRoles!: string[];

  @Column({ type: 'text', nullable: true })
  correlationId!: string | null;

  @Column({ type: 'text' })
  subjectPseudonym!: string;

  @Column({ type: 'text' })
  action!: ProcessingAction;

  @Column({ type: 'text' })
  purpose!: string;

  @Column({ type: 'text' })
  legalBasis!: string;

  @Column({ type: 'text' })
  resource!: string;

  @Column({ type: 'text', nullable: true })
  resourceId!: string | null;

  @Column({ type: 'text', nullable: true })
  municipality!: string | null;
}
