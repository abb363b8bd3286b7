import { Injectable } from '@nestjs/common';
import { Caller, mayRead, ProcessingAction, ProcessingLog, pseudonymize, requireRole, tenantScopeOf } from '@vangnet/auth';
import { DECISION_ISSUED_V1, DecisionIssuedV1, DomainError, PROVISION_GRANTED_V1 } from '@vangnet/contracts';
import { NewEvent, Outbox } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { Clock, foundOr404, mustExist } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { PersonsService } from '../persons/persons.service';
import { AssignmentNumbers } from '../provisions/assignment-numbers.service';
import { checkContracts, ContractCheckClient } from '../provisions/contract-check.client';
import { provisionEvent, provisionView } from '../provisions/provisions.rules';
import { ProvisionsService } from '../provisions/provisions.service';
import { ResponsibilityService } from '../responsibility/responsibility.service';
import { CASE_READERS } from '../shared/case-readers';
import { WorklistService } from '../worklist/worklist.service';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { legalBasis, Purpose } from '../shared/processing';
import { DecisionRequest, DecisionView } from './decisions.dto';
import { DecisionEntity, DecisionRejectionEntity } from './decisions.entity';
import { DecisionError, DecisionErrorCode } from './decisions.errors';
import { DecisionsRepository } from './decisions.repository';
import { alreadyDecided, DecisionPlan, needsPriorIndications, numberedPlan, NumberedLineage, planDecision, prepareDecision, protectedHousingCategories } from './decisions.rules';

