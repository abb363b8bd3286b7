import { Injectable } from '@nestjs/common';
import { Caller, mayRead, ProcessingAction, requireActFor, requireRead, requireRole, tenantScopeOf } from '@vangnet/auth';
import {
  ASSIGNMENT_REQUEST_ANSWERED_V1,
  AssignmentRequestAnsweredV1,
  AssignmentRequestReceivedV1,
  DomainError,
  isIsoDate,
  LeaseSignedV1,
} from '@vangnet/contracts';
import { Outbox, PoisonEventError, ValidationFailedError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { Clock, decodeCursor, foundOr404, mustExist, Page, toPage } from '@vangnet/platform';
import { isUUID } from 'class-validator';
import { randomUUID } from 'crypto';
import { PersonsService } from '../persons/persons.service';
import { ProvisionsService } from '../provisions/provisions.service';
import { AccessErrorCode } from '../shared/access.errors';
import { CASE_READERS } from '../shared/case-readers';
import { legalBasis, Purpose } from '../shared/processing';
import { AssignTaskRequest, AssignmentRequestView, CloseTaskRequest, TaskQuery, TaskView } from './worklist.dto';
import { AssignmentRequestEntity, WorklistTaskEntity } from './worklist.entity';
import { WorklistError, WorklistErrorCode } from './worklist.errors';
import { answerDue, closeProblems, requestOutcomeOf, TaskKind, TaskOutcome, TaskStatus, taskTitleOf } from './worklist.rules';
import { WorklistRepository } from './worklist.repository';

/**
 * The municipality's worklist of tasks that come from other services' facts: a provider's request
 * (exchange.assignment-request.received.v1, answered within 5 working days with
 * access.assignment-request.answered.v1) and a lease in the resident's own name
 * (housing.lease.signed.v1: change the support from intramural to ambulant). Listed in the caller's
 * municipalities, assigned, closed with an outcome.
 */
@Injectable()
export class WorklistService {
  constructor(
    private readonly worklist: WorklistRepository,
    private readonly persons: PersonsService,
    private readonly provisions: ProvisionsService,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  // Facts from other services (in the inbox's transaction; replays change nothing) ----------------

  async requestReceived(data: AssignmentRequestReceivedV1): Promise<void> {
    const person = await this.persons.byId(data.personId);
    if (!person) throw new PoisonEventError('PERSON_NOT_FOUND', `no person ${data.personId}: the exchange resolves the BSN with access.person.resolve first`);
    const { requestId, providerReference, kind, assignmentNumber, providerAgb, municipality, law, personId, receivedOn, ...request } = data;
    const due = answerDue(receivedOn);
    const stored = await this.worklist.insertRequest({
      id: requestId,
      providerReference,
      kind,
      assignmentNumber: assignmentNumber ?? null,
      providerAgb,
      municipality,
      law,
      personId,
      request: { ...request },
      receivedOn,
      answerDue: due,
    });
    if (!stored) return;
    await this.persons.addMunicipalities(personId, [municipality]);
    await this.worklist.insertTask({
      id: randomUUID(),
      kind: TaskKind.ASSIGNMENT_REQUEST,
      sourceKey: `ASSIGNMENT_REQUEST:${requestId}`,
      municipality,
      personId,
      lineageId: null,
      requestId,
      title: `Answer provider ${providerAgb}'s ${kind === 'CHANGE' ? `request to change assignment ${assignmentNumber}` : 'request for an assignment'} (${providerReference})`,
      dueDate: due,
      createdOn: this.clock.today(),
    });
  }

  async leaseSigned(data: LeaseSignedV1): Promise<void> {
    const lineage = data.provisionLineageId ? await this.provisions.lineageFacts(data.provisionLineageId) : undefined;
    if (data.provisionLineageId && !lineage) throw new PoisonEventError('LINEAGE_NOT_FOUND', `no provision lineage ${data.provisionLineageId}`);
    if (!(await this.persons.byId(data.personId))) throw new PoisonEventError('PERSON_NOT_FOUND', `no person ${data.personId}`);
    await this.worklist.insertTask({
      id: randomUUID(),
      kind: TaskKind.CHANGE_TO_AMBULANT,
      sourceKey: `LEASE_SIGNED:${data.placementId}`,
      // The deciding municipality's caseworker changes the support; without a lineage, the lease's municipality.
      municipality: lineage?.municipality ?? data.municipality,
      personId: data.personId,
      lineageId: lineage?.id ?? null,
      requestId: null,
      title: `Change the support from intramural to ambulant: a lease of their own from ${data.leaseStart}`,
      dueDate: data.leaseStart,
      assignee: lineage?.caseworker ?? null,
      createdOn: this.clock.today(),
    });
  }

  // Routes -----------------------------------------------------------------------------------------

  async list(caller: Caller, q: TaskQuery): Promise<Page<TaskView>> {
    requireRole(caller, ...CASE_READERS);
    if (q.municipality) requireRead(caller, { municipalities: [q.municipality] }, 'municipality');
    const after = decodeCursor<{ dueDate: string | null; id: string }>(q.cursor);
    if (after && ((after.dueDate !== null && !isIsoDate(after.dueDate)) || !isUUID(after.id))) {
      throw DomainError.invalidField(AccessErrorCode.INVALID_CURSOR, 'cursor', 'cursor is not one this API gave out');
    }
    const limit = q.limit ?? 100;
    const rows = await this.worklist.list({
      municipalities: q.municipality ? [q.municipality] : tenantScopeOf(caller).municipalities,
      kind: q.kind,
      status: q.status,
      assignee: q.assignee === 'me' ? caller.sub : q.assignee,
      personId: q.personId,
      after: after ?? undefined,
      limit: limit + 1,
    });
    const page = toPage(rows, limit, (last) => ({ dueDate: last.dueDate, id: last.id }));
    // The list shows each task as GET /tasks/{id} does (the request, the note): each one read is logged.
    await this.logTasks(page.items, ProcessingAction.READ);
    return { ...page, items: await this.views(page.items) };
  }

  async get(caller: Caller, id: string): Promise<TaskView> {
    requireRole(caller, ...CASE_READERS);
    const task = foundOr404(await this.worklist.findTask(id), () => WorklistError.missing(), (t) => mayRead(caller, { municipalities: [t.municipality] }));
    await this.logTask(task, ProcessingAction.READ);
    return (await this.views([task]))[0];
  }

  @Transactional()
  async assign(caller: Caller, id: string, req: AssignTaskRequest): Promise<TaskView> {
    await this.openTask(caller, id);
    await this.worklist.updateTask(id, { assignee: req.assignee ?? caller.sub });
    return this.load(id);
  }

  /** Close with an outcome; a provider's request gets its answer published (UNDER_INVESTIGATION keeps the task open). */
  @Transactional()
  async close(caller: Caller, id: string, req: CloseTaskRequest): Promise<TaskView> {
    const task = await this.openTask(caller, id);
    const problems = closeProblems(task.kind, task.status, req);
    if (problems.length) throw new ValidationFailedError(problems, 'the task cannot close like this');
    const today = this.clock.today();
    if (task.kind === TaskKind.ASSIGNMENT_REQUEST) await this.answer(task, req, today);
    const final = req.outcome !== TaskOutcome.UNDER_INVESTIGATION;
    await this.worklist.updateTask(id, {
      status: final ? TaskStatus.CLOSED : TaskStatus.UNDER_INVESTIGATION,
      outcome: req.outcome,
      note: req.note ?? task.note,
      closedOn: final ? today : null,
      ...(task.assignee ? {} : { assignee: caller.sub }),
    });
    await this.logTask(task, ProcessingAction.UPDATE);
    return this.load(id);
  }

  /** For a decision: the request it answers, of this person, in the caller's municipalities. */
  async requestForDecision(caller: Caller, requestId: string, personId: string): Promise<AssignmentRequestEntity> {
    const request = await this.worklist.findRequest(requestId);
    if (!request || request.personId !== personId || !mayRead(caller, { municipalities: [request.municipality] })) {
      throw DomainError.invalidField(WorklistErrorCode.REQUEST_NOT_FOUND, 'requestId', 'no such request of this person in your municipalities', 422);
    }
    return request;
  }

  private async answer(task: WorklistTaskEntity, req: CloseTaskRequest, today: string): Promise<void> {
    const request = mustExist(await this.worklist.findRequest(mustExist(task.requestId, `request of task ${task.id}`), true), `request ${task.requestId}`);
    const lineageIds = req.lineageIds ?? [];
    if (lineageIds.length) {
      // A grant names the lineages whose decision carried this request's id.
      const facts = await this.provisions.lineagesFacts(lineageIds);
      const wrong = lineageIds.flatMap((lid, i) => (facts.find((f) => f.id === lid)?.requestId === request.id ? [] : [i]));
      if (wrong.length) {
        throw new ValidationFailedError(
          wrong.map((i) => ({ name: `lineageIds[${i}]`, code: WorklistErrorCode.LINEAGE_NOT_FOR_REQUEST, reason: 'not a lineage decided for this request (decide with its requestId)' })),
          'the lineages do not answer this request',
        );
      }
    }
    const outcome = requestOutcomeOf(req.outcome);
    await this.worklist.answerRequest(request.id, { outcome, rejectionReason: req.rejectionReason ?? null, lineageIds, answeredOn: today });
    const data: AssignmentRequestAnsweredV1 = {
      requestId: request.id,
      providerReference: request.providerReference,
      outcome,
      ...(req.rejectionReason ? { rejectionReason: req.rejectionReason } : {}),
      lineageIds,
    };
    await this.outbox.publish({ type: ASSIGNMENT_REQUEST_ANSWERED_V1, data, municipality: request.municipality });
  }

  private async openTask(caller: Caller, id: string): Promise<WorklistTaskEntity> {
    const task = foundOr404(await this.worklist.findTask(id, true), () => WorklistError.missing(), (t) => mayRead(caller, { municipalities: [t.municipality] }));
    requireActFor(caller, task.municipality, 'municipality');
    if (task.status === TaskStatus.CLOSED) throw DomainError.conflict(WorklistErrorCode.TASK_CLOSED, `the task was closed on ${task.closedOn}`);
    return task;
  }

  private async load(id: string): Promise<TaskView> {
    return (await this.views([mustExist(await this.worklist.findTask(id), `task ${id}`)]))[0];
  }

  private async views(tasks: WorklistTaskEntity[]): Promise<TaskView[]> {
    const requests = await this.worklist.requestsOf(tasks.flatMap((t) => (t.requestId ? [t.requestId] : [])));
    return tasks.map((t) => {
      const r = requests.find((x) => x.id === t.requestId);
      const title = taskTitleOf(t, r);
      return {
        id: t.id,
        kind: t.kind,
        municipality: t.municipality,
        personId: t.personId,
        lineageId: t.lineageId,
        title: t.title,
        titleCode: title.code,
        titleParams: title.params,
        dueDate: t.dueDate,
        status: t.status,
        assignee: t.assignee,
        outcome: t.outcome,
        note: t.note,
        createdOn: t.createdOn,
        closedOn: t.closedOn,
        request: r ? requestView(r) : null,
        version: t.version,
      };
    });
  }

  private logTask(task: WorklistTaskEntity, action: ProcessingAction): Promise<void> {
    return this.logTasks([task], action);
  }

  /** One record per task of a known person. */
  private logTasks(tasks: WorklistTaskEntity[], action: ProcessingAction): Promise<void> {
    return this.persons.logEach(tasks, (t) => ({ action, purpose: Purpose.PROVISION, legalBasis: legalBasis(), resource: 'worklist-task', resourceId: t.id, municipality: t.municipality }));
  }

}

function requestView(r: AssignmentRequestEntity): AssignmentRequestView {
  return {
    requestId: r.id,
    providerReference: r.providerReference,
    kind: r.kind,
    assignmentNumber: r.assignmentNumber,
    providerAgb: r.providerAgb,
    law: r.law,
    receivedOn: r.receivedOn,
    answerDue: r.answerDue,
    request: r.request,
    outcome: r.outcome,
    rejectionReason: r.rejectionReason,
    lineageIds: r.lineageIds,
    answeredOn: r.answeredOn,
  };
}
