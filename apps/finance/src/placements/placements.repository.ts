import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { PlacementEntity } from './placements.entity';
import { Placement } from './placements.rules';

@Injectable()
export class PlacementsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<PlacementEntity> {
    return this.txHost.tx.getRepository(PlacementEntity);
  }

  /** The placement, locked for this transaction (its other event waits). */
  async lock(placementId: string): Promise<PlacementEntity | undefined> {
    return (await this.rows.findOne({ where: { placementId }, lock: { mode: 'pessimistic_write' } })) ?? undefined;
  }

  async save(p: Placement): Promise<void> {
    await this.rows.upsert(p, ['placementId']);
  }

  /** Placements whose start is known and that have a night in [from, to]. */
  overlapping(from: IsoDate, to: IsoDate): Promise<PlacementEntity[]> {
    return this.rows
      .createQueryBuilder('p')
      .where('p.personId IS NOT NULL AND p.facilityType IS NOT NULL AND p.startDate <= :to', { to })
      .andWhere('(p.endDate IS NULL OR p.endDate >= :from)', { from })
      .orderBy('p.personId')
      .addOrderBy('p.startDate')
      .getMany();
  }
}