/** Decisions (beschikkingen): granted provisions after procurement's contract check, all or nothing. The rules are in decisions.rules.ts. */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly decisions: DecisionsRepository,
    private readonly provisions: ProvisionsService,
    private readonly numbers: AssignmentNumbers,
    private readonly persons: PersonsService,
    private readonly responsibility: ResponsibilityService,
    private readonly contracts: ContractCheckClient,
    private readonly worklist: WorklistService,
    private readonly deadlines: DeadlinesService,
    private readonly log: ProcessingLog,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async decide(caller: Caller, req: DecisionRequest): Promise<DecisionView> {
    // Everything that can refuse runs before the transaction: no locks are held while procurement answers.
    const [app, calendar] = await Promise.all([this.decisions.decisionCase(req.applicationId), this.deadlines.calendar()]);
    if (!app || !mayRead(caller, { municipalities: [app.municipality] })) {
      throw DomainError.invalidField(DecisionErrorCode.APPLICATION_NOT_FOUND, 'applicationId', 'no such application in your municipalities', 422);
    }
    // A decision for a provider's request names it; its lineages carry the request's id.
    if (req.requestId) await this.worklist.requestForDecision(caller, req.requestId, app.personId);
    const ruleSets = await this.responsibility.ruleSets();
    const priorIndications = needsPriorIndications(req, ruleSets) ? await this.provisions.priorIndications(app.personId, protectedHousingCategories(ruleSets)) : [];
    const mandates = await this.responsibility.mandates();
    const prepared = prepareDecision({ req, app, today: this.clock.today(), calendar, decidedBySub: caller.sub, ruleSets, priorIndications, mandates, callerOrg: caller.org });
    const approvals = await checkContracts(this.contracts, prepared.checks);
    const unnumbered = planDecision(prepared, approvals, randomUUID);
    const plan = numberedPlan(unnumbered, await this.numbers.take(unnumbered.lineages.map((l) => l.responsibleMunicipality)));
    await this.write(plan, app.personBsn);
    return this.viewOfPlan(plan);
  }

  @Transactional()
  private async write(plan: DecisionPlan<NumberedLineage>, bsn: string): Promise<void> {
    const { decision } = plan;
    // The decision and its processing-log record in one statement.
    const decided = await this.decisions.insertDecided(plan, randomUUID(), (first) =>
      this.log.statement(
        {
          bsn,
          action: ProcessingAction.CREATE,
          purpose: Purpose.DECISION,
          legalBasis: legalBasis(decision.law),
          resource: 'decision',
          resourceId: decision.id,
          municipality: decision.municipality,
        },
        first,
      ),
    );
    if (!decided) throw alreadyDecided();
    if (plan.addToScope.length) await this.persons.addMunicipalities(decision.personId, plan.addToScope, decision.municipality);
    const issued: DecisionIssuedV1 = {
      decisionId: decision.id,
      applicationId: decision.applicationId,
      personId: decision.personId,
      decidedAt: decision.decidedAt,
      law: decision.law,
      outcome: decision.outcome,
      provisionIds: plan.versions.map((v) => v.id),
      objectionDue: decision.objectionDue,
    };
    const pseudonym = pseudonymize(bsn);
    const events: NewEvent<unknown>[] = [{ type: DECISION_ISSUED_V1, data: issued, municipality: decision.municipality }];
    plan.versions.forEach((v, i) => events.push({ type: PROVISION_GRANTED_V1, data: provisionEvent(v, pseudonym, plan.lineages[i]), municipality: v.municipality }));
    await this.outbox.publishAll(events);
  }

  async get(caller: Caller, id: string): Promise<DecisionView> {
    requireRole(caller, ...CASE_READERS);
    const row = foundOr404(await this.decisions.find(id), () => DecisionError.missing(), (r) => mayRead(caller, { municipalities: [r.municipality] }));
    await this.logRead(row);
    return this.view(row, await this.decisions.rejectionsOf([row.id]));
  }

  async listForPerson(caller: Caller, personId: string): Promise<{ items: DecisionView[] }> {
    requireRole(caller, ...CASE_READERS);
    const rows = await this.decisions.findByPerson(personId, tenantScopeOf(caller).municipalities);
    if (rows.length) await this.logRead(rows[0]);
    const rejections = await this.decisions.rejectionsOf(rows.map((r) => r.id));
    return { items: await Promise.all(rows.map((r) => this.view(r, rejections))) };
  }

  /** For objections: the decision with its person's BSN, in the caller's municipalities. */
  async forObjection(caller: Caller, id: string): Promise<(DecisionEntity & { personBsn: string }) | undefined> {
    const row = await this.decisions.find(id);
    if (!row || !mayRead(caller, { municipalities: [row.municipality] })) return undefined;
    return { ...row, personBsn: mustExist(await this.persons.bsnOf(row.personId), `person ${row.personId}`) };
  }

  private async view(row: DecisionEntity, rejections: DecisionRejectionEntity[]): Promise<DecisionView> {
    return {
      id: row.id,
      applicationId: row.applicationId,
      personId: row.personId,
      householdId: row.householdId,
      municipality: row.municipality,
      law: row.law,
      decidedAt: row.decidedAt,
      sentAt: row.sentAt,
      urgent: row.urgent,
      outcome: row.outcome,
      objectionDue: row.objectionDue,
      note: row.note,
      provisions: await this.provisions.ofDecision(row.id),
      rejected: rejectedView(rejections.filter((r) => r.decisionId === row.id)),
    };
  }

  private viewOfPlan(plan: DecisionPlan<NumberedLineage>): DecisionView {
    const d = plan.decision;
    return {
      id: d.id,
      applicationId: d.applicationId,
      personId: d.personId,
      householdId: d.householdId,
      municipality: d.municipality,
      law: d.law,
      decidedAt: d.decidedAt,
      sentAt: d.sentAt,
      urgent: d.urgent,
      outcome: d.outcome,
      objectionDue: d.objectionDue,
      note: d.note,
      provisions: plan.versions.map((v, i) => provisionView(v, { ...plan.lineages[i], latestVersion: 1, endDate: null, endReason: null }, [v])),
      rejected: rejectedView(plan.rejections),
    };
  }

  private async logRead(row: DecisionEntity): Promise<void> {
    const bsn = mustExist(await this.persons.bsnOf(row.personId), `person ${row.personId}`);
    await this.log.record({
      bsn,
      action: ProcessingAction.READ,
      purpose: Purpose.DECISION,
      legalBasis: legalBasis(row.law),
      resource: 'decision',
      resourceId: row.id,
      municipality: row.municipality,
    });
  }
}

function rejectedView(rows: ReadonlyArray<Pick<DecisionRejectionEntity, 'category' | 'productCode' | 'deliveryForm' | 'reason'>>): DecisionView['rejected'] {
  return rows.map((r) => ({ product: { category: r.category, ...(r.productCode ? { code: r.productCode } : {}) }, deliveryForm: r.deliveryForm, reason: r.reason }));
}
