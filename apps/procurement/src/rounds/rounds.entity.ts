import { IsoDate } from '@vangnet/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

// The rounds feature's table (migration ProcurementInit1763000000000); the drift test holds them together.

export interface Lot {
  code: string;
  name: string;
}

/** A procurement round (aanbesteding): the municipalities that award together, and its lots. */
@Entity('procurement_round')
export class RoundEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', unique: true }) name!: string;
  @Column({ type: 'text', array: true }) municipalities!: string[];
  @Column({ type: 'jsonb', default: () => "'[]'" }) lots!: Lot[];
  @Column({ type: 'date', nullable: true }) publishedOn!: IsoDate | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
