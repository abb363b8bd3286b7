import { Injectable } from '@nestjs/common';
import { Caller, mayRead, ProcessingAction, ProcessingLog, requireActFor, requireRole, tenantScopeOf } from '@vangnet/auth';
import {
  DeadlineKind,
  DomainError,
  INVESTIGATION_COMPLETED_V1,
  InvestigationCompletedV1,
  Law,
  lawOfCategory,
  REGISTRATION_RECEIVED_V1,
  REGISTRATION_RECEIVED_V2,
  RegistrationReceivedFields,
  RegistrationReceivedV1,
  RegistrationReceivedV2,
} from '@vangnet/contracts';
import { NewEvent } from '@vangnet/messaging';
import { Outbox, ValidationFailedError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { Clock, foundOr404, mustExist } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { investigationTerm } from '../deadlines/deadline.rules';
import { DeadlinesService, toDeadlineView } from '../deadlines/deadlines.service';
import { PersonsService } from '../persons/persons.service';
import { notAfterToday, notBefore } from '../shared/dates';
import { legalBasis, Purpose } from '../shared/processing';
import { CASE_READERS } from '../shared/case-readers';
import { conclusionOf, considerationProblems, scoreProblems } from './investigation.rules';
import { firstContactDue, outreachNorm } from '../outreach/outreach.rules';
import {
  CreateRegistrationRequest,
  InvestigationRequest,
  InvestigationView,
  LinkPersonRequest,
  RegistrationView,
} from './registrations.dto';
import { RegistrationError, RegistrationErrorCode } from './registrations.errors';
import { LifeDomainsService } from '../life-domains/life-domains.service';
import { InvestigationEntity, LifeDomainScoreEntity, RegistrationEntity } from './registrations.entity';
import { NewInvestigation, RegistrationsRepository } from './registrations.repository';

/** A registration with its person's BSN (null while unknown), for the processing log. */
export interface RegistrationRow extends RegistrationEntity {
  personBsn: string | null;
}

function toInvestigationView(i: InvestigationEntity, scores: Array<{ domain: string; score: number }>): InvestigationView {
  return {
    id: i.id,
    registrationId: i.registrationId,
    completedAt: i.completedAt,
    investigatedBy: i.investigatedBy,
    clientSupportOffered: i.clientSupportOffered,
    clientSupportAccepted: i.clientSupportAccepted,
    considered: i.considered,
    conclusion: i.conclusion,
    scores,
  };
}


@Injectable()
export class RegistrationsService {
  constructor(
    private readonly registrations: RegistrationsRepository,
    private readonly persons: PersonsService,
    private readonly deadlines: DeadlinesService,
    private readonly lifeDomains: LifeDomainsService,
    private readonly log: ProcessingLog,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async create(caller: Caller, req: CreateRegistrationRequest): Promise<RegistrationView> {
    requireActFor(caller, req.receivingMunicipality, 'receivingMunicipality');
    const today = this.clock.today();
    const receivedAt = notAfterToday(req.receivedAt ?? today, today, 'receivedAt');
    const law = req.law ?? (req.category ? lawOfCategory(req.category) : Law.WMO);
    if (req.category && lawOfCategory(req.category) !== law) {
      throw DomainError.invalidField(RegistrationErrorCode.CATEGORY_NOT_IN_LAW, 'law', `category ${req.category} is not a ${law} category`, 422);
    }
    const person = await this.persons.resolve(caller, req, false);
    const id = randomUUID();
    await this.registrations.insert({
      id,
      personId: person?.id ?? null,
      receivedAt,
      receivingMunicipality: req.receivingMunicipality,
      originMunicipality: req.originMunicipality ?? null,
      source: req.source,
      channel: req.channel,
      canAskForHelp: req.canAskForHelp,
      category: req.category ?? null,
      law,
      summary: req.summary ?? null,
      registeredByOrg: caller.org,
      registeredBySub: caller.sub,
    });
    if (!req.canAskForHelp) {
      await this.registrations.insertOutreachTask(randomUUID(), id, req.receivingMunicipality, receivedAt, firstContactDue(receivedAt, outreachNorm()));
    }
    // Wmo 2015 art. 2.3.2: the investigation term is the Wmo's; a Jeugdwet case has none.
    const term = investigationTerm(law, receivedAt);
    const [due] = term
      ? await this.deadlines.open([{ kind: DeadlineKind.INVESTIGATION, caseId: id, municipality: req.receivingMunicipality, personId: person?.id ?? null, startDate: receivedAt, term }])
      : [];
    if (person) {
      await this.persons.addMunicipalities(person.id, [req.receivingMunicipality], person.knownBy);
      await this.logPerson(person.bsn, ProcessingAction.CREATE, Purpose.REGISTRATION, id, req.receivingMunicipality);
    }
    const fields: RegistrationReceivedFields = {
      registrationId: id,
      receivedAt,
      receivingMunicipality: req.receivingMunicipality,
      source: req.source,
      channel: req.channel,
      canAskForHelp: req.canAskForHelp,
      outreachTaskCreated: !req.canAskForHelp,
      ...(req.originMunicipality ? { originMunicipality: req.originMunicipality } : {}),
      ...(person ? { personId: person.id } : {}),
      ...(req.category ? { category: req.category } : {}),
    };
    // v2 for every registration; v1 (investigationDue required) goes on for Wmo cases while a consumer needs it.
    const v2: RegistrationReceivedV2 = { ...fields, law, ...(due ? { investigationDue: due } : {}) };
    const events: NewEvent<unknown>[] = [{ type: REGISTRATION_RECEIVED_V2, data: v2, municipality: req.receivingMunicipality }];
    if (due) {
      const v1: RegistrationReceivedV1 = { ...fields, investigationDue: due };
      events.push({ type: REGISTRATION_RECEIVED_V1, data: v1, municipality: req.receivingMunicipality });
    }
    await this.outbox.publishAll(events);
    return this.view(await this.load(id));
  }

  async get(caller: Caller, id: string): Promise<RegistrationView> {
    requireRole(caller, ...CASE_READERS);
    const row = await this.inScopeOrNotFound(caller, id);
    if (row.personBsn) await this.logPerson(row.personBsn, ProcessingAction.READ, Purpose.REGISTRATION, id, row.receivingMunicipality);
    return this.view(row);
  }

  async listForPerson(caller: Caller, personId: string): Promise<{ items: RegistrationView[] }> {
    requireRole(caller, ...CASE_READERS);
    const rows = await this.withBsn(await this.registrations.findByPerson(personId, tenantScopeOf(caller).municipalities));
    const items: RegistrationView[] = [];
    for (const row of rows) items.push(await this.view(row));
    if (rows[0]?.personBsn) await this.logPerson(rows[0].personBsn, ProcessingAction.READ, Purpose.REGISTRATION, rows[0].id, rows[0].receivingMunicipality);
    return { items };
  }

  /** The BSN became known after the registration: link the person (required before a decision). */
  @Transactional()
  async linkPerson(caller: Caller, id: string, req: LinkPersonRequest): Promise<RegistrationView> {
    const row = await this.inScopeOrNotFound(caller, id, true);
    requireActFor(caller, row.receivingMunicipality, 'receivingMunicipality');
    const person = await this.persons.require(caller, req);
    if (row.personId && row.personId !== person.id) {
      throw DomainError.conflict(RegistrationErrorCode.PERSON_ALREADY_LINKED, 'the registration is already linked to another person', [
        { name: 'personId', code: RegistrationErrorCode.PERSON_ALREADY_LINKED, reason: 'already linked to another person' },
      ]);
    }
    if (!row.personId) {
      await this.registrations.linkPerson(id, person.id);
      await this.persons.addMunicipalities(person.id, [row.receivingMunicipality], person.knownBy);
      await this.logPerson(person.bsn, ProcessingAction.UPDATE, Purpose.REGISTRATION, id, row.receivingMunicipality);
    }
    return this.view(await this.load(id));
  }

  /**
   * Record the investigation: life-domain scores, what was weighed in the fixed order, whether
   * client support was offered, and who investigated (a partner may; only municipal staff decide).
   */
  @Transactional()
  async investigate(caller: Caller, id: string, req: InvestigationRequest): Promise<InvestigationView> {
    const row = await this.inScopeOrNotFound(caller, id, true);
    requireActFor(caller, row.receivingMunicipality, 'receivingMunicipality');
    const today = this.clock.today();
    const completedAt = notAfterToday(req.completedAt ?? today, today, 'completedAt');
    notBefore(completedAt, row.receivedAt, 'completedAt', 'registration');
    const active = await this.lifeDomains.activeCodes();
    const problems = [...scoreProblems(req.scores, active), ...considerationProblems(req.considered)];
    if (problems.length) throw new ValidationFailedError(problems, 'the investigation has invalid fields');
    const investigation: NewInvestigation = {
      id: randomUUID(),
      registrationId: id,
      personId: row.personId,
      municipality: row.receivingMunicipality,
      completedAt,
      investigatedBy: caller.org,
      investigatedBySub: caller.sub,
      clientSupportOffered: req.clientSupportOffered,
      clientSupportAccepted: req.clientSupportAccepted ?? null,
      considered: req.considered.map((c) => ({ option: c.option, sufficient: c.sufficient, ...(c.note ? { note: c.note } : {}) })),
      conclusion: conclusionOf(req.considered),
    };
    const scores = req.scores.map((s) => ({ domain: s.domain, score: s.score }));
    if (!(await this.registrations.insertInvestigation(investigation, scores))) {
      throw DomainError.conflict(RegistrationErrorCode.INVESTIGATION_EXISTS, 'this registration has been investigated already');
    }
    await this.registrations.setStatus(id, 'INVESTIGATED');
    await this.deadlines.meet(DeadlineKind.INVESTIGATION, id, completedAt);
    if (row.personBsn) await this.logPerson(row.personBsn, ProcessingAction.CREATE, Purpose.INVESTIGATION, investigation.id, row.receivingMunicipality);
    const data: InvestigationCompletedV1 = {
      investigationId: investigation.id,
      registrationId: id,
      completedAt,
      investigatedBy: caller.org,
      clientSupportOffered: req.clientSupportOffered,
      considered: req.considered.map((c) => c.option),
      ...(row.personId ? { personId: row.personId } : {}),
    };
    await this.outbox.publish({ type: INVESTIGATION_COMPLETED_V1, data, municipality: row.receivingMunicipality });
    return toInvestigationView(mustExist(await this.registrations.findInvestigation(id), `investigation of ${id}`), await this.scoresOf(investigation.id));
  }

  /** For applications: the registration, in scope. */
  async findForCase(caller: Caller, id: string): Promise<RegistrationRow | undefined> {
    const row = await this.registrations.find(id);
    return row && mayRead(caller, { municipalities: [row.receivingMunicipality] }) ? (await this.withBsn([row]))[0] : undefined;
  }

  /** Inside the caller's transaction: an application names the person of a registration that had none. */
  attachPerson(registrationId: string, personId: string): Promise<void> {
    return this.registrations.linkPerson(registrationId, personId);
  }

  private async inScopeOrNotFound(caller: Caller, id: string, forUpdate = false): Promise<RegistrationRow> {
    const row = foundOr404(await this.registrations.find(id, forUpdate), () => RegistrationError.missing(), (r) => mayRead(caller, { municipalities: [r.receivingMunicipality] }));
    return (await this.withBsn([row]))[0];
  }

  /** A registration this request wrote or locked. */
  private async load(id: string): Promise<RegistrationRow> {
    return (await this.withBsn([mustExist(await this.registrations.find(id), `registration ${id}`)]))[0];
  }

  private async withBsn(rows: RegistrationEntity[]): Promise<RegistrationRow[]> {
    const bsns = await this.persons.bsnsOf(rows.flatMap((r) => (r.personId ? [r.personId] : [])));
    return rows.map((r) => ({ ...r, personBsn: r.personId ? mustExist(bsns.get(r.personId), `person ${r.personId}`) : null }));
  }

  private async view(row: RegistrationRow): Promise<RegistrationView> {
    const investigation = await this.registrations.findInvestigation(row.id);
    const deadlines = await this.deadlines.forCases([row.id]);
    const outreach = await this.registrations.outreachTaskOf(row.id);
    const scores = investigation ? await this.scoresOf(investigation.id) : [];
    const own = deadlines.find((d) => d.kind === DeadlineKind.INVESTIGATION);
    return {
      id: row.id,
      personId: row.personId,
      receivedAt: row.receivedAt,
      receivingMunicipality: row.receivingMunicipality,
      originMunicipality: row.originMunicipality,
      source: row.source,
      channel: row.channel,
      canAskForHelp: row.canAskForHelp,
      category: row.category,
      law: row.law,
      summary: row.summary,
      status: row.status,
      registeredBy: row.registeredByOrg,
      outreachTask: outreach ? { id: outreach.id, status: outreach.status, createdOn: outreach.createdOn, firstContactDue: outreach.firstContactDue } : null,
      investigationDue: own?.dueDate ?? null,
      deadlines: deadlines.map(toDeadlineView),
      investigation: investigation ? toInvestigationView(investigation, scores) : null,
      version: row.version,
    };
  }

  /** An investigation's scores in the order of the life domains. */
  private async scoresOf(investigationId: string): Promise<Array<{ domain: string; score: number }>> {
    const scores = await this.registrations.scoresOf(investigationId);
    const positions = await this.lifeDomains.positions();
    const at = (s: LifeDomainScoreEntity) => positions.get(s.domain) ?? Number.MAX_SAFE_INTEGER;
    return [...scores].sort((a, b) => at(a) - at(b) || a.domain.localeCompare(b.domain)).map((s) => ({ domain: s.domain, score: s.score }));
  }

  private logPerson(bsn: string, action: ProcessingAction, purpose: Purpose, resourceId: string, municipality: string): Promise<void> {
    return this.log.record({ bsn, action, purpose, legalBasis: legalBasis(), resource: purpose === Purpose.INVESTIGATION ? 'investigation' : 'registration', resourceId, municipality });
  }
}
