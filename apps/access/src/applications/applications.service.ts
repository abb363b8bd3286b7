import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Caller, mayRead, ProcessingAction, ProcessingLog, requireActFor, requireRole, tenantScopeOf } from '@vangnet/auth';
import { DeadlineKind, DomainError, IsoDate, lawOfCategory } from '@vangnet/contracts';
import { ValidationFailedError } from '@vangnet/messaging';
import { Transactional, TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { BackgroundJob, Clock, foundOr404, intervalFromEnv, mustExist } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { decisionTerm, extensionDaysFor, InformationRequest, suspendedDaysOf, suspensionRange, suspensionState } from '../deadlines/deadline.rules';
import { DeadlinesService, toDeadlineView } from '../deadlines/deadlines.service';
import { PersonsService } from '../persons/persons.service';
import { RegistrationsService } from '../registrations/registrations.service';
import { AccessErrorCode } from '../shared/access.errors';
import { notAfterToday, notBefore } from '../shared/dates';
import { legalBasis, Purpose } from '../shared/processing';
import { CASE_READERS } from '../shared/case-readers';
import { ApplicationView, CreateApplicationRequest, ExtensionRequest, InformationReceivedRequest, SuspensionRequest, SuspensionView } from './applications.dto';
import { ApplicationError, ApplicationErrorCode } from './applications.errors';
import { ApplicationEntity, ApplicationSuspensionEntity, SuspensionEnd } from './applications.entity';
import { ApplicationsRepository } from './applications.repository';

/** An application with its suspensions and its person's BSN (for the processing log). */
interface ApplicationRow extends ApplicationEntity {
  suspensions: ApplicationSuspensionEntity[];
  personBsn: string;
}

@Injectable()
export class ApplicationsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  // Awb 4:15: suspensions whose reply deadline passed unanswered end by themselves.
  private readonly lapse = new BackgroundJob('SuspensionLapse', () => this.endLapsedSuspensions());

  onApplicationBootstrap(): void {
    this.lapse.every(intervalFromEnv('ACCESS_JOB_INTERVAL_MS', 60_000));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.lapse.stop();
  }

  constructor(
    private readonly applications: ApplicationsRepository,
    private readonly persons: PersonsService,
    private readonly registrations: RegistrationsService,
    private readonly deadlines: DeadlinesService,
    private readonly log: ProcessingLog,
    private readonly clock: Clock,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
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
      extensionNoticeOn: null,
      extendedTo: null,
      extensionReason: null,
    });
    await this.deadlines.open([{ kind: DeadlineKind.DECISION, caseId: id, municipality: req.municipality, personId: person.id, startDate: receivedAt, term: decisionTerm(receivedAt, req.law) }]);
    await this.persons.addMunicipalities(person.id, [req.municipality], person.knownBy);
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

  /**
   * Awb 4:15 lid 1 a: the municipality asked the applicant for information; the decision term stands
   * still from the day after the request until the information comes or the reply deadline passes.
   */
  @Transactional()
  async suspend(caller: Caller, id: string, req: SuspensionRequest): Promise<ApplicationView> {
    const row = await this.openForUpdate(caller, id);
    const today = this.clock.today();
    notBefore(req.requestedOn, row.receivedAt, 'requestedOn', 'application');
    notAfterToday(req.requestedOn, today, 'requestedOn');
    if (req.replyDeadline <= req.requestedOn) {
      throw DomainError.invalidField(AccessErrorCode.END_BEFORE_START, 'replyDeadline', `the reply deadline must lie after the request (${req.requestedOn})`, 422);
    }
    if (req.receivedOn) this.checkReceipt(req, req.receivedOn, today);
    const deadline = await this.deadlines.findOpen(DeadlineKind.DECISION, id);
    if (!deadline || req.requestedOn > deadline.dueDate) {
      throw DomainError.invalidField(ApplicationErrorCode.TERM_ENDED, 'requestedOn', `the decision term ended on ${deadline?.dueDate ?? 'an earlier day'}; it can no longer be suspended`, 422);
    }
    if (row.suspensions.some((s) => suspensionState(s, today) === 'WAITING')) {
      throw DomainError.conflict(ApplicationErrorCode.SUSPENSION_OPEN, 'the municipality still waits for information asked earlier', [
        { name: 'requestedOn', code: ApplicationErrorCode.SUSPENSION_OPEN, reason: 'a suspension is still waiting' },
      ]);
    }
    const range = suspensionRange(req);
    if (row.suspensions.some((s) => s.startDate <= range.end && range.start <= suspensionRange(s).end)) {
      throw DomainError.invalidField(ApplicationErrorCode.SUSPENSIONS_OVERLAP, 'requestedOn', 'the suspension overlaps an earlier one', 422);
    }
    const received = req.receivedOn ?? null;
    await this.applications.insertSuspension({
      id: randomUUID(),
      applicationId: id,
      requestedOn: req.requestedOn,
      replyDeadline: req.replyDeadline,
      receivedOn: received,
      endedBy: received ? SuspensionEnd.INFORMATION_RECEIVED : req.replyDeadline < today ? SuspensionEnd.REPLY_DEADLINE_PASSED : null,
      startDate: range.start,
      endDate: received || req.replyDeadline < today ? range.end : null,
      reason: req.reason ?? null,
    });
    return this.afterSuspensionChange(id);
  }

  /** The information came: the decision term runs again from that day (Awb 4:15 lid 1 a). */
  @Transactional()
  async informationReceived(caller: Caller, id: string, suspensionId: string, req: InformationReceivedRequest): Promise<ApplicationView> {
    const row = await this.openForUpdate(caller, id);
    const suspension = row.suspensions.find((s) => s.id === suspensionId);
    if (!suspension) throw new ApplicationError(ApplicationErrorCode.SUSPENSION_NOT_FOUND, 'no such suspension of this application', 404);
    if (suspension.receivedOn) throw DomainError.conflict(ApplicationErrorCode.SUSPENSION_ENDED, `the information came on ${suspension.receivedOn}`);
    this.checkReceipt(suspension, req.receivedOn, this.clock.today());
    const { end } = suspensionRange({ ...suspension, receivedOn: req.receivedOn });
    await this.applications.endSuspension(id, suspensionId, { endDate: end, receivedOn: req.receivedOn, endedBy: SuspensionEnd.INFORMATION_RECEIVED });
    return this.afterSuspensionChange(id);
  }

  /**
   * Awb 4:14 lid 3: notice that the decision comes later, once, before the term ends, with a new
   * date and the reason; shown on the case and kept as days on the deadline.
   */
  @Transactional()
  async extend(caller: Caller, id: string, req: ExtensionRequest): Promise<ApplicationView> {
    const row = await this.openForUpdate(caller, id);
    const today = this.clock.today();
    const noticeGivenOn = notAfterToday(req.noticeGivenOn ?? today, today, 'noticeGivenOn');
    notBefore(noticeGivenOn, row.receivedAt, 'noticeGivenOn', 'application');
    if (row.extendedTo) {
      throw DomainError.conflict(ApplicationErrorCode.EXTENSION_ALREADY_GIVEN, `the term was extended on ${row.extensionNoticeOn} to ${row.extendedTo}; it can be extended once`, [
        { name: 'newDueDate', code: ApplicationErrorCode.EXTENSION_ALREADY_GIVEN, reason: 'extended once already' },
      ]);
    }
    const deadline = mustExist(await this.deadlines.findOpen(DeadlineKind.DECISION, id), `decision deadline of ${id}`);
    if (noticeGivenOn > deadline.dueDate) {
      throw DomainError.conflict(ApplicationErrorCode.EXTENSION_TOO_LATE, `the decision term ended on ${deadline.dueDate}; a notice after it cannot extend it (Awb 4:14)`, [
        { name: 'noticeGivenOn', code: ApplicationErrorCode.EXTENSION_TOO_LATE, reason: `after the end of the term (${deadline.dueDate})` },
      ]);
    }
    if (req.newDueDate <= deadline.dueDate) {
      throw DomainError.invalidField(ApplicationErrorCode.NEW_DATE_NOT_LATER, 'newDueDate', `the new date must lie after the current due date (${deadline.dueDate})`, 422);
    }
    const extensionDays = extensionDaysFor(deadline, req.newDueDate);
    await this.applications.extend(id, { extensionNoticeOn: noticeGivenOn, extendedTo: req.newDueDate, extensionReason: req.reason });
    await this.deadlines.reschedule(DeadlineKind.DECISION, id, { extensionDays });
    await this.logPerson(row.personBsn, ProcessingAction.UPDATE, id, row.municipality, row.law);
    return this.view(await this.load(id));
  }

  /** The job (and tests): suspensions past their reply deadline end by themselves; their terms run again. */
  async endLapsedSuspensions(today: IsoDate = this.clock.today()): Promise<number> {
    return this.txHost.withTransaction(async () => {
      const ids = await this.applications.endLapsedSuspensions(today);
      for (const id of ids) await this.deadlines.reschedule(DeadlineKind.DECISION, id, { suspended: false });
      return ids.length;
    });
  }

  private checkReceipt(r: InformationRequest, receivedOn: IsoDate, today: IsoDate): void {
    notAfterToday(receivedOn, today, 'receivedOn');
    if (receivedOn <= r.requestedOn) {
      throw DomainError.invalidField(AccessErrorCode.END_BEFORE_START, 'receivedOn', `the information cannot come before the day after the request (${r.requestedOn})`, 422);
    }
    if (receivedOn > r.replyDeadline) {
      throw DomainError.conflict(ApplicationErrorCode.SUSPENSION_ENDED, `the reply deadline ${r.replyDeadline} passed: the suspension ended by itself (Awb 4:15)`, [
        { name: 'receivedOn', code: ApplicationErrorCode.SUSPENSION_ENDED, reason: `after the reply deadline (${r.replyDeadline})` },
      ]);
    }
  }

  private async afterSuspensionChange(id: string): Promise<ApplicationView> {
    const row = await this.load(id);
    const today = this.clock.today();
    const waiting = row.suspensions.some((s) => suspensionState(s, today) === 'WAITING');
    await this.deadlines.reschedule(DeadlineKind.DECISION, id, { suspendedDays: suspendedDaysOf(row.suspensions), suspended: waiting });
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
      suspensions: suspensions.filter((s) => s.applicationId === r.id),
    }));
  }

  private async view(row: ApplicationRow): Promise<ApplicationView> {
    const deadline = (await this.deadlines.forCases([row.id])).find((d) => d.kind === DeadlineKind.DECISION);
    const today = this.clock.today();
    const suspended = row.status === 'OPEN' && row.suspensions.some((s) => suspensionState(s, today) === 'WAITING');
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
      suspensions: row.suspensions.map((s) => suspensionView(s, today)),
      extension: row.extendedTo && row.extensionNoticeOn && row.extensionReason ? { noticeGivenOn: row.extensionNoticeOn, newDueDate: row.extendedTo, reason: row.extensionReason } : null,
      deadline: deadline ? toDeadlineView(deadline) : null,
      decisionId: row.decisionId,
      version: row.version,
    };
  }

  private logPerson(bsn: string, action: ProcessingAction, resourceId: string, municipality: string, law: string): Promise<void> {
    return this.log.record({ bsn, action, purpose: Purpose.APPLICATION, legalBasis: legalBasis(law), resource: 'application', resourceId, municipality });
  }
}

function suspensionView(s: ApplicationSuspensionEntity, today: IsoDate): SuspensionView {
  const state = suspensionState(s, today);
  return {
    id: s.id,
    requestedOn: s.requestedOn,
    replyDeadline: s.replyDeadline,
    receivedOn: s.receivedOn,
    start: s.startDate,
    // A suspension whose reply deadline passed shows its end even before the job wrote it.
    end: s.endDate ?? (state === 'WAITING' ? null : suspensionRange(s).end),
    state,
    reason: s.reason,
  };
}
