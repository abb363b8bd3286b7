import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
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
