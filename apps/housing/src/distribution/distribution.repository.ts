import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { DistributionKeyEntity } from './distribution.entity';

@Injectable()
export class DistributionRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<DistributionKeyEntity> {
    return this.txHost.tx.getRepository(DistributionKeyEntity);
  }

  async find(year: number, lock = false): Promise<DistributionKeyEntity | undefined> {
    const q = this.rows.createQueryBuilder('k').where('k.year = :year', { year });
    if (lock) q.setLock('pessimistic_write');
    return (await q.getOne()) ?? undefined;
  }

  async insert(row: Omit<DistributionKeyEntity, 'version' | 'updatedAt'>): Promise<void> {
    await this.rows.insert(row);
  }

  async update(year: number, changes: Omit<DistributionKeyEntity, 'year' | 'version' | 'updatedAt'>): Promise<void> {
    await this.rows.createQueryBuilder().update().set({ ...changes, updatedAt: () => 'now()', version: () => 'version + 1' }).where('year = :year', { year }).execute();
  }
}
