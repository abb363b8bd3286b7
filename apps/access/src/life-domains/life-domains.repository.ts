import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { LifeDomainEntity, LifeDomainRevisionEntity } from './life-domains.entity';

@Injectable()
export class LifeDomainsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get domains(): Repository<LifeDomainEntity> {
    return this.txHost.tx.getRepository(LifeDomainEntity);
  }

  private get revisions(): Repository<LifeDomainRevisionEntity> {
    return this.txHost.tx.getRepository(LifeDomainRevisionEntity);
  }

  all(activeOnly = false): Promise<LifeDomainEntity[]> {
    return this.domains.find({ where: activeOnly ? { active: true } : {}, order: { position: 'ASC', code: 'ASC' } });
  }

  find(code: string, forUpdate = false): Promise<LifeDomainEntity | null> {
    const q = this.domains.createQueryBuilder('d').where('d.code = :code', { code });
    return (forUpdate ? q.setLock('pessimistic_write') : q).getOne();
  }

  /** The next position, for a new domain (last in the list). */
  async nextPosition(): Promise<number> {
    return ((await this.domains.maximum('position')) ?? 0) + 1;
  }

  /** Inserts a new domain, unless another request just did; returns whether it did. */
  async insert(d: Pick<LifeDomainEntity, 'code' | 'label' | 'framework' | 'position' | 'active'>): Promise<boolean> {
    const result = await this.domains.createQueryBuilder().insert().values(d).orIgnore().returning(['code']).execute();
    return result.raw.length === 1;
  }

  async update(code: string, change: Pick<LifeDomainEntity, 'label' | 'framework' | 'active'>): Promise<void> {
    await this.domains.update({ code }, { ...change, revision: () => 'revision + 1' });
  }

  async audit(row: Omit<LifeDomainRevisionEntity, 'changedAt'>): Promise<void> {
    await this.revisions.insert(row);
  }

  /** Domains whose current revision was never published, locked, skipping rows another replica holds. */
  unannounced(limit: number): Promise<LifeDomainEntity[]> {
    return this.domains
      .createQueryBuilder('d')
      .where('d.announcedRevision < d.revision')
      .orderBy('d.position')
      .addOrderBy('d.code')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async markAnnounced(code: string, revision: number): Promise<void> {
    await this.domains.update({ code }, { announcedRevision: revision });
  }
}
