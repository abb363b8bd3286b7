import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { FundPart, KeyWeight } from './funds.rules';

export interface FundRecord {
  id: string;
  ownerMunicipality: string;
  name: string;
  year: number;
  domain: string | null;
  totalCents: number;
  createdBy: string;
  createdAt: Date;
}

export interface KeyRecord {
  fundId: string;
  version: number;
  keyHash: string;
  weights: KeyWeight[];
  basis: string | null;
  totalCents: number;
  parts: FundPart[];
  createdBy: string;
  createdAt: Date;
}

interface FundRow {
  id: string;
  owner_municipality: string;
  name: string;
  year: number;
  domain: string | null;
  total_cents: number;
  created_by: string;
  created_at: Date;
}

interface KeyRow {
  fund_id: string;
  version: number;
  key_hash: string;
  weights: KeyWeight[];
  basis: string | null;
  total_cents: number;
  parts: FundPart[];
  created_by: string;
  created_at: Date;
}

const fundOf = (r: FundRow): FundRecord => ({
  id: r.id,
  ownerMunicipality: r.owner_municipality,
  name: r.name,
  year: r.year,
  domain: r.domain,
  totalCents: r.total_cents,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

const keyOf = (r: KeyRow): KeyRecord => ({
  fundId: r.fund_id,
  version: r.version,
  keyHash: r.key_hash,
  weights: r.weights,
  basis: r.basis,
  totalCents: r.total_cents,
  parts: r.parts,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

@Injectable()
export class FundsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async insert(f: Omit<FundRecord, 'createdAt'>): Promise<void> {
    await this.tx.query(
      'INSERT INTO fund (id, owner_municipality, name, year, domain, total_cents, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [f.id, f.ownerMunicipality, f.name, f.year, f.domain, f.totalCents, f.createdBy],
    );
  }

  async get(id: string, forUpdate = false): Promise<FundRecord | undefined> {
    const [row] = await this.tx.query(`SELECT * FROM fund WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return row ? fundOf(row) : undefined;
  }

  async list(owners: string[] | null): Promise<FundRecord[]> {
    const rows: FundRow[] = await this.tx.query(
      'SELECT * FROM fund WHERE $1::text[] IS NULL OR owner_municipality = ANY($1::text[]) ORDER BY year DESC, name, id LIMIT 500',
      [owners],
    );
    return rows.map(fundOf);
  }

  async keys(fundId: string): Promise<KeyRecord[]> {
    const rows: KeyRow[] = await this.tx.query('SELECT * FROM fund_key WHERE fund_id = $1 ORDER BY version', [fundId]);
    return rows.map(keyOf);
  }

  async insertKey(k: Omit<KeyRecord, 'createdAt'>): Promise<void> {
    await this.tx.query(
      `INSERT INTO fund_key (fund_id, version, key_hash, weights, basis, total_cents, parts, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [k.fundId, k.version, k.keyHash, JSON.stringify(k.weights), k.basis, k.totalCents, JSON.stringify(k.parts), k.createdBy],
    );
  }
}
