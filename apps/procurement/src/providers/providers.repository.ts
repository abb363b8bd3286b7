import { Injectable } from '@nestjs/common';
import { prepared, TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import { ProviderKind } from './providers.dto';
import { ProviderAuditEntity, ProviderEntity } from './providers.entity';

export type NewProvider = Pick<ProviderEntity, 'agb' | 'kvk' | 'name' | 'kind' | 'contact'>;

/** What a page of the register filters on. */
export interface ProviderPageFilter {
  kind?: ProviderKind;
  /** Part of the name, case-insensitive (`%`, `_` and `\` match themselves). */
  name?: string;
  /** A provider's own token reads only itself. */
  onlyAgb?: string;
  /** The cursor: the last AGB code of the previous page. */
  after?: string;
  limit: number;
}

/** A row of a page of the register: the provider's columns under its entity's property names. */
export type ProviderPageRow = Pick<ProviderEntity, 'agb' | 'kvk' | 'name' | 'kind' | 'contact' | 'version' | 'createdAt' | 'updatedAt'>;

const PAGE_CONDITIONS: ReadonlyArray<[keyof ProviderPageFilter, (n: number) => string]> = [
  ['kind', (n) => `p.kind = $${n}`],
  ['name', (n) => `p.name ILIKE '%' || $${n} || '%'`],
  ['onlyAgb', (n) => `p.agb = $${n}`],
  ['after', (n) => `p.agb > $${n}`],
];

/**
 * One page of the register by AGB code, with one row more than asked for: a named (prepared)
 * statement per combination of the filters given, so each is parsed and planned once per
 * connection and every one of them can use the primary key for the order, the cursor and a
 * provider's own row. The list read is the front door's bench route (issue 21, ADR 0062); the
 * bench's floor runs this same statement through `pg`.
 */
export function providerPageQuery(f: ProviderPageFilter): { name: string; text: string; values: unknown[] } {
  const values: unknown[] = [f.limit + 1];
  const where: string[] = [];
  let mask = 0;
  PAGE_CONDITIONS.forEach(([key, condition], bit) => {
    let value = f[key];
    if (value === undefined || value === '') return;
    if (key === 'name') value = String(value).replace(/[%_\\]/g, (c) => `\\${c}`);
    values.push(value);
    where.push(condition(values.length));
    mask |= 1 << bit;
  });
  const text =
    'SELECT p.agb, p.kvk, p.name, p.kind, p.contact, p.version, p.created_at AS "createdAt", p.updated_at AS "updatedAt" FROM provider p' +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    ' ORDER BY p.agb LIMIT $1';
  return { name: `procurement_provider_page_${mask}`, text, values };
}

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

  /** The names of these providers, by AGB code (the unregistered ones left out). */
  async names(agbs: string[]): Promise<Map<string, string>> {
    if (agbs.length === 0) return new Map();
    return new Map((await this.rows.find({ select: { agb: true, name: true }, where: { agb: In(agbs) } })).map((p) => [p.agb, p.name]));
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
  async list(f: ProviderPageFilter): Promise<ProviderPageRow[]> {
    const q = providerPageQuery(f);
    const rows: ProviderPageRow[] = await this.txHost.tx.query(prepared(q.name, q.text), q.values);
    return rows;
  }
}
