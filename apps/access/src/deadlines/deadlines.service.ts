import { Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { Caller, ProcessingAction, requireRead, requireRole, tenantScopeOf } from '@vangnet/auth';
import { addDays, DEADLINE_BREACHED_V1, DeadlineBreachedV1, DeadlineKind, DomainError, isIsoDate, IsoDate } from '@vangnet/contracts';
import { isUUID } from 'class-validator';
import { Outbox } from '@vangnet/messaging';
import { Transactional, TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { BackgroundJob, Clock, decodeCursor, drainBatches, intervalFromEnv, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { PersonsService } from '../persons/persons.service';
import { AccessErrorCode } from '../shared/access.errors';
import { CASE_READERS } from '../shared/case-readers';
import { legalBasis, Purpose } from '../shared/processing';
import { CalendarRepository } from './calendar.repository';
import { BREACHABLE_KINDS, Calendar, daysLeft, dueDateOf, Term, worklistState } from './deadline.rules';
import { DeadlineView, Worklist, WorklistQuery } from './deadlines.dto';
import { DeadlineEntity, DeadlineStatus } from './deadlines.entity';
import { DeadlinesRepository } from './deadlines.repository';

export interface NewDeadline {
  kind: DeadlineKind;
  caseId: string;
  municipality: string;
  personId: string | null;
  startDate: IsoDate;
  /** What the due date is computed from (under the current calendar). */
  term: Term;
}

/** How a change moves an open term (Awb 4:15 suspension, Awb 4:14 extension). */
export interface TermChange {
  suspendedDays?: number;
  extensionDays?: number;
  suspended?: boolean;
}

export function toDeadlineView(d: DeadlineEntity): DeadlineView {
  return {
    deadlineId: d.id,
    kind: d.kind,
    startDate: d.startDate,
    dueDate: d.dueDate,
    suspendedDays: d.suspendedDays,
    extensionDays: d.extensionDays,
    calendarVersion: d.calendarVersion,
    status: d.status,
    metOn: d.metOn,
    breachedOn: d.breachedOn,
  };
}

// Deadlines flagged per transaction by the breach job.
const BREACH_BATCH = 500;
// Deadlines recomputed per transaction after a day is decreed.
const RECOMPUTE_BATCH = 500;

/** Statutory deadlines of every case: opened, met, moved by suspensions, breached once. */
@Injectable()
export class DeadlinesService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job = new BackgroundJob('DeadlineJob', () => this.checkBreaches());
  private readonly recompute: BackgroundJob<number>;

  constructor(
    private readonly deadlines: DeadlinesRepository,
    private readonly calendars: CalendarRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly persons: PersonsService,
    txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {
    this.recompute = BackgroundJob.draining('DeadlineRecompute', { batch: () => this.recomputeBatch(), batchSize: RECOMPUTE_BATCH, txHost });
  }

  onApplicationBootstrap(): void {
    this.job.every(intervalFromEnv('ACCESS_JOB_INTERVAL_MS', 60_000));
    // Deadlines computed before the current calendar (or before the table existed) catch up.
    this.recompute.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
    await this.recompute.stop();
  }

  /** The decreed days (Atw art. 3 lid 3) and the table's version, read in the caller's transaction. */
  calendar(): Promise<Calendar> {
    return this.calendars.current();
  }

  /** Inside the caller's transaction: computes each due date under the current calendar and records its version. */
  async open(deadlines: NewDeadline[], calendar?: Calendar): Promise<IsoDate[]> {
    if (!deadlines.length) return [];
    const cal = calendar ?? (await this.calendar());
    const rows = deadlines.map(({ term, ...d }) => ({
      id: randomUUID(),
      ...d,
      countsFrom: term.countsFrom,
      termDays: term.termDays,
      suspendedDays: term.suspendedDays ?? 0,
      dueDate: dueDateOf(term, cal),
      calendarVersion: cal.version,
    }));
    await this.deadlines.insert(rows);
    return rows.map((r) => r.dueDate);
  }

  meet(kind: DeadlineKind, caseId: string, on: IsoDate): Promise<boolean> {
    return this.deadlines.meet(kind, caseId, on);
  }

  /** The open deadline of a case, locked (inside the caller's transaction). */
  findOpen(kind: DeadlineKind, caseId: string): Promise<DeadlineEntity | null> {
    return this.deadlines.findOpen(kind, caseId);
  }

  /** Inside the caller's transaction: the open term moved by a suspension or an extension; returns the new due date. */
  async reschedule(kind: DeadlineKind, caseId: string, change: TermChange): Promise<IsoDate | undefined> {
    const d = await this.deadlines.findOpen(kind, caseId);
    if (!d) return undefined;
    const cal = await this.calendar();
    const suspendedDays = change.suspendedDays ?? d.suspendedDays;
    const extensionDays = change.extensionDays ?? d.extensionDays;
    const dueDate = dueDateOf({ countsFrom: d.countsFrom, termDays: d.termDays, suspendedDays, extensionDays }, cal);
    const status = change.suspended === undefined ? d.status : change.suspended ? DeadlineStatus.SUSPENDED : DeadlineStatus.OPEN;
    await this.deadlines.reschedule(d.id, { dueDate, suspendedDays, extensionDays, status, calendarVersion: cal.version });
    return dueDate;
  }

  /** Recompute every open deadline computed under an older calendar (after a day is decreed, and at start). */
  recomputeStale(): Promise<number> {
    return this.recompute.run();
  }

  private async recomputeBatch(): Promise<number> {
    const cal = await this.calendar();
    const rows = await this.deadlines.stale(cal.version, RECOMPUTE_BATCH);
    await this.deadlines.recomputed(
      rows.map((r) => ({ id: r.id, dueDate: dueDateOf(r, cal) })),
      cal.version,
    );
    return rows.length;
  }

  forCases(caseIds: string[]): Promise<DeadlineEntity[]> {
    return this.deadlines.forCases(caseIds);
  }

  /**
   * The breach job (on the Clock): every open deadline past its due date is flagged and
   * announced once with deadline.breached; objection terms that passed lapse quietly.
   */
  async checkBreaches(today: IsoDate = this.clock.today()): Promise<{ breached: number }> {
    // A day decreed meanwhile may move a due date: breaches are judged under the current calendar.
    await this.recompute.run();
    const breached = await drainBatches({ batch: () => this.flagBatch(today), batchSize: BREACH_BATCH });
    await this.lapse(today);
    return { breached };
  }

  @Transactional()
  private async flagBatch(today: IsoDate): Promise<number> {
    const rows = await this.deadlines.flagBreaches(today, BREACHABLE_KINDS, BREACH_BATCH);
    await this.outbox.publishAll(
      rows.map((d) => {
        const data: DeadlineBreachedV1 = { deadlineId: d.id, kind: d.kind, caseId: d.caseId, dueDate: d.dueDate, breachedOn: today };
        return { type: DEADLINE_BREACHED_V1, data, municipality: d.municipality };
      }),
    );
    return rows.length;
  }

  @Transactional()
  private async lapse(today: IsoDate): Promise<void> {
    await this.deadlines.lapseObjectionTerms(today);
  }

  async worklist(caller: Caller, q: WorklistQuery): Promise<Worklist> {
    requireRole(caller, ...CASE_READERS);
    if (q.municipality) requireRead(caller, { municipalities: [q.municipality] }, 'municipality');
    const today = this.clock.today();
    const within = q.dueWithinDays ?? 7;
    const until = addDays(today, within);
    const municipalities = q.municipality ? [q.municipality] : tenantScopeOf(caller).municipalities;
    const kinds = q.kind ? [q.kind] : [...BREACHABLE_KINDS];
    const limit = q.limit ?? 100;
    const after = decodeCursor<{ dueDate: IsoDate; id: string }>(q.cursor);
    if (after && (!isIsoDate(after.dueDate) || !isUUID(after.id))) {
      throw DomainError.invalidField(AccessErrorCode.INVALID_CURSOR, 'cursor', 'cursor is not one this API gave out');
    }
    const [rows, counts] = await Promise.all([
      this.deadlines.worklist({ municipalities, kinds, until, after, limit: limit + 1 }),
      this.deadlines.worklistCounts(municipalities, kinds, today, until),
    ]);
    const page = toPage(rows, limit, (last) => ({ dueDate: last.dueDate, id: last.id }));
    // A term names a resident's case (which case, which person, when it is due): each one listed is
    // a read of that resident's data, logged so their access log (AVG art. 15) shows it.
    await this.persons.logEach(page.items, (d) => ({ action: ProcessingAction.READ, purpose: Purpose.DEADLINE, legalBasis: legalBasis(), resource: 'deadline', resourceId: d.id, municipality: d.municipality }));
    return {
      today,
      dueWithinDays: within,
      counts,
      items: page.items.map((d) => ({
        deadlineId: d.id,
        kind: d.kind,
        caseId: d.caseId,
        municipality: d.municipality,
        personId: d.personId,
        startDate: d.startDate,
        dueDate: d.dueDate,
        suspendedDays: d.suspendedDays,
        daysLeft: daysLeft(d.dueDate, today),
        state: worklistState(d.dueDate, today, within) ?? 'DUE_SOON',
        breachedOn: d.breachedOn,
      })),
      nextCursor: page.nextCursor,
    };
  }
}
