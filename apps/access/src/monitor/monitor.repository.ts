import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { TermsMonitorRow } from './monitor.dto';

interface CountRow {
  month: string;
  municipality: string;
  kind: string;
  met: string;
  breached: string;
  open: string;
}

@Injectable()
export class MonitorRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /**
   * Counts per month of the due date, municipality and kind; the resident's own terms (LAPSED
   * objection terms) are not the municipality's to meet and are left out. `municipalities` null:
   * every municipality.
   */
  async termCounts(from: IsoDate, to: IsoDate, today: IsoDate, municipalities: string[] | null): Promise<TermsMonitorRow[]> {
    const rows: CountRow[] = await this.txHost.tx.query(
      `SELECT to_char(due_date, 'YYYY-MM') AS month, municipality, kind,
              count(*) FILTER (WHERE status = 'MET' AND breached_on IS NULL AND (met_on IS NULL OR met_on <= due_date)) AS met,
              count(*) FILTER (WHERE breached_on IS NOT NULL OR (status = 'MET' AND met_on > due_date) OR (status IN ('OPEN', 'SUSPENDED') AND due_date < $3::date)) AS breached,
              count(*) FILTER (WHERE status IN ('OPEN', 'SUSPENDED') AND breached_on IS NULL AND due_date >= $3::date) AS open
         FROM deadline
        WHERE due_date BETWEEN $1::date AND $2::date AND status <> 'LAPSED'
          AND ($4::text[] IS NULL OR municipality = ANY($4::text[]))
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3`,
      [from, to, today, municipalities],
    );
    return rows.map((r) => ({ month: r.month, municipality: r.municipality, kind: r.kind, met: Number(r.met), breached: Number(r.breached), open: Number(r.open) }));
  }
}
