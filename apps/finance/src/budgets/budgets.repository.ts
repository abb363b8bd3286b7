import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost, unnest } from '@vangnet/persistence';
import { mustExist } from '@vangnet/platform';
import { FindOptionsWhere, In, MoreThan, Repository } from 'typeorm';
import { BudgetAlertEntity, BudgetDirtyEntity, BudgetEntity, BudgetLineEntity } from './budgets.entity';
import { BudgetDomain, BudgetKind } from './budgets.rules';

export type NewBudget = Pick<BudgetEntity, 'id' | 'municipality' | 'year' | 'domain' | 'kind' | 'name' | 'createdBy'>;
export type NewBudgetLine = Pick<BudgetLineEntity, 'id' | 'budgetId' | 'position' | 'name' | 'amountCents' | 'categories' | 'productCodes' | 'programme'>;

/** A budget with its lines in position order. */
export interface BudgetWithLines extends BudgetEntity {
  lines: BudgetLineEntity[];
}

/** A line of a municipality's year, with its budget's domain and kind (what attribution needs). */
export type LineInYear = BudgetLineEntity & { domain: BudgetDomain; kind: BudgetKind };

export interface DirtyKey {
  municipality: string;
  year: number;
}

@Injectable()
export class BudgetsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get budgets(): Repository<BudgetEntity> {
    return this.txHost.tx.getRepository(BudgetEntity);
  }

  private get lines(): Repository<BudgetLineEntity> {
    return this.txHost.tx.getRepository(BudgetLineEntity);
  }

  private get alerts(): Repository<BudgetAlertEntity> {
    return this.txHost.tx.getRepository(BudgetAlertEntity);
  }

  private get dirty(): Repository<BudgetDirtyEntity> {
    return this.txHost.tx.getRepository(BudgetDirtyEntity);
  }

  /** Insert a budget; false when one already exists for the municipality, year, domain and kind. */
  async insertBudget(b: NewBudget): Promise<boolean> {
    const result = await this.budgets.createQueryBuilder().insert().values(b).orIgnore().returning('id').execute();
    const inserted: unknown[] = result.raw;
    return inserted.length > 0;
  }

  async insertLines(lines: NewBudgetLine[], createdBy: string): Promise<void> {
    if (lines.length) await this.lines.insert(lines.map((l) => ({ ...l, createdBy })));
  }

  async bumpVersion(budgetId: string): Promise<void> {
    await this.budgets.increment({ id: budgetId }, 'version', 1);
  }

  async findExisting(municipality: string, year: number, domain: BudgetDomain, kind: BudgetKind): Promise<string | undefined> {
    return (await this.budgets.findOne({ select: { id: true }, where: { municipality, year, domain, kind } }))?.id;
  }

  async get(id: string, forUpdate = false): Promise<BudgetWithLines | undefined> {
    const budget = await this.budgets.findOne({ where: { id }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!budget) return undefined;
    return { ...budget, lines: await this.lines.find({ where: { budgetId: id }, order: { position: 'ASC' } }) };
  }

  /** Budgets by id, a page at a time; `municipalities` undefined: every municipality. */
  async list(f: { municipalities?: string[]; year?: number; after?: string; limit: number }): Promise<BudgetWithLines[]> {
    const where: FindOptionsWhere<BudgetEntity> = {};
    if (f.municipalities) where.municipality = In(f.municipalities);
    if (f.year !== undefined) where.year = f.year;
    if (f.after !== undefined) where.id = MoreThan(f.after);
    const budgets = await this.budgets.find({ where, order: { id: 'ASC' }, take: f.limit });
    if (!budgets.length) return [];
    const lines = await this.lines.find({ where: { budgetId: In(budgets.map((b) => b.id)) }, order: { budgetId: 'ASC', position: 'ASC' } });
    return budgets.map((b) => ({ ...b, lines: lines.filter((l) => l.budgetId === b.id) }));
  }

  /** Every line of a municipality's year: domain, structural before incidental, position. */
  async linesIn(municipality: string, year: number): Promise<LineInYear[]> {
    const rows = await this.lines
      .createQueryBuilder('l')
      .innerJoinAndSelect('l.budget', 'b')
      .where('b.municipality = :municipality AND b.year = :year', { municipality, year })
      .orderBy('b.domain')
      .addOrderBy('b.kind', 'DESC')
      .addOrderBy('l.position')
      .getMany();
    return rows.map(({ budget, ...l }) => {
      const b = mustExist(budget, 'the line\'s budget');
      return { ...l, domain: b.domain, kind: b.kind };
    });
  }

  async alertsOf(lineIds: string[]): Promise<BudgetAlertEntity[]> {
    if (!lineIds.length) return [];
    return this.alerts.find({ where: { budgetLineId: In(lineIds) } });
  }

  /** Record an alert; false when that threshold of that line was alerted before. */
  async insertAlert(a: Pick<BudgetAlertEntity, 'budgetLineId' | 'threshold' | 'percent' | 'forecastCents' | 'budgetCents'>): Promise<boolean> {
    const result = await this.alerts.createQueryBuilder().insert().values(a).orIgnore().returning('threshold').execute();
    const inserted: unknown[] = result.raw;
    return inserted.length > 0;
  }

  /** Mark municipality-years as changed: one statement, `seq` raised for a mark that is there (ADR 0007). */
  async markDirty(keys: DirtyKey[]): Promise<void> {
    const uniq = [...new Map(keys.map((k) => [`${k.municipality}|${k.year}`, k])).values()].sort((a, b) =>
      a.municipality === b.municipality ? a.year - b.year : a.municipality < b.municipality ? -1 : 1,
    );
    if (!uniq.length) return;
    const u = unnest(uniq, { municipality: ['text', (k) => k.municipality], year: ['int', (k) => k.year] });
    await this.txHost.tx.query(`INSERT INTO budget_dirty (${u.columns}) SELECT ${u.columns} FROM ${u.from} ON CONFLICT (municipality, year) DO UPDATE SET seq = budget_dirty.seq + 1`, u.params);
  }

  /** One monitor at a time across replicas, for this transaction; false when another one is at work. */
  async tryMonitorLock(): Promise<boolean> {
    const [row]: Array<{ ok: boolean }> = await this.txHost.tx.query(`SELECT pg_try_advisory_xact_lock(hashtext('finance.budget-monitor')) AS ok`);
    return row.ok === true;
  }

  dueDirty(limit: number): Promise<BudgetDirtyEntity[]> {
    return this.dirty.find({ order: { municipality: 'ASC', year: 'ASC' }, take: limit });
  }

  /** Done: drop the marks that were not renewed while the monitor worked. */
  async clearDirty(list: BudgetDirtyEntity[]): Promise<void> {
    if (!list.length) return;
    const u = unnest(list, { municipality: ['text', (d) => d.municipality], year: ['int', (d) => d.year], seq: ['bigint', (d) => d.seq] });
    await this.txHost.tx.query(`DELETE FROM budget_dirty d USING ${u.from} WHERE d.municipality = u.municipality AND d.year = u.year AND d.seq = u.seq`, u.params);
  }
}
