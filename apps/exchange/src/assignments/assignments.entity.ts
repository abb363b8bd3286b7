import { centsTransformer } from '@vangnet/persistence';
import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { Volume } from '@vangnet/contracts';

/**
 * The exchange's read model of access's in-kind provisions with a provider: one row per lineage
 * (an iWmo/iJw assignment, ToewijzingNummer unique per paying municipality) with the version in
 * force, so a 301 can carry all current assignments of a client and provider.
 */
@Entity('assignment')
@Unique(['responsibleMunicipality', 'assignmentNumber'])
@Index('assignment_client', ['personId', 'providerAgb', 'responsibleMunicipality'])
export class AssignmentEntity {
  @PrimaryColumn({ type: 'uuid' }) lineageId!: string;
  @Column({ type: 'integer' }) assignmentNumber!: number;
  @Column({ type: 'text' }) responsibleMunicipality!: string;
  @Column({ type: 'text' }) municipality!: string;
  @Column({ type: 'text' }) providerAgb!: string;
  @Column({ type: 'uuid' }) personId!: string;
  @Column({ type: 'text' }) personPseudonym!: string;
  @Column({ type: 'text' }) law!: string;
  @Column({ type: 'text' }) category!: string;
  @Column({ type: 'text', nullable: true }) productCode!: string | null;
  @Column({ type: 'jsonb', nullable: true }) volume!: Volume | null;
  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer }) budgetCents!: number | null;
  @Column({ type: 'text', nullable: true }) tariffUnit!: string | null;
  @Column({ type: 'date' }) startDate!: string;
  @Column({ type: 'date', nullable: true }) endDate!: string | null;
  @Column({ type: 'text', nullable: true }) endReason!: string | null;
  @Column({ type: 'text', nullable: true }) changeReason!: string | null;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'uuid', nullable: true }) requestId!: string | null;
  @Column({ type: 'timestamptz' }) assignedAt!: Date;
}
