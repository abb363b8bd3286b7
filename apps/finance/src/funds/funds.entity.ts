import { centsTransformer } from '@vangnet/persistence';
import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { FundPart, KeyWeight } from './funds.rules';

// The funds feature's tables (migration FinanceInit1760000000000); the drift test holds them together.

/** A regional fund held by one municipality (usually the central one), to be distributed by a key. */
@Entity('fund')
@Check('fund_total_cents_check', 'total_cents >= 0')
export class FundEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  ownerMunicipality!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'text', nullable: true })
  domain!: string | null;

  @Column({ type: 'bigint', transformer: centsTransformer })
  totalCents!: number;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** A version of a fund's distribution key with its parts; insert-only (a trigger refuses UPDATE and DELETE). */
@Entity('fund_key')
@Unique(['fundId', 'keyHash'])
export class FundKeyEntity {
  @PrimaryColumn({ type: 'uuid' })
  fundId!: string;

  @ManyToOne(() => FundEntity)
  @JoinColumn({ name: 'fund_id' })
  fund?: FundEntity;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  keyHash!: string;

  @Column({ type: 'jsonb' })
  weights!: KeyWeight[];

  @Column({ type: 'text', nullable: true })
  basis!: string | null;

  @Column({ type: 'bigint', transformer: centsTransformer })
  totalCents!: number;

  @Column({ type: 'jsonb' })
  parts!: FundPart[];

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

export const FUND_ENTITIES = [FundEntity, FundKeyEntity];
