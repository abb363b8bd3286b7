import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import { InvestigationEntity, LifeDomainScoreEntity, OutreachTaskEntity, RegistrationEntity } from './registrations.entity';

export type NewRegistration = Omit<RegistrationEntity, 'status' | 'version' | 'createdAt'>;
export type NewInvestigation = Omit<InvestigationEntity, 'createdAt'>;

@Injectable()
export class RegistrationsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get registrations(): Repository<RegistrationEntity> {
    return this.txHost.tx.getRepository(RegistrationEntity);
  }

  private get outreach(): Repository<OutreachTaskEntity> {
    return this.txHost.tx.getRepository(OutreachTaskEntity);
  }

  private get investigations(): Repository<InvestigationEntity> {
    return this.txHost.tx.getRepository(InvestigationEntity);
  }

  private get scores(): Repository<LifeDomainScoreEntity> {
    return this.txHost.tx.getRepository(LifeDomainScoreEntity);
  }

  async insert(r: NewRegistration): Promise<void> {
    await this.registrations.insert(r);
  }

  async insertOutreachTask(id: string, registrationId: string, municipality: string, createdOn: IsoDate, firstContactDue: IsoDate): Promise<void> {
    await this.outreach.insert({ id, registrationId, municipality, createdOn, firstContactDue });
  }

  find(id: string, forUpdate = false): Promise<RegistrationEntity | null> {
    const q = this.registrations.createQueryBuilder('r').where('r.id = :id', { id });
    return (forUpdate ? q.setLock('pessimistic_write') : q).getOne();
  }

  findByPerson(personId: string, municipalities: string[]): Promise<RegistrationEntity[]> {
    return this.registrations.find({
      where: { personId, receivingMunicipality: In(municipalities) },
      order: { receivedAt: 'DESC', id: 'ASC' },
      take: 200,
    });
  }

  outreachTaskOf(registrationId: string): Promise<OutreachTaskEntity | null> {
    return this.outreach.findOneBy({ registrationId });
  }

  async linkPerson(id: string, personId: string): Promise<void> {
    await this.registrations.update({ id }, { personId, version: () => 'version + 1' });
  }

  async setStatus(id: string, status: string): Promise<void> {
    await this.registrations.update({ id }, { status, version: () => 'version + 1' });
  }

  /** Inserts the investigation with its scores unless the registration has one; returns whether it did. */
  async insertInvestigation(i: NewInvestigation, scores: Array<{ domain: string; score: number }>): Promise<boolean> {
    const result = await this.investigations.createQueryBuilder().insert().values(i).orIgnore().returning(['id']).execute();
    if (result.raw.length !== 1) return false;
    if (scores.length) await this.scores.insert(scores.map((s) => ({ investigationId: i.id, domain: s.domain, score: s.score })));
    return true;
  }

  findInvestigation(registrationId: string): Promise<InvestigationEntity | null> {
    return this.investigations.findOneBy({ registrationId });
  }

  scoresOf(investigationId: string): Promise<LifeDomainScoreEntity[]> {
    return this.scores.findBy({ investigationId });
  }
}
