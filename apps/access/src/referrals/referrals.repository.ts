import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import { ReferralStatus } from './referrals.dto';
import { ReferralEntity, ReferralStatusEntity } from './referrals.entity';

export type NewReferral = Omit<ReferralEntity, 'statusAt' | 'createdBySub' | 'version'>;

@Injectable()
export class ReferralsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get referrals(): Repository<ReferralEntity> {
    return this.txHost.tx.getRepository(ReferralEntity);
  }

  private get statuses(): Repository<ReferralStatusEntity> {
    return this.txHost.tx.getRepository(ReferralStatusEntity);
  }

  async insert(r: NewReferral, bySub: string): Promise<void> {
    await this.referrals.insert({ ...r, statusAt: r.at, createdBySub: bySub });
    await this.addStatus(r.id, r.status, r.at, r.note, bySub);
  }

  async addStatus(referralId: string, status: ReferralStatus, at: Date, note: string | null, bySub: string): Promise<void> {
    await this.statuses.insert({ referralId, status, at, note, bySub });
  }

  async setStatus(id: string, status: ReferralStatus, statusAt: Date): Promise<void> {
    await this.referrals.update({ id }, { status, statusAt, version: () => 'version + 1' });
  }

  find(id: string, forUpdate = false): Promise<ReferralEntity | null> {
    const q = this.referrals.createQueryBuilder('r').where('r.id = :id', { id });
    return (forUpdate ? q.setLock('pessimistic_write') : q).getOne();
  }

  forRegistration(registrationId: string): Promise<ReferralEntity[]> {
    return this.referrals.find({ where: { registrationId }, order: { at: 'ASC', id: 'ASC' } });
  }

  /** The status histories of these referrals, in order. */
  historyOf(referralIds: string[]): Promise<ReferralStatusEntity[]> {
    if (!referralIds.length) return Promise.resolve([]);
    return this.statuses.find({ where: { referralId: In(referralIds) }, order: { seq: 'ASC' } });
  }
}
