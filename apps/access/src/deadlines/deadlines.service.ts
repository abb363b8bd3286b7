import { Injectable, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { Caller, requireRead, requireRole, tenantScopeOf } from '@vangnet/auth';
import { addDays, DEADLINE_BREACHED_V1, DeadlineBreachedV1, DeadlineKind, DomainError, isIsoDate, IsoDate } from '@vangnet/contracts';
import { isUUID } from 'class-validator';
import { Outbox } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { BackgroundJob, Clock, decodeCursor, drainBatches, intervalFromEnv, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { AccessErrorCode } from '../shared/access.errors';
import { CASE_READERS } from '../shared/case-readers';
import { BREACHABLE_KINDS, daysLeft, worklistState } from './deadline.rules';
import { DeadlineView, Worklist, WorklistQuery } from './deadlines.dto';
import { DeadlineEntity, DeadlineStatus } from './deadlines.entity';
import { DeadlinesRepository } from './deadlines.repository';

export interface NewDeadline {
  kind: DeadlineKind;
  caseId: string;
  municipality: string;
  personId: string | null;
  startDate: IsoDate;
  dueDate: IsoDate;
}

export function toDeadlineView(d: DeadlineEntity): DeadlineView {
  return {
    deadlineId: d.id,
    kind: d.kind,
    startDate: d.startDate,
    dueDate: d.dueDate,
    suspendedDays: d.suspendedDays,
    status: d.status,
    metOn: d.metOn,
    breachedOn: d.breachedOn,
  };
}

// Deadlines flagged per transaction by the breach job.
const BREACH_BATCH = 500;

/** Statutory deadlines of every case: opened, met, moved by suspensions, breached once. */
@Injectable()
export class DeadlinesService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job = new BackgroundJob('DeadlineJob', () => this.checkBreaches());

  constructor(
    private readonly deadlines: DeadlinesRepository,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.job.every(intervalFromEnv('ACCESS_JOB_INTERVAL_MS', 60_000));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** Inside the caller's transaction. */
  async open(deadlines: NewDeadline[]): Promise<void> {
    await this.deadlines.insert(deadlines.map((d) => ({ id: randomUUID(), ...d })));
  }

  meet(kind: DeadlineKind, caseId: string, on: IsoDate): Promise<boolean> {
    return this.deadlines.meet(kind, caseId, on);
  }

  reschedule(kind: DeadlineKind, caseId: string, dueDate: IsoDate, suspendedDays: number, suspended: boolean): Promise<void> {
    return this.deadlines.reschedule(kind, caseId, dueDate, suspendedDays, suspended ? DeadlineStatus.SUSPENDED : DeadlineStatus.OPEN);
  }

  forCases(caseIds: string[]): Promise<DeadlineEntity[]> {
    return this.deadlines.forCases(caseIds);
  }

  /**
   * The breach job (on the Clock): every open deadline past its due date is flagged and
   * announced once with deadline.breached; objection terms that passed lapse quietly.
   */
  async checkBreaches(today: IsoDate = this.clock.today()): Promise<{ breached: number }> {
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
