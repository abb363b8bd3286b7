import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { AssignmentEntity } from './assignments.entity';

@Injectable()
export class AssignmentsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<AssignmentEntity> {
    return this.txHost.tx.getRepository(AssignmentEntity);
  }

  async find(lineageId: string, lock = false): Promise<AssignmentEntity | null> {
    const q = this.rows.createQueryBuilder('a').where('a.lineageId = :lineageId', { lineageId });
    if (lock) q.setLock('pessimistic_write');
    return q.getOne();
  }

  async save(row: AssignmentEntity): Promise<void> {
    await this.rows.save(row);
  }

  /** A client's assignments with one provider from one paying municipality. */
  ofClient(personId: string, providerAgb: string, responsibleMunicipality: string): Promise<AssignmentEntity[]> {
    return this.rows.find({ where: { personId, providerAgb, responsibleMunicipality }, order: { assignmentNumber: 'ASC' } });
  }

  /** Assignments by number of one paying municipality (the numbers a message names). */
  byNumbers(responsibleMunicipality: string, numbers: number[]): Promise<AssignmentEntity[]> {
    if (!numbers.length) return Promise.resolve([]);
    return this.rows.createQueryBuilder('a').where('a.responsibleMunicipality = :m AND a.assignmentNumber = ANY(:numbers)', { m: responsibleMunicipality, numbers }).getMany();
  }
}
