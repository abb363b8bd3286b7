import { Check, Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ProviderContact, ProviderKind } from './providers.dto';

// The providers feature's table (migration ProcurementInit1763000000000); the drift test holds them together.

/** A registered provider: a care provider, a housing corporation or a subsidised organisation, by AGB code. */
@Entity('provider')
@Check('provider_agb_check', "agb ~ '^[0-9]{8}$'")
export class ProviderEntity {
  @PrimaryColumn({ type: 'text' }) agb!: string;
  @Column({ type: 'text' }) kvk!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) kind!: ProviderKind;
  @Column({ type: 'jsonb', default: () => "'{}'" }) contact!: ProviderContact;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

export enum ProviderAuditAction {
  REGISTERED = 'REGISTERED',
  CHANGED = 'CHANGED',
}

/** The provider as the audit keeps it, before and after a change. */
export type ProviderSnapshot = Pick<ProviderEntity, 'agb' | 'kvk' | 'name' | 'kind' | 'contact' | 'version'>;

/** Every change of the region's provider register: who, when, before and after (ADR 0027; migration ProviderAudit1763000000001). */
@Entity('provider_audit')
@Index('provider_audit_agb_idx', ['agb', 'id'])
export class ProviderAuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'text' }) agb!: string;
  /** The provider's version after the change. */
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text' }) action!: ProviderAuditAction;
  /** `org/sub` of the token that made the change. */
  @Column({ type: 'text' }) changedBy!: string;
  @Column({ type: 'text' }) changedByOrg!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) changedAt!: Date;
  @Column({ type: 'jsonb', nullable: true }) before!: ProviderSnapshot | null;
  @Column({ type: 'jsonb' }) after!: ProviderSnapshot;
}
