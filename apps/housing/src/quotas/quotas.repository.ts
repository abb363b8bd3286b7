import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { QuotaEntity } from './quotas.entity';

export interface QuotaKey {
  corporation: string;
  municipality: string;
  year: number;
}

@Injectable()
export class QuotasRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<QuotaEntity> {
    return this.txHost.tx.getRepository(QuotaEntity);
  }

  async find(k: QuotaKey, lock = false): Promise<QuotaEntity | undefined> {
    const q = this.rows.createQueryBuilder('q').where('q.corporation = :c AND q.municipality = :m AND q.year = :y', { c: k.corporation, m: k.municipality, y: k.year });
    if (lock) q.setLock('pessimistic_write');
    return (await q.getOne()) ?? undefined;
  }

  async insert(row: Omit<QuotaEntity, 'used' | 'version' | 'updatedAt'>): Promise<void> {
    await this.rows.insert(row);
  }

  async setHomes(k: QuotaKey, homes: number, by: string): Promise<void> {
    await this.rows.createQueryBuilder().update().set({ homes, updatedBy: by, updatedAt: () => 'now()', version: () => 'version + 1' }).where('corporation = :c AND municipality = :m AND year = :y', { c: k.corporation, m: k.municipality, y: k.year }).execute();
  }

  /** One home more in use; false when none is left (the row update is atomic). */
  async consume(k: QuotaKey): Promise<boolean> {
    const r = await this.rows
      .createQueryBuilder()
      .update()
      .set({ used: () => 'used + 1', version: () => 'version + 1' })
      .where('corporation = :c AND municipality = :m AND year = :y AND used < homes', { c: k.corporation, m: k.municipality, y: k.year })
      .execute();
    return (r.affected ?? 0) > 0;
  }

  async release(k: QuotaKey): Promise<void> {
    await this.rows
      .createQueryBuilder()
      .update()
      .set({ used: () => 'used - 1', version: () => 'version + 1' })
      .where('corporation = :c AND municipality = :m AND year = :y AND used > 0', { c: k.corporation, m: k.municipality, y: k.year })
      .execute();
  }

  list(f: { municipalities?: string[]; corporation?: string; year?: number; after?: QuotaKey; limit: number }): Promise<QuotaEntity[]> {
    const q = this.rows.createQueryBuilder('q');
    if (f.municipalities) q.andWhere('q.municipality = ANY(:m)', { m: f.municipalities });
    if (f.corporation) q.andWhere('q.corporation = :c', { c: f.corporation });
    if (f.year) q.andWhere('q.year = :y', { y: f.year });
    if (f.after) q.andWhere('(q.year, q.corporation, q.municipality) > (:ay, :ac, :am)', { ay: f.after.year, ac: f.after.corporation, am: f.after.municipality });
    return q.orderBy('q.year').addOrderBy('q.corporation').addOrderBy('q.municipality').limit(f.limit).getMany();
  }
}
