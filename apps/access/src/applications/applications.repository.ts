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

  async insertSuspension(s: Omit<ApplicationSuspensionEntity, 'createdAt'>): Promise<void> {
    await this.suspensions.insert(s);
    await this.bump(s.applicationId);
  }

  async endSuspension(applicationId: string, suspensionId: string, end: Pick<ApplicationSuspensionEntity, 'endDate' | 'receivedOn' | 'endedBy'>): Promise<void> {
    await this.suspensions.update({ applicationId, id: suspensionId }, end);
    await this.bump(applicationId);
  }

  /**
   * Awb 4:15 lid 1 a: suspensions whose reply deadline passed unanswered end by themselves, through
   * the deadline. Returns the applications of open cases that no longer wait for anything.
   */
  async endLapsedSuspensions(today: IsoDate): Promise<string[]> {
    const rows: Array<{ application_id: string }> = await this.txHost.tx.query(
      `WITH ended AS (
         UPDATE application_suspension SET end_date = reply_deadline, ended_by = 'REPLY_DEADLINE_PASSED'
          WHERE ended_by IS NULL AND reply_deadline < $1 RETURNING application_id
       )
       SELECT DISTINCT e.application_id FROM ended e JOIN application a ON a.id = e.application_id
        WHERE a.status = 'OPEN'
          AND NOT EXISTS (SELECT 1 FROM application_suspension s WHERE s.application_id = e.application_id AND s.ended_by IS NULL AND s.reply_deadline >= $1)`,
      [today],
    );
    return rows.map((r) => r.application_id);
  }

  async extend(id: string, ext: Pick<ApplicationEntity, 'extensionNoticeOn' | 'extendedTo' | 'extensionReason'>): Promise<void> {
    await this.applications.update({ id }, { ...ext, version: () => 'version + 1' });
  }

  private async bump(id: string): Promise<void> {
    await this.applications.update({ id }, { version: () => 'version + 1' });
  }
}
