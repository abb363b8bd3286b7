import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { AssignmentRequestEntity, RequestStatus } from './requests.entity';

@Injectable()
export class RequestsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<AssignmentRequestEntity> {
    return this.txHost.tx.getRepository(AssignmentRequestEntity);
  }

  async insert(rows: AssignmentRequestEntity[]): Promise<void> {
    if (rows.length) await this.rows.insert(rows);
  }

  async find(id: string, lock = false): Promise<AssignmentRequestEntity | null> {
    const q = this.rows.createQueryBuilder('r').where('r.id = :id', { id });
    if (lock) q.setLock('pessimistic_write');
    return q.getOne();
  }

  /** The requests that share a provider's reference (a 317's products, or a reference used again). */
  byReference(providerAgb: string, providerReference: string): Promise<AssignmentRequestEntity[]> {
    return this.rows.find({ where: { providerAgb, providerReference }, order: { receivedOn: 'ASC' } });
  }

  /** Open requests whose answer term ends today or earlier, locked so two replicas do not both answer. */
  dueOpen(today: string, limit: number): Promise<AssignmentRequestEntity[]> {
    return this.rows
      .createQueryBuilder('r')
      .where(`r.status = 'OPEN' AND r.dueOn <= :today`, { today })
      .orderBy('r.dueOn')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async update(id: string, changes: { status?: RequestStatus; outcomeMessageId?: string; interimMessageId?: string }): Promise<void> {
    await this.rows.update({ id }, changes);
  }
}
