import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { ResponsibilityRuleSetEntity } from './responsibility.entity';

export type NewRuleSet = Omit<ResponsibilityRuleSetEntity, 'createdAt'>;

@Injectable()
export class ResponsibilityRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get ruleSets(): Repository<ResponsibilityRuleSetEntity> {
    return this.txHost.tx.getRepository(ResponsibilityRuleSetEntity);
  }

  all(): Promise<ResponsibilityRuleSetEntity[]> {
    return this.ruleSets.find({ order: { validFrom: 'ASC' } });
  }

  /** Inserts unless a rule set starts on that day already; returns whether it did. */
  async insert(r: NewRuleSet): Promise<boolean> {
    const result = await this.ruleSets.createQueryBuilder().insert().values(r).orIgnore().returning(['id']).execute();
    return result.raw.length === 1;
  }
}
