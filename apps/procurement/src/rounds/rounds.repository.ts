import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { RoundEntity } from './rounds.entity';

@Injectable()
export class RoundsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<RoundEntity> {
    return this.txHost.tx.getRepository(RoundEntity);
  }

  /** Inserts a round; false when its name is taken. */
  async insert(r: Omit<RoundEntity, 'createdAt'>): Promise<boolean> {
    const result = await this.rows.createQueryBuilder().insert().values(r).orIgnore().returning(['id']).execute();
    return result.raw.length === 1;
  }

  find(id: string): Promise<RoundEntity | null> {
    return this.rows.findOneBy({ id });
  }

  /** The rounds held for any of these municipalities (undefined: every round), by name. */
  list(municipalities: string[] | undefined): Promise<RoundEntity[]> {
    const q = this.rows.createQueryBuilder('r');
    if (municipalities !== undefined) q.where('r.municipalities && :municipalities', { municipalities });
    return q.orderBy('r.name').getMany();
  }
}
