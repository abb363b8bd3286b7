import { IsoDate } from '@vangnet/contracts';
import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

// The catalogue feature's table (migration ProcurementInit1763000000000); the drift test holds them together.

/** One version of a product code in a municipality's catalogue of a year, valid from..to (inclusive). */
@Entity('catalogue_entry')
@Unique(['municipality', 'category', 'code', 'validFrom'])
@Index('catalogue_entry_year_idx', ['municipality', 'year'])
@Check('catalogue_entry_check', 'valid_to >= valid_from')
export class CatalogueEntryEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) municipality!: string;
  @Column({ type: 'integer' }) year!: number;
  @Column({ type: 'text' }) category!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) unit!: string | null;
  @Column({ type: 'date' }) validFrom!: IsoDate;
  @Column({ type: 'date' }) validTo!: IsoDate;
  @Column({ type: 'text' }) createdBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
