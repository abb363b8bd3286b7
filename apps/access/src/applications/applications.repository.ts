import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import { ApplicationEntity, ApplicationSuspensionEntity } from './applications.entity';

export type NewApplication = Omit<ApplicationEntity, 'status' | 'decisionId' | 'version' | 'createdAt'>;

@Injectable()
export class ApplicationsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get applications(): Repository<ApplicationEntity> {
    return this.txHost.tx.getRepository(ApplicationEntity);
  }

  private get suspensions(): Repository<ApplicationSuspensionEntity> {
    return this.txHost.tx.getRepository(ApplicationSuspensionEntity);
  }

  async insert(a: NewApplication): Promise<void> {
    await this.applications.insert(a);
  }

  find(id: string, forUpdate = false): Promise<ApplicationEntity | null> {
    const q = this.applications.createQueryBuilder('a').where('a.id = :id', { id });
    return (forUpdate ? q.setLock('pessimistic_write') : q).getOne();
  }

  findByPerson(personId: string, municipalities: string[]): Promise<ApplicationEntity[]> {
    return this.applications.find({ where: { personId, municipality: In(municipalities) }, order: { receivedAt: 'DESC', id: 'ASC' }, take: 200 });
  }

  /** The suspensions of these applications, in order. */
  suspensionsOf(applicationIds: string[]): Promise<ApplicationSuspensionEntity[]> {
    if (!applicationIds.length) return Promise.resolve([]);
    return this.suspensions.find({ where: { applicationId: In(applicationIds) }, order: { startDate: 'ASC', createdAt: 'ASC' } });
  }

  async insertSuspension(s: Pick<ApplicationSuspensionEntity, 'id' | 'applicationId' | 'startDate' | 'endDate' | 'reason'>): Promise<void> {
    await this.suspensions.insert(s);
    await this.bump(s.applicationId);
  }

  async endSuspension(applicationId: string, suspensionId: string, endDate: IsoDate): Promise<void> {
    await this.suspensions.update({ applicationId, id: suspensionId }, { endDate });
    await this.bump(applicationId);
  }

  private async bump(id: string): Promise<void> {
    await this.applications.update({ id }, { version: () => 'version + 1' });
  }
}
