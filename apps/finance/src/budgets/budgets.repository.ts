import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { BudgetDomain, BudgetKind } from './budgets.rules';

export interface BudgetLineRecord {
  id: string;
  budgetId: string;
  position: number;
  name: string;
  amountCents: number;
  categories: string[];
  productCodes: string[];
  programme: string | null;
}

export interface BudgetRecord {
  id: string;
  municipality: string;
  year: number;
  domain: BudgetDomain;
  kind: BudgetKind;
  name: string;
  version: number;
  createdBy: string;
  createdAt: Date;
  lines: BudgetLineRecord[];
}

export interface Aggregate {
  month: IsoDate;
  category: string;
  productCode: string | null;
  cents: number;
}

interface BudgetRow {
  id: string;
  municipality: string;
  year: number;
  domain: BudgetDomain;
  kind: BudgetKind;
  name: string;
  version: number;
  created_by: string;
  created_at: Date;
}

interface LineRow {
  id: string;
  budget_id: string;
  position: number;
  name: string;
  amount_cents: number;
  categories: string[];
  product_codes: string[];
  programme: string | null;
}

const lineOf = (r: LineRow): BudgetLineRecord => ({
  id: r.id,
  budgetId: r.budget_id,
  position: r.position,
  name: r.name,
  amountCents: r.amount_cents,
  categories: r.categories,
  productCodes: r.product_codes,
  programme: r.programme,
});

