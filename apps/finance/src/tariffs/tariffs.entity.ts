import { Unit } from '@vangnet/contracts';
import { centsTransformer } from '@vangnet/persistence';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Finance's read model of procurement's contract tariffs per product and year: from
 * procurement.tariff.published (source EVENT) or a procurement.tariff.get answer (RPC).
 */
@Entity('tariff')
@Index('tariff_lookup', ['providerAgb', 'category', 'code', 'year'])
@Check('tariff_source_check', "source IN ('EVENT', 'RPC')")
export class TariffEntity {
  @PrimaryColumn({ type: 'uuid' })
  contractId!: string;

  @PrimaryColumn({ type: 'text' })
  category!: string;

  /** '' when the contracted product has no product code. */
  @PrimaryColumn({ type: 'text', default: '' })
  code!: string;

  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'text' })
  providerAgb!: string;

  @Column({ type: 'text', array: true })
  municipalities!: string[];

  @Column({ type: 'text' })
  unit!: Unit;

  @Column({ type: 'text' })
  variant!: string;

  @Column({ type: 'bigint', transformer: centsTransformer })
  tariffCents!: number;

  @Column({ type: 'date', nullable: true })
  validFrom!: string | null;

  @Column({ type: 'date', nullable: true })
  validTo!: string | null;

  @Column({ type: 'boolean', default: false })
  crisis!: boolean;

  @Column({ type: 'text' })
  source!: 'EVENT' | 'RPC';

  @Column({ type: 'timestamptz', nullable: true })
  eventTime!: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
