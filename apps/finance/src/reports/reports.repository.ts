import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';

@Injectable()
export class ReportsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async costPerClient(municipality: string, year: number): Promise<Array<{ category: string; cents: number; clients: number }>> {
    const rows = await this.txHost.tx.query(
      `SELECT category, sum(approved_cents)::bigint AS cents, count(DISTINCT person_id)::int AS clients
         FROM declaration_line WHERE approved AND responsible_municipality = $1 AND period_start BETWEEN $2::date AND $3::date
        GROUP BY category ORDER BY category`,
      [municipality, `${year}-01-01`, `${year}-12-31`],
    );
    return rows.map((r: { category: string; cents: number; clients: number }) => ({ category: r.category, cents: Number(r.cents), clients: r.clients }));
  }

  async clients(municipality: string, year: number): Promise<{ cents: number; clients: number }> {
    const [r] = await this.txHost.tx.query(
      `SELECT coalesce(sum(approved_cents), 0)::bigint AS cents, count(DISTINCT person_id)::int AS clients
         FROM declaration_line WHERE approved AND responsible_municipality = $1 AND period_start BETWEEN $2::date AND $3::date`,
      [municipality, `${year}-01-01`, `${year}-12-31`],
    );
    return { cents: Number(r.cents), clients: r.clients };
  }

  async spend(f: { providerAgb?: string; municipalities: string[] | null; year?: number }): Promise<Array<{ providerAgb: string; municipality: string; year: number; spendCents: number; sequence: number }>> {
    const rows = await this.txHost.tx.query(
      `SELECT provider_agb, municipality, year, spend_cents, sequence FROM spend
        WHERE ($1::text IS NULL OR provider_agb = $1) AND ($2::text[] IS NULL OR municipality = ANY($2::text[])) AND ($3::int IS NULL OR year = $3)
        ORDER BY year, municipality, provider_agb LIMIT 1000`,
      [f.providerAgb ?? null, f.municipalities, f.year ?? null],
    );
    return rows.map((r: { provider_agb: string; municipality: string; year: number; spend_cents: number; sequence: number }) => ({
      providerAgb: r.provider_agb,
      municipality: r.municipality,
      year: r.year,
      spendCents: Number(r.spend_cents),
      sequence: r.sequence,
    }));
  }
}
