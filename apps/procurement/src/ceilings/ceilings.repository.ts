import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { FindOptionsWhere, In, Repository } from 'typeorm';
import { CeilingEntity, CeilingThresholdEntity, SpendEntity } from './ceilings.entity';

export interface CeilingKey {
  providerAgb: string;
  municipality: string;
  year: number;
}

/** What is known of one key: its ceiling, finance's latest spend, and the thresholds reached (either of the first two may be missing). */
export interface CeilingRow extends CeilingKey {
  ceiling: CeilingEntity | null;
  spend: SpendEntity | null;
  /** By threshold. */
  thresholds: CeilingThresholdEntity[];
}

export interface CeilingFilter {
  year?: number;
  providerAgb?: string;
  municipalities?: string[];
}

const LIST_LIMIT = 1000;

@Injectable()
export class CeilingsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get ceilings(): Repository<CeilingEntity> {
    return this.txHost.tx.getRepository(CeilingEntity);
  }

  private get spends(): Repository<SpendEntity> {
    return this.txHost.tx.getRepository(SpendEntity);
  }

  private get thresholds(): Repository<CeilingThresholdEntity> {
    return this.txHost.tx.getRepository(CeilingThresholdEntity);
  }

  /** Serialises spend reports and ceiling changes of one key, so no threshold crossing goes unseen. */
  async lock(k: CeilingKey): Promise<void> {
    await this.txHost.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`procurement:ceiling:${k.providerAgb}:${k.municipality}:${k.year}`]);
  }

  /** The key's ceiling, spend and thresholds; undefined when it has neither a ceiling nor spend. */
  async find(k: CeilingKey): Promise<CeilingRow | undefined> {
    const key = { providerAgb: k.providerAgb, municipality: k.municipality, year: k.year };
    // One after the other: inside a transaction they share one connection.
    const ceiling = await this.ceilings.findOneBy(key);
    const spend = await this.spends.findOneBy(key);
    const thresholds = await this.thresholds.find({ where: key, order: { thresholdPercent: 'ASC' } });
    return ceiling || spend ? { ...key, ceiling, spend, thresholds } : undefined;
  }

  /** Every key with a ceiling or spend, by year, provider and municipality; at most 1,000. */
  async list(f: CeilingFilter): Promise<CeilingRow[]> {
    const where: FindOptionsWhere<CeilingKey> = {};
    if (f.year !== undefined) where.year = f.year;
    if (f.providerAgb !== undefined) where.providerAgb = f.providerAgb;
    if (f.municipalities !== undefined) where.municipality = In(f.municipalities);
    const ceilings = await this.ceilings.find({ where });
    const spends = await this.spends.find({ where });
    const thresholds = await this.thresholds.find({ where, order: { thresholdPercent: 'ASC' } });
    const rows = new Map<string, CeilingRow>();
    const row = (k: CeilingKey) => {
      const id = keyOf(k);
      let r = rows.get(id);
      if (!r) rows.set(id, (r = { providerAgb: k.providerAgb, municipality: k.municipality, year: k.year, ceiling: null, spend: null, thresholds: [] }));
      return r;
    };
    for (const c of ceilings) row(c).ceiling = c;
    for (const s of spends) row(s).spend = s;
    const list = [...rows.values()].sort((a, b) => a.year - b.year || cmp(a.providerAgb, b.providerAgb) || cmp(a.municipality, b.municipality)).slice(0, LIST_LIMIT);
    for (const t of thresholds) rows.get(keyOf(t))?.thresholds.push(t);
    return list;
  }

  async insertCeiling(c: Omit<CeilingEntity, 'version' | 'updatedAt'>): Promise<void> {
    await this.ceilings.insert(c);
  }

  /** Replace the ceiling; every change raises its version. */
  async updateCeiling(k: CeilingKey, ceilingCents: number, setBy: string): Promise<void> {
    await this.ceilings
      .createQueryBuilder()
      .update()
      .set({ ceilingCents, setBy, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where({ providerAgb: k.providerAgb, municipality: k.municipality, year: k.year })
      .execute();
  }

  /** Store the key's spend (insert or replace), reported now. */
  async saveSpend(k: CeilingKey, spendCents: number, sequence: number): Promise<void> {
    await this.spends
      .createQueryBuilder()
      .insert()
      .values({ providerAgb: k.providerAgb, municipality: k.municipality, year: k.year, spendCents, sequence })
      .orUpdate(['spend_cents', 'sequence', 'reported_at'], ['provider_agb', 'municipality', 'year'])
      .updateEntity(false)
      .execute();
  }

  async insertThresholds(k: CeilingKey, thresholds: number[], spendCents: number, ceilingCents: number): Promise<void> {
    if (!thresholds.length) return;
    await this.thresholds
      .createQueryBuilder()
      .insert()
      .values(thresholds.map((thresholdPercent) => ({ providerAgb: k.providerAgb, municipality: k.municipality, year: k.year, thresholdPercent, spendCents, ceilingCents })))
      .updateEntity(false)
      .execute();
  }
}

const keyOf = (k: CeilingKey) => `${k.providerAgb}/${k.municipality}/${k.year}`;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
