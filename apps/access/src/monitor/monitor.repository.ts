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
   * Counts per month in which a term ended, municipality and kind: a term met in time counts in
   * the month it was met (a decision taken early is the month's, not the due month's); a breached
   * or still open term in the month of its due date. The resident's own terms (LAPSED objection
   * terms) are not the municipality's to meet and are left out. `municipalities` null: every
   * municipality.
   */
  async termCounts(from: IsoDate, to: IsoDate, today: IsoDate, municipalities: string[] | null): Promise<TermsMonitorRow[]> {
    const rows: CountRow[] = await this.txHost.tx.query(
      `WITH t AS (
         SELECT municipality, kind, due_date, status, breached_on, met_on,
                (status = 'MET' AND breached_on IS NULL AND (met_on IS NULL OR met_on <= due_date)) AS in_time
           FROM deadline
          WHERE status <> 'LAPSED'
            AND (due_date BETWEEN $1::date AND $2::date OR met_on BETWEEN $1::date AND $2::date)
            AND ($4::text[] IS NULL OR municipality = ANY($4::text[]))
       ), ended AS (
         SELECT *, CASE WHEN in_time THEN COALESCE(met_on, due_date) ELSE due_date END AS ended_on FROM t
       )
       SELECT to_char(ended_on, 'YYYY-MM') AS month, municipality, kind,
              count(*) FILTER (WHERE in_time) AS met,
              count(*) FILTER (WHERE breached_on IS NOT NULL OR (status = 'MET' AND met_on > due_date) OR (status IN ('OPEN', 'SUSPENDED') AND due_date < $3::date)) AS breached,
              count(*) FILTER (WHERE status IN ('OPEN', 'SUSPENDED') AND breached_on IS NULL AND due_date >= $3::date) AS open
         FROM ended
        WHERE ended_on BETWEEN $1::date AND $2::date
        GROUP BY 1, 2, 3
        ORDER BY 1, 2, 3`,
      [from, to, today, municipalities],
    );
    return rows.map((r) => ({ month: r.month, municipality: r.municipality, kind: r.kind, met: Number(r.met), breached: Number(r.breached), open: Number(r.open) }));
  }
}
