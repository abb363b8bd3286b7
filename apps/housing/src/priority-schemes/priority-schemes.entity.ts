import { centsTransformer } from '@vangnet/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The priority_schemes table's one definition; the migration that creates it must agree (the drift test checks). */
@Entity('priority_schemes')
@Index('priority_schemes_municipality', ['municipality', 'id'])
export class PrioritySchemesEntity {
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
