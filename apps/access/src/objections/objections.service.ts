import { Injectable } from '@nestjs/common';
import { Caller, mayRead, ProcessingAction, ProcessingLog, requireActFor, requireRole } from '@vangnet/auth';
import { DeadlineKind, DomainError } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { Clock, foundOr404, mustExist } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { DecisionsService } from '../decisions/decisions.service';
import { isObjectionTimely, objectionDecisionTerm } from '../deadlines/deadline.rules';
import { DeadlinesService, toDeadlineView } from '../deadlines/deadlines.service';
import { notAfterToday, notBefore } from '../shared/dates';
import { legalBasis, Purpose } from '../shared/processing';
import { CASE_READERS } from '../shared/case-readers';
import { CreateObjectionRequest, DecideObjectionRequest, ObjectionView } from './objections.dto';
import { ObjectionError, ObjectionErrorCode } from './objections.errors';
import { ObjectionEntity } from './objections.entity';
import { ObjectionsRepository } from './objections.repository';
import { PersonsService } from '../persons/persons.service';

/** Objections (bezwaar, Awb ch. 6–7): timely or late against the 6-week term, decided within 6 (or 12) weeks. */
@Injectable()
export class ObjectionsService {
  constructor(
    private readonly objections: ObjectionsRepository,
    private readonly decisions: DecisionsService,
    private readonly persons: PersonsService,
    private readonly deadlines: DeadlinesService,
    private readonly log: ProcessingLog,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async create(caller: Caller, decisionId: string, req: CreateObjectionRequest): Promise<ObjectionView> {
    const decision = await this.decisions.forObjection(caller, decisionId);
    if (!decision) throw new ObjectionError(ObjectionErrorCode.DECISION_NOT_FOUND, 'no such decision in your municipalities', 404);
    requireActFor(caller, decision.municipality, 'municipality');
    const today = this.clock.today();
    const receivedAt = notAfterToday(req.receivedAt ?? today, today, 'receivedAt');
    notBefore(receivedAt, decision.decidedAt, 'receivedAt', 'decision');
    const committee = req.advisoryCommittee ?? false;
    const termEnd = decision.objectionDue;
    const id = randomUUID();
    const term = objectionDecisionTerm(termEnd, receivedAt, committee);
    // Awb 7:10: the deadline first, so the objection stores the due date computed under the current calendar.
    const [decisionDue] = await this.deadlines.open([
      { kind: DeadlineKind.OBJECTION_DECISION, caseId: id, municipality: decision.municipality, personId: decision.personId, startDate: receivedAt, term },
    ]);
    await this.objections.insert({
      id,
      decisionId,
      personId: decision.personId,
      municipality: decision.municipality,
      receivedAt,
      termEnd,
      timely: isObjectionTimely(receivedAt, termEnd),
      advisoryCommittee: committee,
      grounds: req.grounds ?? null,
      decisionDue,
    });
    await this.logPerson(decision.personBsn, ProcessingAction.CREATE, id, decision.municipality);
    return this.view(mustExist(await this.objections.find(id), `objection ${id}`));
  }

  async list(caller: Caller, decisionId: string): Promise<{ items: ObjectionView[] }> {
    requireRole(caller, ...CASE_READERS);
    const decision = await this.decisions.forObjection(caller, decisionId);
    if (!decision) throw new ObjectionError(ObjectionErrorCode.DECISION_NOT_FOUND, 'no such decision in your municipalities', 404);
    const rows = await this.objections.forDecision(decisionId);
    if (rows.length) await this.logPerson(decision.personBsn, ProcessingAction.READ, decisionId, decision.municipality);
    return { items: await Promise.all(rows.map((r) => this.view(r))) };
  }

  async get(caller: Caller, id: string): Promise<ObjectionView> {
    requireRole(caller, ...CASE_READERS);
    const row = foundOr404(await this.objections.find(id), () => ObjectionError.missing(), (r) => mayRead(caller, { municipalities: [r.municipality] }));
    await this.logPerson(await this.bsnOf(row), ProcessingAction.READ, id, row.municipality);
    return this.view(row);
  }

  @Transactional()
  async decide(caller: Caller, id: string, req: DecideObjectionRequest): Promise<ObjectionView> {
    const row = foundOr404(await this.objections.find(id, true), () => ObjectionError.missing(), (r) => mayRead(caller, { municipalities: [r.municipality] }));
    requireActFor(caller, row.municipality, 'municipality');
    if (row.status === 'DECIDED') throw DomainError.conflict(ObjectionErrorCode.OBJECTION_ALREADY_DECIDED, `the objection was decided on ${row.decidedAt}`);
    const today = this.clock.today();
    const decidedAt = notAfterToday(req.decidedAt ?? today, today, 'decidedAt');
    notBefore(decidedAt, row.receivedAt, 'decidedAt', 'objection');
    await this.objections.decide(id, req.outcome, decidedAt);
    await this.deadlines.meet(DeadlineKind.OBJECTION_DECISION, id, decidedAt);
    await this.logPerson(await this.bsnOf(row), ProcessingAction.UPDATE, id, row.municipality);
    return this.view(mustExist(await this.objections.find(id), `objection ${id}`));
  }

  private async view(row: ObjectionEntity): Promise<ObjectionView> {
    const deadline = (await this.deadlines.forCases([row.id])).find((d) => d.kind === DeadlineKind.OBJECTION_DECISION);
    return {
      id: row.id,
      decisionId: row.decisionId,
      personId: row.personId,
      municipality: row.municipality,
      receivedAt: row.receivedAt,
      termEnd: row.termEnd,
      timely: row.timely,
      advisoryCommittee: row.advisoryCommittee,
      grounds: row.grounds,
      status: row.status,
      outcome: row.outcome,
      decidedAt: row.decidedAt,
      decisionDue: row.decisionDue,
      deadline: deadline ? toDeadlineView(deadline) : null,
      version: row.version,
    };
  }

  private async bsnOf(row: ObjectionEntity): Promise<string> {
    return mustExist(await this.persons.bsnOf(row.personId), `person ${row.personId}`);
  }

  // Awb 7:1 and 7:10 are the basis whatever the law of the decision.
  private logPerson(bsn: string, action: ProcessingAction, resourceId: string, municipality: string): Promise<void> {
    return this.log.record({ bsn, action, purpose: Purpose.OBJECTION, legalBasis: legalBasis(null, Purpose.OBJECTION), resource: 'objection', resourceId, municipality });
  }
}
