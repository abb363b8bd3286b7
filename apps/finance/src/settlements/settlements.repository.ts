import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';

export interface PairTotals {
  cents: number;
  lines: number;
  clients: number;
  months: Array<{ month: string; cents: number }>;
  categories: Array<{ category: string; cents: number; clients: number }>;
  providers: Array<{ providerAgb: string; cents: number }>;
}

@Injectable()
export class SettlementsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /** Approved amounts (net of credits) paid by `payer` for care `responsible` is responsible for. */
  async between(responsible: string, payer: string, from: IsoDate, to: IsoDate): Promise<PairTotals> {
    const params = [responsible, payer, from, to];
    const where = `approved AND responsible_municipality = $1 AND payer_municipality = $2 AND period_start BETWEEN $3::date AND $4::date`;
    const [totals] = await this.tx.query(
      `SELECT coalesce(sum(approved_cents), 0)::bigint AS cents, count(*)::int AS lines, count(DISTINCT person_id)::int AS clients FROM declaration_line WHERE ${where}`,
      params,
    );
    const months = await this.tx.query(
      `SELECT to_char(date_trunc('month', period_start), 'YYYY-MM') AS month, sum(approved_cents)::bigint AS cents FROM declaration_line WHERE ${where} GROUP BY 1 ORDER BY 1`,
      params,
    );
    const categories = await this.tx.query(
      `SELECT category, sum(approved_cents)::bigint AS cents, count(DISTINCT person_id)::int AS clients FROM declaration_line WHERE ${where} GROUP BY 1 ORDER BY 1`,
      params,
    );
    const providers = await this.tx.query(
      `SELECT provider_agb, sum(approved_cents)::bigint AS cents FROM declaration_line WHERE ${where} GROUP BY 1 ORDER BY 1`,
      params,
    );
    return {
      cents: Number(totals.cents),
      lines: totals.lines as number,
      clients: totals.clients as number,
      months: months.map((m: { month: string; cents: number }) => ({ month: m.month, cents: Number(m.cents) })),
      categories: categories.map((c: { category: string; cents: number; clients: number }) => ({ category: c.category, cents: Number(c.cents), clients: c.clients })),
      providers: providers.map((p: { provider_agb: string; cents: number }) => ({ providerAgb: p.provider_agb, cents: Number(p.cents) })),
    };
  }

  /** Costs per responsible municipality and who paid them, for a period. */
  async matrix(from: IsoDate, to: IsoDate): Promise<Array<{ responsible: string; payer: string; cents: number; clients: number }>> {
    const rows = await this.tx.query(
      `SELECT responsible_municipality, payer_municipality, sum(approved_cents)::bigint AS cents, count(DISTINCT person_id)::int AS clients
         FROM declaration_line WHERE approved AND period_start BETWEEN $1::date AND $2::date
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [from, to],
    );
    return rows.map((r: { responsible_municipality: string; payer_municipality: string; cents: number; clients: number }) => ({
      responsible: r.responsible_municipality,
      payer: r.payer_municipality,
      cents: Number(r.cents),
      clients: r.clients,
    }));
  }
}