@Injectable()
export class BudgetsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /** Insert a budget; false when one already exists for the municipality, year, domain and kind. */
  async insertBudget(b: Omit<BudgetRecord, 'lines' | 'createdAt' | 'version'>): Promise<boolean> {
    const rows = await this.tx.query(
      `INSERT INTO budget (id, municipality, year, domain, kind, name, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (municipality, year, domain, kind) DO NOTHING RETURNING id`,
      [b.id, b.municipality, b.year, b.domain, b.kind, b.name, b.createdBy],
    );
    return rows.length > 0;
  }

  async insertLines(lines: BudgetLineRecord[], createdBy: string): Promise<void> {
    for (const l of lines) {
      await this.tx.query(
        `INSERT INTO budget_line (id, budget_id, position, name, amount_cents, categories, product_codes, programme, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [l.id, l.budgetId, l.position, l.name, l.amountCents, l.categories, l.productCodes, l.programme, createdBy],
      );
    }
  }

  async bumpVersion(budgetId: string): Promise<number> {
    const [row] = await this.tx.query('UPDATE budget SET version = version + 1 WHERE id = $1 RETURNING version', [budgetId]);
    return row.version;
  }

  async findExisting(municipality: string, year: number, domain: string, kind: string): Promise<string | undefined> {
    const [row] = await this.tx.query('SELECT id FROM budget WHERE municipality = $1 AND year = $2 AND domain = $3 AND kind = $4', [municipality, year, domain, kind]);
    return row?.id;
  }

  async get(id: string, forUpdate = false): Promise<BudgetRecord | undefined> {
    const [row]: BudgetRow[] = await this.tx.query(`SELECT * FROM budget WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    if (!row) return undefined;
    const lines: LineRow[] = await this.tx.query('SELECT * FROM budget_line WHERE budget_id = $1 ORDER BY position', [id]);
    return this.record(row, lines);
  }

  async list(municipalities: string[] | null, year: number | undefined, after: string | undefined, limit: number): Promise<BudgetRecord[]> {
    const rows: BudgetRow[] = await this.tx.query(
      `SELECT * FROM budget
        WHERE ($1::text[] IS NULL OR municipality = ANY($1::text[])) AND ($2::int IS NULL OR year = $2)
          AND ($3::uuid IS NULL OR id > $3::uuid)
        ORDER BY id LIMIT $4`,
      [municipalities, year ?? null, after ?? null, limit],
    );
    if (!rows.length) return [];
    const lines: LineRow[] = await this.tx.query('SELECT * FROM budget_line WHERE budget_id = ANY($1::uuid[]) ORDER BY budget_id, position', [rows.map((r) => r.id)]);
    return rows.map((r) => this.record(r, lines.filter((l) => l.budget_id === r.id)));
  }

  private record(row: BudgetRow, lines: LineRow[]): BudgetRecord {
    return {
      id: row.id,
      municipality: row.municipality,
      year: row.year,
      domain: row.domain,
      kind: row.kind,
      name: row.name,
      version: row.version,
      createdBy: row.created_by,
      createdAt: row.created_at,
      lines: lines.map(lineOf),
    };
  }

  async linesIn(municipality: string, year: number): Promise<Array<BudgetLineRecord & { domain: BudgetDomain; kind: BudgetKind }>> {
    const rows: Array<LineRow & { domain: BudgetDomain; kind: BudgetKind }> = await this.tx.query(
      `SELECT l.*, b.domain, b.kind FROM budget_line l JOIN budget b ON b.id = l.budget_id
        WHERE b.municipality = $1 AND b.year = $2 ORDER BY b.domain, b.kind DESC, l.position`,
      [municipality, year],
    );
    return rows.map((r) => ({ ...lineOf(r), domain: r.domain, kind: r.kind }));
  }

  async committed(municipality: string, year: number): Promise<Aggregate[]> {
    const rows = await this.tx.query(
      `SELECT to_char(make_date($2, m, 1), 'YYYY-MM-DD') AS month, c.category, c.product_code, sum(c.months[m])::bigint AS cents
         FROM commitment c CROSS JOIN generate_series(1, 12) AS m
        WHERE c.municipality = $1 AND c.year = $2 GROUP BY m, c.category, c.product_code`,
      [municipality, year],
    );
    return rows.map((r: { month: string; category: string; product_code: string | null; cents: number }) => ({
      month: r.month,
      category: r.category,
      productCode: r.product_code,
      cents: Number(r.cents),
    }));
  }

  /** Approved declaration amounts (net of credits) by the month delivered, on the responsible municipality. */
  async realised(municipality: string, year: number): Promise<Aggregate[]> {
    const rows = await this.tx.query(
      `SELECT to_char(date_trunc('month', period_start), 'YYYY-MM-DD') AS month, category, product_code, sum(approved_cents)::bigint AS cents
         FROM declaration_line
        WHERE approved AND responsible_municipality = $1 AND period_start BETWEEN $2::date AND $3::date
        GROUP BY 1, category, product_code`,
      [municipality, `${year}-01-01`, `${year}-12-31`],
    );
    return rows.map((r: { month: string; category: string; product_code: string | null; cents: number }) => ({
      month: r.month,
      category: r.category,
      productCode: r.product_code,
      cents: Number(r.cents),
    }));
  }

  async alertsOf(lineIds: string[]): Promise<Array<{ lineId: string; threshold: number }>> {
    if (!lineIds.length) return [];
    const rows = await this.tx.query('SELECT budget_line_id, threshold FROM budget_alert WHERE budget_line_id = ANY($1::uuid[])', [lineIds]);
    return rows.map((r: { budget_line_id: string; threshold: number }) => ({ lineId: r.budget_line_id, threshold: r.threshold }));
  }

  async insertAlert(a: { lineId: string; threshold: number; percent: number; forecastCents: number; budgetCents: number }): Promise<boolean> {
    const rows = await this.tx.query(
      `INSERT INTO budget_alert (budget_line_id, threshold, percent, forecast_cents, budget_cents) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [a.lineId, a.threshold, a.percent, a.forecastCents, a.budgetCents],
    );
    return rows.length > 0;
  }

  async markDirty(municipality: string, year: number): Promise<void> {
    await this.tx.query(
      `INSERT INTO budget_dirty (municipality, year) VALUES ($1, $2) ON CONFLICT (municipality, year) DO UPDATE SET seq = budget_dirty.seq + 1`,
      [municipality, year],
    );
  }

  async tryMonitorLock(): Promise<boolean> {
    const [row] = await this.tx.query(`SELECT pg_try_advisory_xact_lock(hashtext('finance.budget-monitor')) AS ok`);
    return row.ok === true;
  }

  async dueDirty(limit: number): Promise<Array<{ municipality: string; year: number; seq: number }>> {
    return this.tx.query('SELECT municipality, year, seq FROM budget_dirty ORDER BY municipality, year LIMIT $1', [limit]);
  }

  async clearDirty(list: Array<{ municipality: string; year: number; seq: number }>): Promise<void> {
    if (!list.length) return;
    await this.tx.query(
      `DELETE FROM budget_dirty d USING unnest($1::text[], $2::int[], $3::bigint[]) AS u(municipality, year, seq)
        WHERE d.municipality = u.municipality AND d.year = u.year AND d.seq = u.seq`,
      [list.map((d) => d.municipality), list.map((d) => d.year), list.map((d) => d.seq)],
    );
  }
}
