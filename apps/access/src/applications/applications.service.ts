import { Injectable } from '@nestjs/common';
import { Caller, mayRead, ProcessingAction, ProcessingLog, requireActFor, requireRole, tenantScopeOf } from '@vangnet/auth';
import { DeadlineKind, DomainError, IsoDate, lawOfCategory } from '@vangnet/contracts';
import { ValidationFailedError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { Clock, foundOr404, mustExist } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { decisionDue, suspendedDays } from '../deadlines/deadline.rules';
import { DeadlinesService, toDeadlineView } from '../deadlines/deadlines.service';
import { PersonsService } from '../persons/persons.service';
import { RegistrationsService } from '../registrations/registrations.service';
import { AccessErrorCode } from '../shared/access.errors';
import { notAfterToday, notBefore } from '../shared/dates';
import { legalBasis, Purpose } from '../shared/processing';
import { CASE_READERS } from '../shared/case-readers';
import { ApplicationView, CreateApplicationRequest, EndSuspensionRequest, SuspensionRequest, SuspensionView } from './applications.dto';
import { ApplicationError, ApplicationErrorCode } from './applications.errors';
import { ApplicationEntity, ApplicationSuspensionEntity } from './applications.entity';
import { ApplicationsRepository } from './applications.repository';
import { DecisionCase } from '../decisions/decisions.rules';

/** An application with its suspensions and its person's BSN (for the processing log). */
interface ApplicationRow extends ApplicationEntity {
  suspensions: SuspensionView[];
  personBsn: string;
}

@Injectable()
export class ApplicationsService {
  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly persons: PersonsService,
    private readonly registrations: RegistrationsService,
    private readonly deadlines: DeadlinesService,
    private readonly log: ProcessingLog,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async create(caller: Caller, req: CreateApplicationRequest): Promise<ApplicationView> {
    requireActFor(caller, req.municipality, 'municipality');
    const today = this.clock.today();
    const receivedAt = notAfterToday(req.receivedAt ?? today, today, 'receivedAt');
    const person = await this.persons.require(caller, req);
    const requested = req.requested ?? [];
    const wrongLaw = requested
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => lawOfCategory(r.category) !== req.law)
      .map(({ r, i }) => ({ name: `requested[${i}].category`, code: ApplicationErrorCode.CATEGORY_NOT_IN_LAW, reason: `category ${r.category} is not a ${req.law} category` }));
    if (wrongLaw.length) throw new ValidationFailedError(wrongLaw);

    let originMunicipality = req.originMunicipality ?? null;
    if (req.registrationId) {
      const registration = await this.registrations.findForCase(caller, req.registrationId);
      if (!registration) {
        throw DomainError.invalidField(ApplicationErrorCode.REGISTRATION_NOT_FOUND, 'registrationId', 'no such registration in your municipalities', 422);
      }
      if (registration.personId && registration.personId !== person.id) {
        throw DomainError.invalidField(ApplicationErrorCode.REGISTRATION_PERSON_MISMATCH, 'registrationId', 'the registration is about another person', 422);
      }
      if (!registration.personId) await this.registrations.attachPerson(registration.id, person.id);
      originMunicipality ??= registration.originMunicipality;
    }
    if (req.householdId && !(await this.persons.householdInScope(caller, req.householdId))) {
      throw DomainError.invalidField(ApplicationErrorCode.HOUSEHOLD_NOT_FOUND, 'householdId', 'no such household in your municipalities', 422);
    }
    const id = randomUUID();
    await this.applications.insert({
      id,
      personId: person.id,
      registrationId: req.registrationId ?? null,
      householdId: req.householdId ?? null,
      municipality: req.municipality,
      law: req.law,
      receivedAt,
      originMunicipality,
      requested: requested.map((r) => ({ category: r.category, ...(r.code ? { code: r.code } : {}) })),
    });
    await this.deadlines.open([
      { kind: DeadlineKind.DECISION, caseId: id, municipality: req.municipality, personId: person.id, startDate: receivedAt, dueDate: decisionDue(receivedAt, req.law) },
    ]);
    await this.persons.addMunicipalities(person.id, [req.municipality]);
    await this.logPerson(person.bsn, ProcessingAction.CREATE, id, req.municipality, req.law);
    return this.view(await this.load(id));
  }

  async get(caller: Caller, id: string): Promise<ApplicationView> {
    requireRole(caller, ...CASE_READERS);
    const row = await this.inScope(caller, id);
    await this.logPerson(row.personBsn, ProcessingAction.READ, id, row.municipality, row.law);
    return this.view(row);
  }

  async listForPerson(caller: Caller, personId: string): Promise<{ items: ApplicationView[] }> {
    requireRole(caller, ...CASE_READERS);
    const rows = await this.withDetails(await this.applications.findByPerson(personId, tenantScopeOf(caller).municipalities));
    if (rows.length) await this.logPerson(rows[0].personBsn, ProcessingAction.READ, rows[0].id, rows[0].municipality, rows[0].law);
    return { items: await Promise.all(rows.map((r) => this.view(r))) };
  }

  /** Awb 4:15: the decision term stands still while the municipality waits for information. */
  @Transactional()
  async suspend(caller: Caller, id: string, req: SuspensionRequest): Promise<ApplicationView> {
    const row = await this.openForUpdate(caller, id);
    notBefore(req.start, row.receivedAt, 'start', 'application');
    if (req.end) notAfterToday(req.end, this.clock.today(), 'end');
    if (row.suspensions.some((s) => !s.end)) {
      throw DomainError.conflict(ApplicationErrorCode.SUSPENSION_OPEN, 'a suspension is still open; end it first', [
        { name: 'start', code: ApplicationErrorCode.SUSPENSION_OPEN, reason: 'a suspension is still open' },
      ]);
    }
    const end = req.end ?? null;
    if (row.suspensions.some((s) => s.start <= (end ?? '9999-12-31') && req.start <= (s.end as IsoDate))) {
      throw DomainError.invalidField(ApplicationErrorCode.SUSPENSIONS_OVERLAP, 'start', 'the suspension overlaps an earlier one', 422);
    }
    await this.applications.insertSuspension({ id: randomUUID(), applicationId: id, startDate: req.start, endDate: end, reason: req.reason ?? null });
    return this.afterSuspensionChange(id);
  }

  @Transactional()
  async endSuspension(caller: Caller, id: string, suspensionId: string, req: EndSuspensionRequest): Promise<ApplicationView> {
    const row = await this.openForUpdate(caller, id);
    const suspension = row.suspensions.find((s) => s.id === suspensionId);
    if (!suspension) throw new ApplicationError(ApplicationErrorCode.SUSPENSION_NOT_FOUND, 'no such suspension of this application', 404);
    if (suspension.end) throw DomainError.conflict(ApplicationErrorCode.SUSPENSION_ENDED, `the suspension ended on ${suspension.end}`);
    if (req.end < suspension.start) throw DomainError.invalidField(AccessErrorCode.END_BEFORE_START, 'end', `end must be on or after the suspension's start (${suspension.start})`);
    notAfterToday(req.end, this.clock.today(), 'end');
    await this.applications.endSuspension(id, suspensionId, req.end);
    return this.afterSuspensionChange(id);
  }

  /** For a decision: the application with what it needs of its person, in the caller's municipalities. */
  async forDecision(caller: Caller, id: string): Promise<(DecisionCase & { personBsn: string }) | undefined> {
    const row = await this.applications.find(id);
    if (!row || !mayRead(caller, { municipalities: [row.municipality] })) return undefined;
    const person = mustExist(await this.persons.byId(row.personId), `person ${row.personId}`);
    return {
      id: row.id,
      personId: row.personId,
      personBsn: person.bsn,
      brpMunicipality: person.brpMunicipality,
      personOriginMunicipality: person.originMunicipality,
      personMunicipalities: person.municipalities,
      householdId: row.householdId,
      municipality: row.municipality,
      law: row.law,
      receivedAt: row.receivedAt,
      originMunicipality: row.originMunicipality,
      status: row.status,
    };
  }

  private async afterSuspensionChange(id: string): Promise<ApplicationView> {
    const row = await this.load(id);
    const open = row.suspensions.some((s) => !s.end);
    await this.deadlines.reschedule(DeadlineKind.DECISION, id, decisionDue(row.receivedAt, row.law, row.suspensions), suspendedDays(row.suspensions), open);
    await this.logPerson(row.personBsn, ProcessingAction.UPDATE, id, row.municipality, row.law);
    return this.view(row);
  }

  private async openForUpdate(caller: Caller, id: string): Promise<ApplicationRow> {
    const found = foundOr404(await this.applications.find(id, true), () => ApplicationError.missing(), (r) => mayRead(caller, { municipalities: [r.municipality] }));
    const [row] = await this.withDetails([found]);
    if (row.status !== 'OPEN') throw DomainError.conflict(ApplicationErrorCode.APPLICATION_NOT_OPEN, `the application is ${row.status}`);
    return row;
  }

  private async inScope(caller: Caller, id: string): Promise<ApplicationRow> {
    const row = foundOr404(await this.applications.find(id), () => ApplicationError.missing(), (r) => mayRead(caller, { municipalities: [r.municipality] }));
    return (await this.withDetails([row]))[0];
  }

  /** An application this request wrote or locked, with its details. */
  private async load(id: string): Promise<ApplicationRow> {
    return (await this.withDetails([mustExist(await this.applications.find(id), `application ${id}`)]))[0];
  }

  private async withDetails(rows: ApplicationEntity[]): Promise<ApplicationRow[]> {
    // One after the other: inside a transaction both would queue on one connection anyway.
    const suspensions = await this.applications.suspensionsOf(rows.map((r) => r.id));
    const bsns = await this.persons.bsnsOf(rows.map((r) => r.personId));
    return rows.map((r) => ({
      ...r,
      personBsn: mustExist(bsns.get(r.personId), `person ${r.personId}`),
      suspensions: suspensions.filter((s) => s.applicationId === r.id).map(suspensionView),
    }));
  }

  private async view(row: ApplicationRow): Promise<ApplicationView> {
    const deadline = (await this.deadlines.forCases([row.id])).find((d) => d.kind === DeadlineKind.DECISION);
    const suspended = row.suspensions.some((s) => !s.end);
    return {
      id: row.id,
      personId: row.personId,
      registrationId: row.registrationId,
      householdId: row.householdId,
      municipality: row.municipality,
      law: row.law,
      receivedAt: row.receivedAt,
      originMunicipality: row.originMunicipality,
      requested: row.requested ?? [],
      status: row.status,
      decisionDue: suspended ? null : (deadline?.dueDate ?? null),
      suspended,
      suspensions: row.suspensions,
      deadline: deadline ? toDeadlineView(deadline) : null,
      decisionId: row.decisionId,
      version: row.version,
    };
  }

  private logPerson(bsn: string, action: ProcessingAction, resourceId: string, municipality: string, law: string): Promise<void> {
    return this.log.record({ bsn, action, purpose: Purpose.APPLICATION, legalBasis: legalBasis(law), resource: 'application', resourceId, municipality });
  }
}

function suspensionView(s: ApplicationSuspensionEntity): SuspensionView {
  return { id: s.id, start: s.startDate, end: s.endDate, reason: s.reason };
}
