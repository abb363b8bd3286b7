import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { DistributionEntity } from './distribution.entity';

/** The only file of the feature that touches the database; it joins the caller's transaction. */
@Injectable()
export class DistributionRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<DistributionEntity> {
    return this.txHost.tx.getRepository(DistributionEntity);
  }

  async insert(row: Omit<DistributionEntity, 'version' | 'createdAt'>): Promise<void> {
    await this.rows.insert(row);
  }

  async find(id: string): Promise<DistributionEntity | undefined> {
    return (await this.rows.findOneBy({ id })) ?? undefined;
  }

  /** A page in id order, in these municipalities. */
  list(f: { municipalities: string[]; after?: string; limit: number }): Promise<DistributionEntity[]> {
    const q = this.rows.createQueryBuilder('r').where('r.municipality = ANY(:municipalities)', { municipalities: f.municipalities });
    if (f.after) q.andWhere('r.id > :after', { after: f.after });
    return q.orderBy('r.id').limit(f.limit).getMany();
  }
}
