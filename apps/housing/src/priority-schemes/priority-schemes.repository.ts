import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { PrioritySchemeEntity } from './priority-schemes.entity';

@Injectable()
export class PrioritySchemesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<PrioritySchemeEntity> {
    return this.txHost.tx.getRepository(PrioritySchemeEntity);
  }

  /** One writer of versions at a time (the transaction's own lock, released at commit). */
  async lockVersions(): Promise<void> {
    await this.txHost.tx.query(`SELECT pg_advisory_xact_lock(hashtext('housing:priority-scheme'))`);
  }

  async nextVersion(): Promise<number> {
    const row = await this.rows.createQueryBuilder('s').select('COALESCE(MAX(s.version), 0) + 1', 'next').getRawOne<{ next: number }>();
    return Number(row?.next ?? 1);
  }

  async insert(row: Omit<PrioritySchemeEntity, 'createdAt' | 'activatedBy' | 'activatedAt' | 'activeFrom' | 'status'>): Promise<void> {
    await this.rows.insert({ ...row, status: 'DRAFT', activeFrom: null });
  }

  async find(id: string, lock = false): Promise<PrioritySchemeEntity | undefined> {
    const q = this.rows.createQueryBuilder('s').where('s.id = :id', { id });
    if (lock) q.setLock('pessimistic_write');
    return (await q.getOne()) ?? undefined;
  }

  async activeFrom(date: string): Promise<PrioritySchemeEntity | undefined> {
    return (await this.rows.findOneBy({ status: 'ACTIVE', activeFrom: date })) ?? undefined;
  }

  async activate(id: string, activeFrom: string, by: string): Promise<void> {
    await this.rows.update({ id }, { status: 'ACTIVE', activeFrom, activatedBy: by, activatedAt: new Date() });
  }

  /** Every active scheme (a handful: one per policy change). */
  active(): Promise<PrioritySchemeEntity[]> {
    return this.rows.find({ where: { status: 'ACTIVE' }, order: { activeFrom: 'ASC' } });
  }

  list(f: { beforeVersion?: number; limit: number }): Promise<PrioritySchemeEntity[]> {
    const q = this.rows.createQueryBuilder('s');
    if (f.beforeVersion !== undefined) q.where('s.version < :v', { v: f.beforeVersion });
    return q.orderBy('s.version', 'DESC').limit(f.limit).getMany();
  }
}
