import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { FacilitiesEntity } from './facilities.entity';

/** The only file of the feature that touches the database; it joins the caller's transaction. */
@Injectable()
export class FacilitiesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<FacilitiesEntity> {
    return this.txHost.tx.getRepository(FacilitiesEntity);
  }

  async insert(row: Omit<FacilitiesEntity, 'version' | 'createdAt'>): Promise<void> {
    await this.rows.insert(row);
  }

  async find(id: string): Promise<FacilitiesEntity | undefined> {
    return (await this.rows.findOneBy({ id })) ?? undefined;
  }

  /** A page in id order, in these municipalities. */
  list(f: { municipalities: string[]; after?: string; limit: number }): Promise<FacilitiesEntity[]> {
    const q = this.rows.createQueryBuilder('r').where('r.municipality = ANY(:municipalities)', { municipalities: f.municipalities });
    if (f.after) q.andWhere('r.id > :after', { after: f.after });
    return q.orderBy('r.id').limit(f.limit).getMany();
  }
}
