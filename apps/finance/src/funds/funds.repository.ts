import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { FindOptionsWhere, In, Repository } from 'typeorm';
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

  /** The funds these municipalities hold (undefined: every fund), newest year first, at most 500. */
  list(owners: string[] | undefined): Promise<FundEntity[]> {
    const where: FindOptionsWhere<FundEntity> = {};
    if (owners !== undefined) where.ownerMunicipality = In(owners);
    return this.funds.find({ where, order: { year: 'DESC', name: 'ASC', id: 'ASC' }, take: 500 });
  }

  keysOf(fundId: string): Promise<FundKeyEntity[]> {
    return this.keys.find({ where: { fundId }, order: { version: 'ASC' } });
  }

  async insertKey(k: NewFundKey): Promise<void> {
    await this.keys.insert(k);
  }
}
