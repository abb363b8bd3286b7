import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';

export interface CeilingKey {
  providerAgb: string;
  municipality: string;
  year: number;
}

export interface CeilingRow extends CeilingKey {
  ceilingCents: number | null;
  version: number | null;
  spendCents: number | null;
  spendSequence: number | null;
  thresholds: Array<{ thresholdPercent: number; spendCents: number; ceilingCents: number; reachedAt: string }>;
}

const SELECT = `
SELECT k.provider_agb AS "providerAgb", k.municipality, k.year, c.ceiling_cents AS "ceilingCents", c.version,
       s.spend_cents AS "spendCents", s.sequence AS "spendSequence",
       COALESCE((SELECT json_agg(json_build_object('thresholdPercent', t.threshold_percent, 'spendCents', t.spend_cents,
                   'ceilingCents', t.ceiling_cents, 'reachedAt', t.reached_at) ORDER BY t.threshold_percent)
                   FROM ceiling_threshold t
                  WHERE t.provider_agb = k.provider_agb AND t.municipality = k.municipality AND t.year = k.year), '[]') AS thresholds
  FROM (SELECT provider_agb, municipality, year FROM ceiling UNION SELECT provider_agb, municipality, year FROM spend) k
  LEFT JOIN ceiling c ON c.provider_agb = k.provider_agb AND c.municipality = k.municipality AND c.year = k.year
  LEFT JOIN spend s ON s.provider_agb = k.provider_agb AND s.municipality = k.municipality AND s.year = k.year`;

@Injectable()
export class CeilingsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Serialises spend reports and ceiling changes of one key, so no threshold crossing goes unseen. */
  async lock(k: CeilingKey): Promise<void> {
    await this.txHost.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`procurement:ceiling:${k.providerAgb}:${k.municipality}:${k.year}`]);
  }

  async find(k: CeilingKey): Promise<CeilingRow | undefined> {
    const rows: CeilingRow[] = await this.txHost.tx.query(`${SELECT} WHERE k.provider_agb = $1 AND k.municipality = $2 AND k.year = $3`, [
      k.providerAgb,
      k.municipality,
      k.year,
    ]);
    return rows[0];
  }

  async list(f: { year?: number; providerAgb?: string; municipalities?: string[] }): Promise<CeilingRow[]> {
    return this.txHost.tx.query(
      `${SELECT} WHERE ($1::int IS NULL OR k.year = $1) AND ($2::text IS NULL OR k.provider_agb = $2) AND ($3::text[] IS NULL OR k.municipality = ANY($3))
        ORDER BY k.year, k.provider_agb, k.municipality LIMIT 1000`,
      [f.year ?? null, f.providerAgb ?? null, f.municipalities ?? null],
    );
  }

  /** Returns whether the ceiling was new. */
  async upsertCeiling(k: CeilingKey, ceilingCents: number, by: string): Promise<boolean> {
    const rows: Array<{ created: boolean }> = await this.txHost.tx.query(
      `INSERT INTO ceiling (provider_agb, municipality, year, ceiling_cents, set_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (provider_agb, municipality, year)
       DO UPDATE SET ceiling_cents = EXCLUDED.ceiling_cents, set_by = EXCLUDED.set_by, version = ceiling.version + 1, updated_at = now()
       RETURNING (xmax = 0) AS created`,
      [k.providerAgb, k.municipality, k.year, ceilingCents, by],
    );
    return rows[0].created;
  }

  /** Stores a spend report if it is newer than what is stored; false for a repeat or a late one. */
  async recordSpend(k: CeilingKey, spendCents: number, sequence: number): Promise<boolean> {
    const rows = await this.txHost.tx.query(
      `INSERT INTO spend (provider_agb, municipality, year, spend_cents, sequence) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (provider_agb, municipality, year)
       DO UPDATE SET spend_cents = EXCLUDED.spend_cents, sequence = EXCLUDED.sequence, reported_at = now()
       WHERE spend.sequence < EXCLUDED.sequence
       RETURNING sequence`,
      [k.providerAgb, k.municipality, k.year, spendCents, sequence],
    );
    return rows.length > 0;
  }

  /** Records thresholds as reached; returns those that had not been (each fires once, ever). */
  async claimThresholds(k: CeilingKey, thresholds: number[], spendCents: number, ceilingCents: number): Promise<number[]> {
    if (!thresholds.length) return [];
    const rows: Array<{ threshold_percent: number }> = await this.txHost.tx.query(
      `INSERT INTO ceiling_threshold (provider_agb, municipality, year, threshold_percent, spend_cents, ceiling_cents)
       SELECT $1, $2, $3, t, $5, $6 FROM unnest($4::int[]) t
       ON CONFLICT DO NOTHING RETURNING threshold_percent`,
      [k.providerAgb, k.municipality, k.year, thresholds, spendCents, ceilingCents],
    );
    return rows.map((r) => r.threshold_percent).sort((a, b) => a - b);
  }
}
