import { Injectable } from '@nestjs/common';
import { DeadlineKind, IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import { DeadlineEntity, DeadlineStatus } from './deadlines.entity';

export type NewDeadlineRow = Pick<
  DeadlineEntity,
  'id' | 'kind' | 'caseId' | 'municipality' | 'personId' | 'startDate' | 'countsFrom' | 'termDays' | 'dueDate' | 'suspendedDays' | 'calendarVersion'
>;

/** An open deadline as the recomputation reads it. */
export type OpenTermRow = Pick<DeadlineEntity, 'id' | 'kind' | 'caseId' | 'countsFrom' | 'termDays' | 'suspendedDays' | 'extensionDays' | 'dueDate'>;

export interface WorklistFilter {
  municipalities: string[];
  kinds: DeadlineKind[];
  until: IsoDate;
  after?: { dueDate: IsoDate; id: string };
  limit: number;
}

/** The row the breach job's one-statement claim answers (raw SQL: `FOR UPDATE SKIP LOCKED` in a subquery). */
interface BreachedRow {
  id: string;
  kind: DeadlineKind;
  case_id: string;
  municipality: string;
  due_date: IsoDate;
}

const OPEN_STATUSES = [DeadlineStatus.OPEN, DeadlineStatus.SUSPENDED];

@Injectable()
export class DeadlinesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get deadlines(): Repository<DeadlineEntity> {
    return this.txHost.tx.getRepository(DeadlineEntity);
  }

  async insert(rows: NewDeadlineRow[]): Promise<void> {
    if (rows.length) await this.deadlines.insert(rows);
  }

  /** Marks a deadline met (once); returns whether an open one was met. */
  async meet(kind: DeadlineKind, caseId: string, on: IsoDate): Promise<boolean> {
    const result = await this.deadlines.update({ kind, caseId, status: In(OPEN_STATUSES) }, { status: DeadlineStatus.MET, metOn: on });
    return (result.affected ?? 0) > 0;
  }

  /** The open deadline of a case, locked for a change. */
  findOpen(kind: DeadlineKind, caseId: string): Promise<DeadlineEntity | null> {
    return this.deadlines.findOne({ where: { kind, caseId, status: In(OPEN_STATUSES) }, lock: { mode: 'pessimistic_write' } });
  }

  async reschedule(id: string, change: Pick<DeadlineEntity, 'dueDate' | 'suspendedDays' | 'extensionDays' | 'status' | 'calendarVersion'>): Promise<void> {
    await this.deadlines.update({ id }, change);
  }

  /** Open deadlines computed with an older calendar, locked, skipping rows another replica holds. */
  async stale(version: number, limit: number): Promise<OpenTermRow[]> {
    const rows: Array<{ id: string; kind: DeadlineKind; case_id: string; counts_from: IsoDate; term_days: number; suspended_days: number; extension_days: number; due_date: IsoDate }> =
      await this.txHost.tx.query(
        `SELECT id, kind, case_id, counts_from::text AS counts_from, term_days, suspended_days, extension_days, due_date::text AS due_date
           FROM deadline WHERE status IN ('OPEN', 'SUSPENDED') AND calendar_version < $1
          ORDER BY calendar_version, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [version, limit],
      );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      caseId: r.case_id,
      countsFrom: r.counts_from,
      termDays: r.term_days,
      suspendedDays: r.suspended_days,
      extensionDays: r.extension_days,
      dueDate: r.due_date,
    }));
  }

  /**
   * New due dates under calendar `version`, in one statement; the copies of the due date that
   * other features show (a decision's objection term, an objection's decision date) follow.
   */
  async recomputed(rows: ReadonlyArray<{ id: string; dueDate: IsoDate }>, version: number): Promise<void> {
    if (!rows.length) return;
    await this.txHost.tx.query(
      `WITH n AS (SELECT * FROM unnest($1::uuid[], $2::date[]) AS n(id, due_date)),
            d AS (UPDATE deadline SET due_date = n.due_date, calendar_version = $3 FROM n WHERE deadline.id = n.id RETURNING deadline.kind, deadline.case_id, deadline.due_date),
            dec AS (UPDATE decision SET objection_due = d.due_date FROM d WHERE d.kind = 'OBJECTION_TERM' AND decision.id = d.case_id AND decision.objection_due <> d.due_date)
       UPDATE objection SET decision_due = d.due_date FROM d WHERE d.kind = 'OBJECTION_DECISION' AND objection.id = d.case_id AND objection.decision_due <> d.due_date`,
      [rows.map((r) => r.id), rows.map((r) => r.dueDate), version],
    );
  }

  forCases(caseIds: string[]): Promise<DeadlineEntity[]> {
    if (!caseIds.length) return Promise.resolve([]);
    return this.deadlines.find({ where: { caseId: In(caseIds) }, order: { dueDate: 'ASC' } });
  }

  /**
   * Flags open, breachable deadlines whose due date passed, once each (breached_on was null),
   * skipping rows another replica holds. Returns the flagged rows.
   */
  async flagBreaches(today: IsoDate, kinds: readonly DeadlineKind[], limit: number): Promise<Array<Pick<DeadlineEntity, 'id' | 'kind' | 'caseId' | 'municipality' | 'dueDate'>>> {
    // UPDATE … RETURNING answers [rows, count].
    const [rows]: [BreachedRow[], number] = await this.txHost.tx.query(
      `UPDATE deadline SET breached_on = $1
        WHERE id IN (SELECT id FROM deadline
                      WHERE status IN ('OPEN', 'SUSPENDED') AND due_date < $1 AND breached_on IS NULL AND kind = ANY($2::text[])
                      ORDER BY due_date, id LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING id, kind, case_id, municipality, due_date`,
      [today, kinds, limit],
    );
    return rows.map((r) => ({ id: r.id, kind: r.kind, caseId: r.case_id, municipality: r.municipality, dueDate: r.due_date }));
  }

  /** The objection terms that have passed become LAPSED (no event: the term is the resident's). */
  async lapseObjectionTerms(today: IsoDate): Promise<void> {
    await this.deadlines
      .createQueryBuilder()
      .update()
      .set({ status: DeadlineStatus.LAPSED })
      .where('kind = :kind AND status = :open AND due_date < :today', { kind: DeadlineKind.OBJECTION_TERM, open: DeadlineStatus.OPEN, today })
      .execute();
  }

  worklist(f: WorklistFilter): Promise<DeadlineEntity[]> {
    const q = this.open(f.municipalities, f.kinds).andWhere('d.dueDate <= :until', { until: f.until });
    if (f.after) q.andWhere('(d.dueDate, d.id) > (CAST(:afterDue AS date), CAST(:afterId AS uuid))', { afterDue: f.after.dueDate, afterId: f.after.id });
    return q.orderBy('d.dueDate').addOrderBy('d.id').limit(f.limit).getMany();
  }

  async worklistCounts(municipalities: string[], kinds: DeadlineKind[], today: IsoDate, until: IsoDate): Promise<{ breached: number; dueSoon: number }> {
    const [breached, dueSoon] = await Promise.all([
      this.open(municipalities, kinds).andWhere('d.dueDate < :today', { today }).getCount(),
      this.open(municipalities, kinds).andWhere('d.dueDate >= :today AND d.dueDate <= :until', { today, until }).getCount(),
    ]);
    return { breached, dueSoon };
  }

  private open(municipalities: string[], kinds: DeadlineKind[]) {
    return this.deadlines
      .createQueryBuilder('d')
      .where('d.status = :open', { open: DeadlineStatus.OPEN })
      .andWhere('d.municipality = ANY(:municipalities)', { municipalities })
      .andWhere('d.kind = ANY(:kinds)', { kinds });
  }
}
