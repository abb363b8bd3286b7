import { centsTransformer } from '@vangnet/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The quotas table's one definition; the migration that creates it must agree (the drift test checks). */
@Entity('quotas')
@Index('quotas_municipality', ['municipality', 'id'])
export class QuotasEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The tenant: every row that concerns a resident or a municipality carries it. */
  @Column({ type: 'text' })
  municipality!: string;

  @Column({ type: 'text' })
  name!: string;

  /** A DATE stays a 'YYYY-MM-DD' string. */
  @Column({ type: 'date' })
  validFrom!: string;

  /** Money is BIGINT eurocents. */
  @Column({ type: 'bigint', transformer: centsTransformer })
  amountCents!: number;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
