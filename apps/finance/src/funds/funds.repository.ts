import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { FundEntity, FundKeyEntity } from './funds.entity';

export type NewFund = Omit<FundEntity, 'createdAt'>;
export type NewFundKey = Omit<FundKeyEntity, 'createdAt' | 'fund'>;

@Injectable()
export class FundsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get funds(): Repository<FundEntity> {
    return this.txHost.tx.getRepository(FundEntity);
  }

  private get keys(): Repository<FundKeyEntity> {
    return this.txHost.tx.getRepository(FundKeyEntity);
  }

  async insert(f: NewFund): Promise<void> {
    await this.funds.insert(f);
  }

  async get(id: string, forUpdate = false): Promise<FundEntity | undefined> {
    return (await this.funds.findOne({ where: { id }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) })) ?? undefined;
  }

  /**
   * The funds these municipalities hold or any key version distributes over them (undefined:
   * every fund), newest year first, at most 500.
   */
  list(municipalities: string[] | undefined): Promise<FundEntity[]> {
    const q = this.funds.createQueryBuilder('f');
    if (municipalities !== undefined) {
      q.where(
        `(f.ownerMunicipality = ANY(:municipalities) OR EXISTS (
           SELECT 1 FROM fund_key k, jsonb_array_elements(k.weights) w WHERE k.fund_id = f.id AND w->>'municipality' = ANY(:municipalities)))`,
        { municipalities },
      );
    }
    return q.orderBy('f.year', 'DESC').addOrderBy('f.name', 'ASC').addOrderBy('f.id', 'ASC').take(500).getMany();
  }

  keysOf(fundId: string): Promise<FundKeyEntity[]> {
    return this.keys.find({ where: { fundId }, order: { version: 'ASC' } });
  }

  async insertKey(k: NewFundKey): Promise<void> {
    await this.keys.insert(k);
  }
}
