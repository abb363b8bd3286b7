import { Injectable } from '@nestjs/common';
import { Unit } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { TariffRow } from './tariff-book';

export interface PublishedTariff extends TariffRow {
  validFrom: string | null;
  validTo: string | null;
  crisis: boolean;
  eventTime: string | null;
}

interface Row {
  contract_id: string;
  provider_agb: string;
  municipalities: string[];
  category: string;
  code: string;
  year: number;
  unit: Unit;
  variant: string;
  tariff_cents: number;
  source: 'EVENT' | 'RPC';
}

@Injectable()
export class TariffsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Store a tariff unless a later publication for the same product and year is already in (returns whether it changed anything). */
  async upsert(t: PublishedTariff): Promise<boolean> {
    const rows = await this.txHost.tx.query(
      `INSERT INTO tariff (contract_id, category, code, year, provider_agb, municipalities, unit, variant, tariff_cents, valid_from, valid_to, crisis, source, event_time)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (contract_id, category, code, year) DO UPDATE SET
         provider_agb = EXCLUDED.provider_agb,
         municipalities = CASE WHEN EXCLUDED.source = 'RPC'
           THEN ARRAY(SELECT DISTINCT unnest(tariff.municipalities || EXCLUDED.municipalities) ORDER BY 1)
           ELSE EXCLUDED.municipalities END,
         unit = EXCLUDED.unit,
         variant = EXCLUDED.variant, tariff_cents = EXCLUDED.tariff_cents, valid_from = EXCLUDED.valid_from,
         valid_to = EXCLUDED.valid_to, crisis = EXCLUDED.crisis, source = EXCLUDED.source,
         event_time = EXCLUDED.event_time, updated_at = now()
       WHERE EXCLUDED.source = 'EVENT' AND (tariff.event_time IS NULL OR tariff.event_time <= EXCLUDED.event_time)
          OR EXCLUDED.source = 'RPC' AND tariff.source = 'RPC'
       RETURNING 1`,
      [
        t.contractId,
        t.category,
        t.code,
        t.year,
        t.providerAgb,
        t.municipalities,
        t.unit,
        t.variant,
        t.tariffCents,
        t.validFrom,
        t.validTo,
        t.crisis,
        t.source,
        t.eventTime,
      ],
    );
    return rows.length > 0;
  }

  async forProviders(providerAgbs: string[]): Promise<TariffRow[]> {
    if (providerAgbs.length === 0) return [];
    const rows: Row[] = await this.txHost.tx.query(
      `SELECT contract_id, provider_agb, municipalities, category, code, year, unit, variant, tariff_cents, source
         FROM tariff WHERE provider_agb = ANY($1::text[])`,
      [providerAgbs],
    );
    return rows.map((r) => ({
      contractId: r.contract_id,
      providerAgb: r.provider_agb,
      municipalities: r.municipalities,
      category: r.category,
      code: r.code,
      year: r.year,
      unit: r.unit,
      variant: r.variant,
      tariffCents: r.tariff_cents,
      source: r.source,
    }));
  }

  /**
   * A tariff became known or changed: wake the lineages waiting for one of this provider, and
   * those booked at another tariff for this product and year.
   */
  async markAffectedLineages(t: TariffRow): Promise<number> {
    const rows = await this.txHost.tx.query(
      `INSERT INTO lineage_dirty (lineage_id)
       SELECT lineage_id FROM (
         SELECT lineage_id FROM lineage WHERE status = 'PENDING_TARIFF' AND provider_agb = $1
         UNION
         SELECT lineage_id FROM commitment
          WHERE provider_agb = $1 AND category = $2 AND ($3 = '' OR coalesce(product_code, '') = $3) AND year = $4
            AND municipality = ANY($5::text[]) AND tariff_cents IS DISTINCT FROM $6
       ) affected ORDER BY lineage_id
       ON CONFLICT (lineage_id) DO UPDATE SET seq = lineage_dirty.seq + 1, attempts = 0, not_before = NULL
       RETURNING 1`,
      [t.providerAgb, t.category, t.code, t.year, t.municipalities, t.tariffCents],
    );
    return rows.length;
  }
}
