import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { TariffEntity } from './tariffs.entity';
import { TariffRow } from './tariffs.rules';

export interface PublishedTariff extends TariffRow {
  validFrom: string | null;
  validTo: string | null;
  crisis: boolean;
  eventTime: string | null;
}

/** What the conditional upsert returns: one row when it stored anything. */
interface StoredTariffRow {
  stored: number;
}

@Injectable()
export class TariffsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<TariffEntity> {
    return this.txHost.tx.getRepository(TariffEntity);
  }

  /**
   * Store a tariff unless a later publication for the same product and year is already in (returns
   * whether it changed anything). One statement (ADR 0007: the query builder cannot say a
   * conditional ON CONFLICT): an event wins over an older event or an answer; an answer widens the
   * municipalities of an earlier answer and never overwrites a published tariff.
   */
  async upsert(t: PublishedTariff): Promise<boolean> {
    const rows: StoredTariffRow[] = await this.txHost.tx.query(
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
       RETURNING 1 AS stored`,
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
    return this.rows
      .createQueryBuilder('t')
      .select(['t.contractId', 't.providerAgb', 't.municipalities', 't.category', 't.code', 't.year', 't.unit', 't.variant', 't.tariffCents', 't.source'])
      .where('t.providerAgb = ANY(:providerAgbs)', { providerAgbs })
      .getMany();
  }
}
