import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { ObjectionOutcome } from './objections.dto';
import { ObjectionEntity } from './objections.entity';

export type NewObjection = Omit<ObjectionEntity, 'status' | 'outcome' | 'decidedAt' | 'version' | 'createdAt'>;

@Injectable()
export class ObjectionsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get objections(): Repository<ObjectionEntity> {
    return this.txHost.tx.getRepository(ObjectionEntity);
  }

  async insert(o: NewObjection): Promise<void> {
    await this.objections.insert(o);
  }

  find(id: string, forUpdate = false): Promise<ObjectionEntity | null> {
    const q = this.objections.createQueryBuilder('o').where('o.id = :id', { id });
    return (forUpdate ? q.setLock('pessimistic_write') : q).getOne();
  }

  forDecision(decisionId: string): Promise<ObjectionEntity[]> {
    return this.objections.find({ where: { decisionId }, order: { receivedAt: 'ASC', id: 'ASC' } });
  }

  async decide(id: string, outcome: ObjectionOutcome, decidedAt: IsoDate): Promise<void> {
    await this.objections.update({ id }, { status: 'DECIDED', outcome, decidedAt, version: () => 'version + 1' });
  }
}
