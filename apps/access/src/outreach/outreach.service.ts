import { Injectable } from '@nestjs/common';
import { actorOf, Caller, mayRead, ProcessingAction, requireActFor, requireRead, requireRole, tenantScopeOf } from '@vangnet/auth';
import { DomainError, isIsoDate, IsoDate } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { Clock, decodeCursor, foundOr404, mustExist, toPage } from '@vangnet/platform';
import { isUUID } from 'class-validator';
import { randomUUID } from 'crypto';
import { PersonsService } from '../persons/persons.service';
import { OutreachContactEntity } from '../registrations/registrations.entity';
import { AccessErrorCode } from '../shared/access.errors';
import { CASE_READERS } from '../shared/case-readers';
import { notAfterToday, notBefore } from '../shared/dates';
import { legalBasis, Purpose } from '../shared/processing';
import { AssignOutreachRequest, CloseOutreachRequest, OutreachContactRequest, OutreachQuery, OutreachStatus, OutreachTaskView } from './outreach.dto';
import { OutreachError, OutreachErrorCode } from './outreach.errors';
import { OutreachRepository, OutreachRow } from './outreach.repository';
import { firstContactState } from './outreach.rules';

/**
 * The outreach worklist (bemoeizorg): a registration of someone who cannot ask for help opens a
 * task; teams list, assign, record contacts and close it with an outcome. Its own term is the
 * region's norm to first contact (outreach.rules.ts), not a statutory one.
 */
@Injectable()
export class OutreachService {
  constructor(
    private readonly outreach: OutreachRepository,
    private readonly persons: PersonsService,
    private readonly clock: Clock,
  ) {}

  async list(caller: Caller, q: OutreachQuery): Promise<{ today: IsoDate; items: OutreachTaskView[]; nextCursor: string | null }> {
    requireRole(caller, ...CASE_READERS);
    if (q.municipality) requireRead(caller, { municipalities: [q.municipality] }, 'municipality');
    const after = decodeCursor<{ due: IsoDate; id: string }>(q.cursor);
    if (after && (!isIsoDate(after.due) || !isUUID(after.id))) throw DomainError.invalidField(AccessErrorCode.INVALID_CURSOR, 'cursor', 'cursor is not one this API gave out');
    const limit = q.limit ?? 100;
    const rows = await this.outreach.list({
      municipalities: q.municipality ? [q.municipality] : tenantScopeOf(caller).municipalities,
      status: q.status,
      after,
      limit: limit + 1,
    });
    const page = toPage(rows, limit, (last) => ({ due: last.firstContactDue, id: last.id }));
    await this.logTasks(page.items, ProcessingAction.READ);
    return { today: this.clock.today(), items: await this.views(page.items), nextCursor: page.nextCursor };
  }

  async get(caller: Caller, id: string): Promise<OutreachTaskView> {
    requireRole(caller, ...CASE_READERS);
    const task = await this.inScope(caller, id);
    await this.logTasks([task], ProcessingAction.READ);
    return (await this.views([task]))[0];
  }

  @Transactional()
  async assign(caller: Caller, id: string, req: AssignOutreachRequest): Promise<OutreachTaskView> {
    const task = await this.openForUpdate(caller, id);
    await this.outreach.update(id, { assignee: req.assignee, status: OutreachStatus.ASSIGNED });
    await this.logTasks([task], ProcessingAction.UPDATE);
    return this.reload(task.id);
  }

  @Transactional()
  async contact(caller: Caller, id: string, req: OutreachContactRequest): Promise<OutreachTaskView> {
    const task = await this.openForUpdate(caller, id);
    const today = this.clock.today();
    const contactedOn = notAfterToday(req.contactedOn ?? today, today, 'contactedOn');
    notBefore(contactedOn, task.createdOn, 'contactedOn', 'registration');
    await this.outreach.insertContact({ id: randomUUID(), taskId: id, contactedOn, channel: req.channel, reached: req.reached, note: req.note ?? null, recordedBy: actorOf(caller) });
    // The norm is met by the first contact that reached the person (an earlier one recorded late counts).
    if (req.reached && (!task.firstContactOn || contactedOn < task.firstContactOn)) await this.outreach.update(id, { firstContactOn: contactedOn });
    await this.logTasks([task], ProcessingAction.UPDATE);
    return this.reload(id);
  }

  @Transactional()
  async close(caller: Caller, id: string, req: CloseOutreachRequest): Promise<OutreachTaskView> {
    const task = await this.openForUpdate(caller, id);
    const today = this.clock.today();
    const closedOn = notAfterToday(req.closedOn ?? today, today, 'closedOn');
    notBefore(closedOn, task.createdOn, 'closedOn', 'registration');
    await this.outreach.update(id, { status: OutreachStatus.CLOSED, outcome: req.outcome, closedOn, note: req.note ?? task.note });
    await this.logTasks([task], ProcessingAction.UPDATE);
    return this.reload(id);
  }

  private async inScope(caller: Caller, id: string, forUpdate = false): Promise<OutreachRow> {
    return foundOr404(await this.outreach.find(id, forUpdate), () => OutreachError.missing(), (t) => mayRead(caller, { municipalities: [t.municipality] }));
  }

  private async openForUpdate(caller: Caller, id: string): Promise<OutreachRow> {
    const task = await this.inScope(caller, id, true);
    requireActFor(caller, task.municipality, 'municipality');
    if (task.status === OutreachStatus.CLOSED) throw DomainError.conflict(OutreachErrorCode.OUTREACH_TASK_CLOSED, `the task was closed on ${task.closedOn} (${task.outcome})`);
    return task;
  }

  /**
   * An outreach task of a known person is that person's data (a report about them, the contacts, the
   * notes): each read or change is a processing-log record (ARCHITECTURE §6), so the resident's access
   * log (AVG art. 15) lists it. A task whose registration names no person yet has no one to log for.
   */
  private logTasks(tasks: OutreachRow[], action: ProcessingAction): Promise<void> {
    return this.persons.logEach(tasks, (t) => ({ action, purpose: Purpose.REGISTRATION, legalBasis: legalBasis(), resource: 'outreach-task', resourceId: t.id, municipality: t.municipality }));
  }


  private async reload(id: string): Promise<OutreachTaskView> {
    return (await this.views([mustExist(await this.outreach.find(id), `outreach task ${id}`)]))[0];
  }

  private async views(rows: OutreachRow[]): Promise<OutreachTaskView[]> {
    const contacts = await this.outreach.contactsOf(rows.map((r) => r.id));
    const today = this.clock.today();
    return rows.map((t) => ({
      id: t.id,
      registrationId: t.registrationId,
      personId: t.personId,
      municipality: t.municipality,
      status: t.status,
      assignee: t.assignee,
      createdOn: t.createdOn,
      firstContactDue: t.firstContactDue,
      firstContactOn: t.firstContactOn,
      firstContact: firstContactState(t.firstContactDue, t.firstContactOn, today),
      outcome: t.outcome,
      closedOn: t.closedOn,
      note: t.note,
      contacts: contacts.filter((c) => c.taskId === t.id).map(contactView),
      version: t.version,
    }));
  }
}

function contactView(c: OutreachContactEntity) {
  return { id: c.id, contactedOn: c.contactedOn, channel: c.channel, reached: c.reached, note: c.note, recordedBy: c.recordedBy };
}
