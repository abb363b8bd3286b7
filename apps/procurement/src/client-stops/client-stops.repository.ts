import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';

export interface ClientStopRow {
  id: string;
  providerAgb: string;
  municipality: string;
  reason: string;
  start: IsoDate;
  end: IsoDate | null;
  setBy: string;
  setAt: Date;
  liftedOn: IsoDate | null;
  liftReason: string | null;
  liftedBy: string | null;
}

const COLUMNS = `id, provider_agb AS "providerAgb", municipality, reason, start_date AS "start", end_date AS "end",
  set_by AS "setBy", set_at AS "setAt", lifted_on AS "liftedOn", lift_reason AS "liftReason", lifted_by AS "liftedBy"`;

@Injectable()
export class ClientStopsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async lock(agb: string, municipality: string): Promise<void> {
    await this.txHost.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`procurement:stop:${agb}:${municipality}`]);
  }

  async insert(s: { id: string; providerAgb: string; municipality: string; reason: string; start: IsoDate; end: IsoDate | null; setBy: string }): Promise<ClientStopRow> {
    const rows: ClientStopRow[] = await this.txHost.tx.query(
      `INSERT INTO client_stop (id, provider_agb, municipality, reason, start_date, end_date, set_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [s.id, s.providerAgb, s.municipality, s.reason, s.start, s.end, s.setBy],
    );
    return rows[0];
  }

  async find(id: string, forUpdate = false): Promise<ClientStopRow | undefined> {
    const rows: ClientStopRow[] = await this.txHost.tx.query(`SELECT ${COLUMNS} FROM client_stop WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0];
  }

  async lift(id: string, liftedOn: IsoDate, reason: string | null, by: string): Promise<ClientStopRow> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows]: [ClientStopRow[], number] = await this.txHost.tx.query(
      `UPDATE client_stop SET lifted_on = $2, lift_reason = $3, lifted_by = $4, lifted_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, liftedOn, reason, by],
    );
    return rows[0];
  }

  async forKey(agb: string, municipality: string): Promise<ClientStopRow[]> {
    return this.txHost.tx.query(`SELECT ${COLUMNS} FROM client_stop WHERE provider_agb = $1 AND municipality = $2 ORDER BY start_date`, [agb, municipality]);
  }

  /** Every stop of a provider (the check's read model). */
  async byProvider(agb: string): Promise<ClientStopRow[]> {
    return this.txHost.tx.query(`SELECT ${COLUMNS} FROM client_stop WHERE provider_agb = $1 ORDER BY start_date`, [agb]);
  }

  async list(f: { providerAgb?: string; municipalities?: string[]; activeOn?: IsoDate; after?: string; limit: number }): Promise<ClientStopRow[]> {
    return this.txHost.tx.query(
      `SELECT ${COLUMNS} FROM client_stop
        WHERE ($1::text IS NULL OR provider_agb = $1) AND ($2::text[] IS NULL OR municipality = ANY($2))
          AND ($3::date IS NULL OR (start_date <= $3 AND (end_date IS NULL OR end_date >= $3) AND (lifted_on IS NULL OR lifted_on > $3)))
          AND ($4::uuid IS NULL OR id > $4)
        ORDER BY id LIMIT $5`,
      [f.providerAgb ?? null, f.municipalities ?? null, f.activeOn ?? null, f.after ?? null, f.limit + 1],
    );
  }
}
