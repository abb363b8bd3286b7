import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { FindOptionsWhere, Repository } from 'typeorm';
import { WaitingTimeNormEntity, WaitingTimeReportEntity } from './waiting-times.entity';

@Injectable()
export class WaitingTimesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get reports(): Repository<WaitingTimeReportEntity> {
    return this.txHost.tx.getRepository(WaitingTimeReportEntity);
  }

  private get norms(): Repository<WaitingTimeNormEntity> {
    return this.txHost.tx.getRepository(WaitingTimeNormEntity);
  }

  async report(r: Omit<WaitingTimeReportEntity, 'id' | 'reportedAt'>): Promise<void> {
    await this.reports.insert(r);
  }

  /** Set (or replace) the norm of a product. */
  async setNorm(n: Omit<WaitingTimeNormEntity, 'updatedAt'>): Promise<void> {
    await this.norms
      .createQueryBuilder()
      .insert()
      .values(n)
      .orUpdate(['norm_days', 'set_by', 'updated_at'], ['category', 'code'])
      .updateEntity(false)
      .execute();
  }

  /** The norms of a category (undefined: of every category). */
  normsOf(category: string | undefined): Promise<WaitingTimeNormEntity[]> {
    return this.norms.find({ where: category === undefined ? {} : { category } });
  }

  /** The latest report per provider × product (latest measurement, then latest report), by provider, category and code. */
  latest(f: { providerAgb?: string; category?: string; code?: string }): Promise<WaitingTimeReportEntity[]> {
    const where: FindOptionsWhere<WaitingTimeReportEntity> = {};
    if (f.providerAgb !== undefined) where.providerAgb = f.providerAgb;
    if (f.category !== undefined) where.category = f.category;
    if (f.code !== undefined) where.code = f.code;
    return this.reports
      .createQueryBuilder('r')
      .where(where)
      .distinctOn(['r.providerAgb', 'r.category', 'r.code'])
      .orderBy('r.providerAgb')
      .addOrderBy('r.category')
      .addOrderBy('r.code')
      .addOrderBy('r.measuredOn', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .getMany();
  }
}
