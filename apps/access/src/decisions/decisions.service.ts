import { Injectable } from '@nestjs/common';
import { Caller, mayRead, ProcessingAction, ProcessingLog, pseudonymize, requireRole } from '@vangnet/auth';
import {
  ContractCheckApproval,
  DECISION_ISSUED_V1,
  DecisionIssuedV1,
  DeliveryForm,
  DomainError,
  isCrisisCategory,
  PROVISION_GRANTED_V1,
} from '@vangnet/contracts';
import { NewEvent, Outbox, ValidationFailedError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { Clock, foundOr404, mustExist } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { ApplicationsService } from '../applications/applications.service';
import { DecisionCaseRow } from '../applications/applications.repository';
import { objectionTermEnd } from '../deadlines/deadline.rules';
import { PersonsRepository } from '../persons/persons.repository';
import { ResponsibilityService } from '../responsibility/responsibility.service';
import { ResponsibilityAnswer } from '../responsibility/responsibility.rules';
import { notAfterToday, notBefore } from '../shared/dates';
import { legalBasis, Purpose } from '../shared/processing';
import { CASE_READERS } from '../shared/case-readers';
import { ContractCheckClient } from './contract-check.client';
import { DecisionRequest, DecisionView, ProvisionInput, ProvisionView } from './decisions.dto';
import { DecisionError, DecisionErrorCode } from './decisions.errors';
import { DecisionRow, DecisionsRepository, RejectionRow } from './decisions.repository';
import { CheckItem, checkContracts, provisionEvent, provisionView } from './provision.mapping';
import { decisionOutcome, fieldsAt, ProvisionOutcome, provisionProblems, unitFitsTariff } from './provision.rules';
import { LineageRow, ProvisionRow, ProvisionsRepository } from './provisions.repository';

type NewVersion = Omit<ProvisionRow, 'responsibilitySwitchError'>;

interface Plan {
  app: DecisionCaseRow;
  decision: Omit<DecisionRow, 'personBsn' | 'rejected'>;
  rejections: RejectionRow[];
  lineages: Array<Omit<LineageRow, 'latestVersion' | 'endDate' | 'endReason' | 'endNote' | 'rowVersion'>>;
  versions: NewVersion[];
  pseudonym: string;
  addToScope: string[];
}

/** Decisions (beschikkingen): granted provisions after procurement's contract check, all or nothing. */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly decisions: DecisionsRepository,
    private readonly provisions: ProvisionsRepository,
    private readonly applications: ApplicationsService,
    private readonly persons: PersonsRepository,
    private readonly responsibility: ResponsibilityService,
    private readonly contracts: ContractCheckClient,
    private readonly log: ProcessingLog,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async decide(caller: Caller, req: DecisionRequest): Promise<DecisionView> {
    // Everything that can refuse runs before the transaction: no locks are held while procurement answers.
    const plan = await this.plan(caller, req);
    await this.write(plan);
    return this.viewOfPlan(plan);
  }

  private async plan(caller: Caller, req: DecisionRequest): Promise<Plan> {
    const app = await this.applications.forDecision(caller, req.applicationId);
    if (!app) throw DomainError.invalidField(DecisionErrorCode.APPLICATION_NOT_FOUND, 'applicationId', 'no such application in your municipalities', 422);
    if (app.status !== 'OPEN') {
      throw DomainError.conflict(DecisionErrorCode.APPLICATION_ALREADY_DECIDED, 'this application has been decided', [
        { name: 'applicationId', code: DecisionErrorCode.APPLICATION_ALREADY_DECIDED, reason: 'decided already' },
      ]);
    }
    const today = this.clock.today();
    const decidedAt = notAfterToday(req.decidedAt ?? today, today, 'decidedAt');
    notBefore(decidedAt, app.receivedAt, 'decidedAt', 'application');

    const problems = req.provisions.flatMap((p, i) =>
      provisionProblems(
        {
          outcome: p.outcome,
          category: p.product.category,
          deliveryForm: p.deliveryForm,
          providerAgb: p.providerAgb,
          volume: p.volume,
          period: p.period,
          budgetCents: p.budgetCents,
        },
        app.law,
        fieldsAt(`provisions[${i}]`),
      ),
    );
    if (problems.length) throw new ValidationFailedError(problems, 'the decision has invalid provisions');

    const person = { id: app.personId, bsn: app.personBsn, brpMunicipality: app.brpMunicipality, originMunicipality: app.personOriginMunicipality, municipalities: app.personMunicipalities };
    const granted = req.provisions.flatMap((p, i) => {
      if (p.outcome === ProvisionOutcome.REJECTED) return [];
      // The DTO requires both for a granted provision; narrow them for the compiler.
      if (!p.period || !p.deliveryForm) throw new Error(`provisions[${i}] passed validation without period or delivery form`);
      return [{ p, i, period: p.period, deliveryForm: p.deliveryForm }];
    });

    // Who pays, per granted provision (protected housing by the rule set; the rest: the decider).
    const ruleSets = await this.responsibility.ruleSets();
    const governed = new Set(ruleSets.flatMap((r) => [...r.protectedHousingCategories, ...r.shelterCategories]));
    const prior = granted.some(({ p }) => governed.has(p.product.category))
      ? await this.provisions.priorIndications(person.id, [...new Set(ruleSets.flatMap((r) => r.protectedHousingCategories))])
      : [];
    const answers: ResponsibilityAnswer[] = await Promise.all(
      granted.map(({ p, period }) =>
        this.responsibility.determine({
          category: p.product.category,
          date: period.start,
          decidingMunicipality: app.municipality,
          originMunicipality: app.originMunicipality ?? person.originMunicipality,
          brpMunicipality: person.brpMunicipality,
          priorIndications: prior,
          reindication: p.reindication,
        }),
      ),
    );

    // Procurement's contract check for every in-kind provision, for the paying municipality on the start date.
    const checks: CheckItem[] = [];
    const checkOf = new Map<number, number>();
    granted.forEach(({ p, i, period, deliveryForm }, g) => {
      // In kind always has a provider here (provisionProblems refused it otherwise).
      if (deliveryForm !== DeliveryForm.IN_KIND || !p.providerAgb) return;
      checkOf.set(g, checks.length);
      checks.push({
        field: `provisions[${i}].providerAgb`,
        request: {
          providerAgb: p.providerAgb,
          municipality: answers[g].municipality,
          product: { category: p.product.category, ...(p.product.code ? { code: p.product.code } : {}) } as ProvisionInput['product'],
          date: period.start,
        },
      });
    });
    const outcomes = checks.length ? await checkContracts(this.contracts, checks) : [];

    const decisionId = randomUUID();
    const versions: NewVersion[] = granted.map(({ p, i, period, deliveryForm }, g) => {
      const switchOn = answers[g].switchOn;
      const k = checkOf.get(g);
      const approval = k === undefined ? undefined : (outcomes[k] as { ok: true; approval: ContractCheckApproval }).approval;
      if (approval && p.volume && !unitFitsTariff(p.volume.unit, approval.unit)) {
        throw DomainError.invalidField(
          DecisionErrorCode.UNIT_NOT_CONTRACTED,
          `provisions[${i}].volume.unit`,
          `the contract prices this product per ${approval.unit}; a volume in ${p.volume.unit} cannot be assigned`,
          422,
        );
      }
      const id = randomUUID();
      return {
        id,
        lineageId: id,
        version: 1,
        validFrom: period.start,
        decisionId,
        personId: person.id,
        householdId: app.householdId,
        municipality: app.municipality,
        responsibleMunicipality: answers[g].municipality,
        responsibilityReason: answers[g].reason,
        // Only a switch within the period matters.
        responsibilitySwitchOn: switchOn && (!period.end || switchOn <= period.end) ? switchOn : null,
        category: p.product.category,
        productCode: p.product.code ?? null,
        deliveryForm,
        providerAgb: p.providerAgb ?? null,
        volumeAmount: p.volume?.amount ?? null,
        volumeUnit: p.volume?.unit ?? null,
        volumeFrequency: p.volume?.frequency ?? null,
        periodStart: period.start,
        periodEnd: period.end ?? null,
        budgetCents: p.budgetCents ?? null,
        contractId: approval?.contractId ?? null,
        tariffCents: approval?.tariffCents ?? null,
        tariffUnit: approval?.unit ?? null,
        variant: approval?.variant ?? null,
        crisis: approval?.crisis ?? isCrisisCategory(p.product.category),
        law: app.law,
        previousProvisionId: null,
        changeReason: null,
        createdBySub: caller.sub,
      };
    });
    const rejections: RejectionRow[] = req.provisions
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p.outcome === ProvisionOutcome.REJECTED)
      .map(({ p, i }) => ({
        id: randomUUID(),
        position: i,
        category: p.product.category,
        productCode: p.product.code ?? null,
        deliveryForm: p.deliveryForm ?? null,
        reason: p.reason ?? null,
      }));
    const addToScope = [...new Set(versions.map((v) => v.responsibleMunicipality))].filter((m) => !person.municipalities.includes(m));
    return {
      app,
      decision: {
        id: decisionId,
        applicationId: app.id,
        personId: person.id,
        householdId: app.householdId,
        municipality: app.municipality,
        law: app.law,
        decidedAt,
        outcome: decisionOutcome(req.provisions.map((p) => p.outcome ?? ProvisionOutcome.GRANTED)),
        objectionDue: objectionTermEnd(decidedAt),
        decidedBySub: caller.sub,
        note: req.note ?? null,
      },
      rejections,
      lineages: versions.map((v, g) => ({
        id: v.id,
        personId: v.personId,
        decisionId,
        municipality: v.municipality,
        category: v.category,
        periodStart: v.periodStart,
        responsibilityBasis: answers[g].basis,
        clientSince: answers[g].clientSince,
      })),
      versions,
      pseudonym: pseudonymize(person.bsn),
      addToScope,
    };
  }

  @Transactional()
  private async write(plan: Plan): Promise<void> {
    const { app, decision } = plan;
    const decided = await this.decisions.insertDecided({
      decision,
      rejections: plan.rejections,
      lineages: plan.lineages,
      versions: plan.versions,
      objectionTermDeadlineId: randomUUID(),
    });
    if (!decided) {
      throw DomainError.conflict(DecisionErrorCode.APPLICATION_ALREADY_DECIDED, 'this application has been decided', [
        { name: 'applicationId', code: DecisionErrorCode.APPLICATION_ALREADY_DECIDED, reason: 'decided already' },
      ]);
    }
    if (plan.addToScope.length) await this.persons.addMunicipalities(decision.personId, plan.addToScope);
    await this.log.record({
      bsn: app.personBsn,
      action: ProcessingAction.CREATE,
      purpose: Purpose.DECISION,
      legalBasis: legalBasis(app.law),
      resource: 'decision',
      resourceId: decision.id,
      municipality: decision.municipality,
    });
    const issued: DecisionIssuedV1 = {
      decisionId: decision.id,
      applicationId: app.id,
      personId: decision.personId,
      decidedAt: decision.decidedAt,
      law: decision.law,
      outcome: decision.outcome,
      provisionIds: plan.versions.map((v) => v.id),
      objectionDue: decision.objectionDue,
    };
    const events: NewEvent<unknown>[] = [{ type: DECISION_ISSUED_V1, data: issued, municipality: decision.municipality }];
    for (const v of plan.versions) events.push({ type: PROVISION_GRANTED_V1, data: provisionEvent(v, plan.pseudonym), municipality: v.municipality });
    await this.outbox.publishAll(events);
  }

  async get(caller: Caller, id: string): Promise<DecisionView> {
    requireRole(caller, ...CASE_READERS);
    const row = foundOr404(await this.decisions.find(id), () => DecisionError.missing(), (r) => mayRead(caller, { municipalities: [r.municipality] }));
    await this.logRead(row);
    return this.view(row);
  }

  async listForPerson(caller: Caller, personId: string): Promise<{ items: DecisionView[] }> {
    requireRole(caller, ...CASE_READERS);
    const rows = await this.decisions.findByPerson(personId, caller.municipalities);
    if (rows.length) await this.logRead(rows[0]);
    return { items: await Promise.all(rows.map((r) => this.view(r))) };
  }

  /** For objections: the decision with its person, in the caller's municipalities. */
  async forObjection(caller: Caller, id: string): Promise<DecisionRow | undefined> {
    const row = await this.decisions.find(id);
    return row && mayRead(caller, { municipalities: [row.municipality] }) ? row : undefined;
  }

  private async view(row: DecisionRow): Promise<DecisionView> {
    const lineageIds = await this.provisions.lineageIdsOfDecision(row.id);
    const [lineages, versions] = await Promise.all([this.provisions.lineages(lineageIds), this.provisions.versions(lineageIds)]);
    const provisions: ProvisionView[] = lineageIds.map((lid) => {
      const lineage = mustExist(lineages.find((l) => l.id === lid), `lineage ${lid}`);
      const own = versions.filter((v) => v.lineageId === lid);
      return provisionView(mustExist(own.find((v) => v.version === 1), `first version of ${lid}`), lineage, own);
    });
    return {
      id: row.id,
      applicationId: row.applicationId,
      personId: row.personId,
      householdId: row.householdId,
      municipality: row.municipality,
      law: row.law,
      decidedAt: row.decidedAt,
      outcome: row.outcome,
      objectionDue: row.objectionDue,
      note: row.note,
      provisions,
      rejected: row.rejected,
    };
  }

  private viewOfPlan(plan: Plan): DecisionView {
    const d = plan.decision;
    return {
      id: d.id,
      applicationId: d.applicationId,
      personId: d.personId,
      householdId: d.householdId,
      municipality: d.municipality,
      law: d.law,
      decidedAt: d.decidedAt,
      outcome: d.outcome,
      objectionDue: d.objectionDue,
      note: d.note,
      provisions: plan.versions.map((v) => provisionView(v, { latestVersion: 1, endDate: null, endReason: null }, [v])),
      rejected: plan.rejections.map((r) => ({
        product: { category: r.category, ...(r.productCode ? { code: r.productCode } : {}) },
        deliveryForm: r.deliveryForm,
        reason: r.reason,
      })),
    };
  }

  private logRead(row: DecisionRow): Promise<void> {
    return this.log.record({
      bsn: row.personBsn,
      action: ProcessingAction.READ,
      purpose: Purpose.DECISION,
      legalBasis: legalBasis(row.law),
      resource: 'decision',
      resourceId: row.id,
      municipality: row.municipality,
    });
  }
}
