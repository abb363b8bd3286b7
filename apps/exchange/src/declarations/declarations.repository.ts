import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { DeclarationEntity } from './declarations.entity';

@Injectable()
export class DeclarationsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<DeclarationEntity> {
    return this.txHost.tx.getRepository(DeclarationEntity);
  }

  async insert(row: DeclarationEntity): Promise<void> {
    await this.rows.insert(row);
  }

  async find(id: string, lock = false): Promise<DeclarationEntity | null> {
    const q = this.rows.createQueryBuilder('d').where('d.id = :id', { id });
    if (lock) q.setLock('pessimistic_write');
    return q.getOne();
  }

  async answered(id: string, answerMessageId: string): Promise<void> {
    await this.rows.update({ id }, { status: 'ANSWERED', answerMessageId });
  }
}
