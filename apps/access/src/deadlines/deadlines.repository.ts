import { Injectable } from '@nestjs/common';
import { DeadlineKind, IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';

export enum DeadlineStatus {
  OPEN = 'OPEN',
  /** The decision term while the municipality waits for information (Awb 4:15). */
  SUSPENDED = 'SUSPENDED',
  MET = 'MET',
  /** The objection term passed (the resident's term; nothing to breach). */
  LAPSED = 'LAPSED',
}

export interface DeadlineRow {
  id: string;
  kind: DeadlineKind;
  caseId: string;
  municipality: string;
  personId: string | null;
  startDate: IsoDate;
  dueDate: IsoDate;
  suspendedDays: number;
  status: DeadlineStatus;
  metOn: IsoDate | null;
  breachedOn: IsoDate | null;
}

const COLUMNS = `id, kind, case_id AS "caseId", municipality, person_id AS "personId", start_date AS "startDate", due_date AS "dueDate",
  suspended_days AS "suspendedDays", status, met_on AS "metOn", breached_on AS "breachedOn"`;

export interface WorklistFilter {
  municipalities: string[];
  kinds: DeadlineKind[];
  until: IsoDate;
  after?: { dueDate: IsoDate; id: string };
  limit: number;
}

@Injectable()
export class DeadlinesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async insert(rows: Array<Omit<DeadlineRow, 'status' | 'metOn' | 'breachedOn' | 'suspendedDays'>>): Promise<void> {
    if (!rows.length) return;
    await this.txHost.tx.query(
      `INSERT INTO deadline (id, kind, case_id, municipality, person_id, start_date, due_date)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::uuid[], $6::date[], $7::date[])`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.kind),
        rows.map((r) => r.caseId),
        rows.map((r) => r.municipality),
        rows.map((r) => r.personId),
        rows.map((r) => r.startDate),
        rows.map((r) => r.dueDate),
      ],
    );
  }

  /** Marks a deadline met (once); returns whether an open one was met. */
  async meet(kind: DeadlineKind, caseId: string, on: IsoDate): Promise<boolean> {
    // UPDATE through TypeORM answers [rows, rowCount].
    const [rows] = await this.txHost.tx.query(
      `UPDATE deadline SET status = 'MET', met_on = $3 WHERE kind = $1 AND case_id = $2 AND status IN ('OPEN', 'SUSPENDED') RETURNING id`,
      [kind, caseId, on],
    );
    return rows.length > 0;
  }

  async reschedule(kind: DeadlineKind, caseId: string, dueDate: IsoDate, suspendedDays: number, status: DeadlineStatus): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE deadline SET due_date = $3, suspended_days = $4, status = $5 WHERE kind = $1 AND case_id = $2 AND status IN ('OPEN', 'SUSPENDED')`,
      [kind, caseId, dueDate, suspendedDays, status],
    );
  }

  async findByCase(kind: DeadlineKind, caseId: string): Promise<DeadlineRow | undefined> {
    const [row] = await this.txHost.tx.query(`SELECT ${COLUMNS} FROM deadline WHERE kind = $1 AND case_id = $2`, [kind, caseId]);
    return row;
  }

  async forCases(caseIds: string[]): Promise<DeadlineRow[]> {
    if (!caseIds.length) return [];
    return this.txHost.tx.query(`SELECT ${COLUMNS} FROM deadline WHERE case_id = ANY($1::uuid[]) ORDER BY due_date`, [caseIds]);
  }

  /**
   * Flags open, breachable deadlines whose due date passed, once each (breached_on was null),
   * skipping rows another replica holds. Returns the flagged rows.
   */
  async flagBreaches(today: IsoDate, kinds: readonly DeadlineKind[], limit: number): Promise<DeadlineRow[]> {
    const [rows] = await this.txHost.tx.query(
      `UPDATE deadline SET breached_on = $1
        WHERE id IN (SELECT id FROM deadline
                      WHERE status = 'OPEN' AND due_date < $1 AND breached_on IS NULL AND kind = ANY($2::text[])
                      ORDER BY due_date, id LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING ${COLUMNS}`,
      [today, kinds, limit],
    );
    return rows;
  }

  /** The objection terms that have passed become LAPSED (no event: the term is the resident's). */
  async lapseObjectionTerms(today: IsoDate): Promise<void> {
    await this.txHost.tx.query(`UPDATE deadline SET status = 'LAPSED' WHERE kind = 'OBJECTION_TERM' AND status = 'OPEN' AND due_date < $1`, [today]);
  }

  async worklist(f: WorklistFilter): Promise<DeadlineRow[]> {
    return this.txHost.tx.query(
      `SELECT ${COLUMNS} FROM deadline
        WHERE status = 'OPEN' AND due_date <= $1 AND municipality = ANY($2::text[]) AND kind = ANY($3::text[])
          AND ($4::date IS NULL OR (due_date, id) > ($4::date, $5::uuid))
        ORDER BY due_date, id LIMIT $6`,
      [f.until, f.municipalities, f.kinds, f.after?.dueDate ?? null, f.after?.id ?? null, f.limit],
    );
  }

  async worklistCounts(municipalities: string[], kinds: DeadlineKind[], today: IsoDate, until: IsoDate): Promise<{ breached: number; dueSoon: number }> {
    const [row] = await this.txHost.tx.query(
      `SELECT count(*) FILTER (WHERE due_date < $1)::int AS breached, count(*) FILTER (WHERE due_date >= $1)::int AS "dueSoon"
         FROM deadline WHERE status = 'OPEN' AND due_date <= $2 AND municipality = ANY($3::text[]) AND kind = ANY($4::text[])`,
      [today, until, municipalities, kinds],
    );
    return row;
  }
}
