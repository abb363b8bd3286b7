import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import { ProviderKind } from './providers.dto';
import { ProviderAuditEntity, ProviderEntity } from './providers.entity';

export type NewProvider = Pick<ProviderEntity, 'agb' | 'kvk' | 'name' | 'kind' | 'contact'>;

@Injectable()
export class ProvidersRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<ProviderEntity> {
    return this.txHost.tx.getRepository(ProviderEntity);
  }

  /** Inserts a provider; false when the AGB code is taken. */
  async insert(p: NewProvider): Promise<boolean> {
    const result = await this.rows.createQueryBuilder().insert().values(p).orIgnore().returning(['agb']).execute();
    return result.raw.length === 1;
  }

  find(agb: string, forUpdate = false): Promise<ProviderEntity | null> {
    const q = this.rows.createQueryBuilder('p').where('p.agb = :agb', { agb });
    return (forUpdate ? q.setLock('pessimistic_write') : q).getOne();
  }

  exists(agb: string): Promise<boolean> {
    return this.rows.existsBy({ agb });
  }

  /** Of these AGB codes, the ones that are registered. */
  async registered(agbs: string[]): Promise<string[]> {
    if (agbs.length === 0) return [];
    return (await this.rows.find({ select: { agb: true }, where: { agb: In(agbs) } })).map((p) => p.agb);
  }

  /** Change the provider; every change raises the version. */
  async update(agb: string, p: Omit<NewProvider, 'agb'>): Promise<void> {
    await this.rows
      .createQueryBuilder()
      .update()
      .set({ ...p, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('agb = :agb', { agb })
      .execute();
  }

  /** The audit record of a registration or change, in the change's transaction. */
  async audit(row: Pick<ProviderAuditEntity, 'agb' | 'version' | 'action' | 'changedBy' | 'changedByOrg' | 'before' | 'after'>): Promise<void> {
    await this.txHost.tx.getRepository(ProviderAuditEntity).insert(row);
  }

  /** One page of a provider's audit, newest first, with one row more than asked for. */
  auditOf(agb: string, f: { before?: string; limit: number }): Promise<ProviderAuditEntity[]> {
    const q = this.txHost.tx.getRepository(ProviderAuditEntity).createQueryBuilder('a').where('a.agb = :agb', { agb });
    if (f.before !== undefined) q.andWhere('a.id < :before', { before: f.before });
    return q.orderBy('a.id', 'DESC').limit(f.limit + 1).getMany();
  }

  /** One page by AGB code, with one row more than asked for (`toPage` tells from it whether there is a next page). */
  list(f: { kind?: ProviderKind; name?: string; onlyAgb?: string; after?: string; limit: number }): Promise<ProviderEntity[]> {
    const q = this.rows.createQueryBuilder('p');
    if (f.kind !== undefined) q.andWhere('p.kind = :kind', { kind: f.kind });
    if (f.name) q.andWhere(`p.name ILIKE '%' || :name || '%'`, { name: f.name.replace(/[%_\\]/g, (c) => `\\${c}`) });
    if (f.onlyAgb !== undefined) q.andWhere('p.agb = :onlyAgb', { onlyAgb: f.onlyAgb });
    if (f.after !== undefined) q.andWhere('p.agb > :after', { after: f.after });
    return q.orderBy('p.agb').limit(f.limit + 1).getMany();
  }
}
