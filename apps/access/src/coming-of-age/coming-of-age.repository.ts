import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import { ComingOfAgeEntity } from './coming-of-age.entity';

@Injectable()
export class ComingOfAgeRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get notices(): Repository<ComingOfAgeEntity> {
    return this.txHost.tx.getRepository(ComingOfAgeEntity);
  }

  async announced(personIds: string[]): Promise<Set<string>> {
    if (!personIds.length) return new Set();
    return new Set((await this.notices.find({ select: { personId: true }, where: { personId: In(personIds) } })).map((n) => n.personId));
  }

  /** Records the notice unless another run did; returns whether this one did. */
  async insert(n: ComingOfAgeEntity): Promise<boolean> {
    const result = await this.notices.createQueryBuilder().insert().values(n).orIgnore().returning(['personId']).execute();
    return result.raw.length === 1;
  }
}
