import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { ProviderContact, ProviderKind, ProviderView } from './providers.dto';

const COLUMNS = `agb, kvk, name, kind, contact, version, created_at AS "createdAt", updated_at AS "updatedAt"`;

@Injectable()
export class ProvidersRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Inserts a provider; undefined when the AGB code is taken. */
  async insert(p: { agb: string; kvk: string; name: string; kind: ProviderKind; contact: ProviderContact }): Promise<ProviderView | undefined> {
    const rows: ProviderView[] = await this.txHost.tx.query(
      `INSERT INTO provider (agb, kvk, name, kind, contact) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (agb) DO NOTHING RETURNING ${COLUMNS}`,
      [p.agb, p.kvk, p.name, p.kind, JSON.stringify(p.contact)],
    );
    return rows[0];
  }

  async find(agb: string, forUpdate = false): Promise<ProviderView | undefined> {
    const rows: ProviderView[] = await this.txHost.tx.query(`SELECT ${COLUMNS} FROM provider WHERE agb = $1${forUpdate ? ' FOR UPDATE' : ''}`, [agb]);
    return rows[0];
  }

  async exists(agb: string): Promise<boolean> {
    const rows = await this.txHost.tx.query('SELECT 1 FROM provider WHERE agb = $1', [agb]);
    return rows.length > 0;
  }

  /** Of these AGB codes, the ones that are not registered. */
  async unknown(agbs: string[]): Promise<string[]> {
    if (agbs.length === 0) return [];
    const rows: Array<{ agb: string }> = await this.txHost.tx.query(
      'SELECT a AS agb FROM unnest($1::text[]) a WHERE NOT EXISTS (SELECT 1 FROM provider p WHERE p.agb = a)',
      [agbs],
    );
    return rows.map((r) => r.agb);
  }

  async update(agb: string, p: { kvk: string; name: string; kind: ProviderKind; contact: ProviderContact }): Promise<ProviderView> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows]: [ProviderView[], number] = await this.txHost.tx.query(
      `UPDATE provider SET kvk = $2, name = $3, kind = $4, contact = $5, version = version + 1, updated_at = now()
        WHERE agb = $1 RETURNING ${COLUMNS}`,
      [agb, p.kvk, p.name, p.kind, JSON.stringify(p.contact)],
    );
    return rows[0];
  }

  async list(f: { kind?: ProviderKind; name?: string; onlyAgb?: string; after?: string; limit: number }): Promise<ProviderView[]> {
    return this.txHost.tx.query(
      `SELECT ${COLUMNS} FROM provider
        WHERE ($1::text IS NULL OR kind = $1) AND ($2::text IS NULL OR name ILIKE '%' || $2 || '%')
          AND ($3::text IS NULL OR agb = $3) AND ($4::text IS NULL OR agb > $4)
        ORDER BY agb LIMIT $5`,
      [f.kind ?? null, f.name ? f.name.replace(/[%_\\]/g, (c) => `\\${c}`) : null, f.onlyAgb ?? null, f.after ?? null, f.limit + 1],
    );
  }
}
