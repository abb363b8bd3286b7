import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { ResidentPartEntity } from './crisis-card.entity';

@Injectable()
export class CrisisCardRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<ResidentPartEntity> {
    return this.txHost.tx.getRepository(ResidentPartEntity);
  }

  async find(planId: string, personId: string): Promise<ResidentPartEntity | undefined> {
    return (await this.rows.findOneBy({ planId, personId })) ?? undefined;
  }

  ofPlan(planId: string): Promise<ResidentPartEntity[]> {
    return this.rows.find({ where: { planId }, order: { personId: 'ASC' } });
  }

  async save(row: ResidentPartEntity): Promise<void> {
    await this.rows.upsert(row, ['planId', 'personId']);
  }
}
