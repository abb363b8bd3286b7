import { centsTransformer } from '@vangnet/persistence';
import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

// The ceilings feature's tables (migration ProcurementInit1763000000000); the drift test holds them together.

/** The spend ceiling (bestedingsruimte) of a provider × paying municipality × year. */
@Entity('ceiling')
@Check('ceiling_ceiling_cents_check', 'ceiling_cents >= 0')
export class CeilingEntity {
  @PrimaryColumn({ type: 'text' }) @ForeignKey('provider') providerAgb!: string;
  @PrimaryColumn({ type: 'text' }) municipality!: string;
  @PrimaryColumn({ type: 'integer' }) year!: number;
  @Column({ type: 'bigint', transformer: centsTransformer }) ceilingCents!: number;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'text' }) setBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/** Finance's latest cumulative spend per key; it may name a provider not registered here (yet). */
@Entity('spend')
export class SpendEntity {
  @PrimaryColumn({ type: 'text' }) providerAgb!: string;
  @PrimaryColumn({ type: 'text' }) municipality!: string;
  @PrimaryColumn({ type: 'integer' }) year!: number;
  @Column({ type: 'bigint', transformer: centsTransformer }) spendCents!: number;
  @Column({ type: 'bigint' }) sequence!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) reportedAt!: Date;
}

/** A threshold a key's spend reached, once each: the primary key is the guarantee. */
@Entity('ceiling_threshold')
@Check('ceiling_threshold_threshold_percent_check', 'threshold_percent IN (70, 90, 100)')
export class CeilingThresholdEntity {
  @PrimaryColumn({ type: 'text' }) providerAgb!: string;
  @PrimaryColumn({ type: 'text' }) municipality!: string;
  @PrimaryColumn({ type: 'integer' }) year!: number;
  @PrimaryColumn({ type: 'integer' }) thresholdPercent!: number;
  @Column({ type: 'bigint', transformer: centsTransformer }) spendCents!: number;
  @Column({ type: 'bigint', transformer: centsTransformer }) ceilingCents!: number;
  @Column({ type: 'timestamptz', default: () => 'now()' }) reachedAt!: Date;
}

export const CEILING_ENTITIES = [CeilingEntity, SpendEntity, CeilingThresholdEntity];
