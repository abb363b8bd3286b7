import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { EvictionSignalsEntity } from './eviction-signals.entity';

/** The only file of the feature that touches the database; it joins the caller's transaction. */
@Injectable()
export class EvictionSignalsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<EvictionSignalsEntity> {
    return this.txHost.tx.getRepository(EvictionSignalsEntity);
  }

  async insert(row: Omit<EvictionSignalsEntity, 'version' | 'createdAt'>): Promise<void> {
    await this.rows.insert(row);
  }

  async find(id: string): Promise<EvictionSignalsEntity | undefined> {
    return (await this.rows.findOneBy({ id })) ?? undefined;
  }

  /** A page in id order, in these municipalities. */
  list(f: { municipalities: string[]; after?: string; limit: number }): Promise<EvictionSignalsEntity[]> {
    const q = this.rows.createQueryBuilder('r').where('r.municipality = ANY(:municipalities)', { municipalities: f.municipalities });
    if (f.after) q.andWhere('r.id > :after', { after: f.after });
    return q.orderBy('r.id').limit(f.limit).getMany();
  }
}
