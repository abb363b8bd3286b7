import { Injectable } from '@nestjs/common';
import { actingProviderAgb, Caller, hasRole, mayRead, ProcessingAction, ProcessingLog, pseudonymize, requireActFor, requireOwnAgb, tenantScopeOf } from '@vangnet/auth';
import { CommonErrorCode, DomainError, IsoDate, PROVISION_CHANGED_V1, PROVISION_ENDED_V1, ProvisionChangedV1, ProvisionEndedV1 } from '@vangnet/contracts';
import { Outbox, PoisonEventError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { checkIfMatch, foundOr404, mustExist } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { PersonsService } from '../persons/persons.service';
import { PriorIndication } from '../responsibility/responsibility.rules';
import { AccessErrorCode } from '../shared/access.errors';
import { CASE_READERS } from '../shared/case-readers';
import { legalBasis, Purpose } from '../shared/processing';
import { checkContracts, ContractCheckClient } from './contract-check.client';
import { LineageView, ProvisionChangeRequest, ProvisionEndRequest, ProvisionListQuery, ProvisionView } from './provisions.dto';
import { ProvisionDeliveryEntity, ProvisionEntity, ProvisionLineageEntity } from './provisions.entity';
import { ProvisionError, ProvisionErrorCode } from './provisions.errors';
import { applyReport, DeliveryReport, deliveryViews, emptyDelivery, endProblem, latestOf, planChange, prepareChange, provisionEvent, provisionView, ProvisionVersion } from './provisions.rules';
import { ProvisionsRepository } from './provisions.repository';

interface ChangePlan {
  lineage: ProvisionLineageEntity;
  previous: ProvisionEntity;
  next: ProvisionVersion;
  person: { id: string; bsn: string };
}

/**
 * Granted provisions after the decision: read (municipal scope, or the assigned provider), change
 * (a new version of the lineage from a date, same payer), end (the whole lineage), assignment
 * numbers, and the deliveries providers report. The rules are in provisions.rules.ts; this is
 * their I/O. (The automatic payer switch of ADR 0033 is gone: another payer is a new lineage.)
 */
@Injectable()
export class ProvisionsService {
  constructor(
    private readonly provisions: ProvisionsRepository,
    private readonly persons: PersonsService,
    private readonly contracts: ContractCheckClient,
    private readonly log: ProcessingLog,
    private readonly outbox: Outbox,
  ) {}

  /** A lineage by a version's id or the lineage id, if the caller may see it. */
  async get(caller: Caller, anyId: string): Promise<LineageView> {
    const lineage = foundOr404(await this.provisions.findLineage(anyId), () => ProvisionError.missing());
    const versions = await this.provisions.versions([lineage.id]);
    const current = latestOf(versions);
    const agb = actingProviderAgb(caller);
    const municipal = hasRole(caller, ...CASE_READERS) && mayRead(caller, { municipalities: versions.flatMap((v) => [v.municipality, v.responsibleMunicipality]) });
    if (!municipal && !(agb && current.providerAgb === agb)) throw ProvisionError.missing();
    const person = await this.persons.byId(lineage.personId);
    if (person) await this.logPerson(person.bsn, ProcessingAction.READ, lineage.id, current.municipality, current.law);
    // A provider sees only the versions assigned to it.
    const visible = municipal ? versions : versions.filter((v) => v.providerAgb === agb);
    const view = this.lineageView(lineage, visible, versions, await this.provisions.deliveries(lineage.id));
    // The determination reads residence facts: municipal readers only, never a provider.
    return municipal ? { ...view, responsibility: responsibilityView(lineage) } : view;
  }

  /** Current versions: a municipal reader's for one person; a provider's own assignments. */
  async list(caller: Caller, q: ProvisionListQuery): Promise<{ items: ProvisionView[] }> {
    const agb = actingProviderAgb(caller);
    let rows: ProvisionEntity[];
    if (hasRole(caller, ...CASE_READERS)) {
      if (!q.personId) throw DomainError.invalidField(AccessErrorCode.REQUIRED, 'personId', 'name the person (personId)');
      rows = await this.provisions.currentFor({ personId: q.personId, providerAgb: q.providerAgb, municipalities: tenantScopeOf(caller).municipalities }, 200);
      const person = rows.length ? await this.persons.byId(q.personId) : undefined;
      if (person) await this.logPerson(person.bsn, ProcessingAction.READ, q.personId, rows[0].municipality, rows[0].law);
    } else if (agb) {
      if (q.providerAgb) requireOwnAgb(caller, q.providerAgb, 'providerAgb');
      rows = await this.provisions.currentFor({ personId: q.personId, providerAgb: agb }, 200);
      const bsns = await this.persons.bsnsOf(rows.map((r) => r.personId));
      await this.log.record(
        rows.map((r) => ({
          bsn: mustExist(bsns.get(r.personId), `person ${r.personId}`),
          action: ProcessingAction.READ,
          purpose: Purpose.PROVISION,
          legalBasis: legalBasis(r.law),
          resource: 'provision',
          resourceId: r.lineageId,
          municipality: r.municipality,
        })),
      );
    } else {
      throw new DomainError(CommonErrorCode.FORBIDDEN, 'this needs a case-reading role or the provider role', 403);
    }
    const lineages = await this.provisions.lineages(rows.map((r) => r.lineageId));
    const deliveries = await this.provisions.deliveriesOf(rows.map((r) => r.lineageId));
    return {
      items: rows.map((r) => {
        const reported = deliveryViews(deliveries.filter((d) => d.lineageId === r.lineageId));
        return { ...provisionView(r, mustExist(lineages.find((l) => l.id === r.lineageId), `lineage ${r.lineageId}`), [r]), delivery: reported[reported.length - 1] ?? null };
      }),
    };
  }

  async change(caller: Caller, anyId: string, req: ProvisionChangeRequest, ifMatch?: string): Promise<ProvisionView> {
    const plan = await this.planChange(anyId, req, caller);
    if (ifMatch !== undefined) checkIfMatch(ifMatch, plan.lineage.rowVersion);
    await this.writeChange(plan);
    return provisionView(plan.next, { ...plan.lineage, latestVersion: plan.next.version, endDate: null, endReason: null }, [plan.next]);
  }

  /** Reads what the change needs, then the pure rules; procurement is asked before any lock is taken. */
  private async planChange(anyId: string, req: ProvisionChangeRequest, caller: Caller | undefined): Promise<ChangePlan> {
    const lineage = foundOr404(await this.provisions.findLineage(anyId), () => ProvisionError.missing(), (l) => !caller || mayRead(caller, { municipalities: [l.municipality] }));
    if (caller) requireActFor(caller, lineage.municipality, 'municipality');
    const previous = latestOf(await this.provisions.versions([lineage.id]));
    const person = mustExist(await this.persons.byId(lineage.personId), `person ${lineage.personId}`);
    const prepared = prepareChange({ lineage, previous, req });
    const [approval] = prepared.check ? await checkContracts(this.contracts, [prepared.check]) : [];
    const next = planChange(prepared, approval, randomUUID(), caller?.sub ?? 'system');
    return { lineage, previous, next, person };
  }

  @Transactional()
  private async writeChange(plan: ChangePlan): Promise<void> {
    const locked = await this.provisions.findLineage(plan.lineage.id, true);
    if (!locked || locked.latestVersion !== plan.previous.version || locked.endDate !== plan.lineage.endDate) {
      throw DomainError.conflict(ProvisionErrorCode.CONCURRENT_CHANGE, 'the provision changed meanwhile; read it again and retry');
    }
    await this.provisions.insertVersions([plan.next]);
    await this.provisions.advanceLineage(plan.lineage.id, plan.next.version);
    // The paying municipality gets its own record of the person, with what the deciding one knows (ADR 0051).
    await this.persons.addMunicipalities(plan.person.id, [plan.next.responsibleMunicipality], plan.next.municipality);
    await this.logPerson(plan.person.bsn, ProcessingAction.UPDATE, plan.next.id, plan.next.municipality, plan.next.law);
    const data: ProvisionChangedV1 = {
      ...provisionEvent(plan.next, pseudonymize(plan.person.bsn), plan.lineage),
      previousProvisionId: plan.previous.id,
      ...(plan.next.changeReason ? { changeReason: plan.next.changeReason } : {}),
    };
    await this.outbox.publish({ type: PROVISION_CHANGED_V1, data, municipality: plan.next.municipality });
  }

  @Transactional()
  async end(caller: Caller, anyId: string, req: ProvisionEndRequest, ifMatch?: string): Promise<LineageView> {
    const lineage = foundOr404(await this.provisions.findLineage(anyId, true), () => ProvisionError.missing(), (r) => mayRead(caller, { municipalities: [r.municipality] }));
    requireActFor(caller, lineage.municipality, 'municipality');
    if (ifMatch !== undefined) checkIfMatch(ifMatch, lineage.rowVersion);
    const versions = await this.provisions.versions([lineage.id]);
    const current = latestOf(versions);
    const problem = endProblem(lineage, current, req.endDate);
    if (problem) throw problem;
    await this.provisions.endLineage(lineage.id, req.endDate, req.reason, req.note ?? null);
    const bsn = mustExist(await this.persons.bsnOf(lineage.personId), `person ${lineage.personId}`);
    await this.logPerson(bsn, ProcessingAction.UPDATE, lineage.id, lineage.municipality, current.law);
    const data: ProvisionEndedV1 = {
      provisionId: current.id,
      lineageId: lineage.id,
      assignmentNumber: lineage.assignmentNumber,
      endDate: req.endDate,
      reason: req.reason,
      personId: lineage.personId,
      municipality: current.municipality,
      responsibleMunicipality: current.responsibleMunicipality,
      ...(current.providerAgb ? { providerAgb: current.providerAgb } : {}),
      ...(req.note ? { note: req.note } : {}),
    };
    await this.outbox.publish({ type: PROVISION_ENDED_V1, data, municipality: current.municipality });
    const updated = mustExist(await this.provisions.findLineage(lineage.id), `lineage ${lineage.id}`);
    return this.lineageView(updated, versions, versions, await this.provisions.deliveries(lineage.id));
  }

  // For the decisions feature -------------------------------------------------------------------

  /** What other features need of lineages (no scope, no log: they hold the ids through their own records). */
  async lineagesFacts(ids: string[]): Promise<Array<Pick<ProvisionLineageEntity, 'id' | 'municipality' | 'responsibleMunicipality' | 'personId' | 'requestId'>>> {
    return (await this.provisions.lineages([...new Set(ids)])).map((l) => ({
      id: l.id,
      municipality: l.municipality,
      responsibleMunicipality: l.responsibleMunicipality,
      personId: l.personId,
      requestId: l.requestId,
    }));
  }

  /** The Jeugdwet lineages running on a day (for the coming-of-age notices). */
  runningYouth(today: IsoDate, limit: number): Promise<Array<Pick<ProvisionLineageEntity, 'id' | 'personId' | 'municipality' | 'periodStart'>>> {
    return this.provisions.runningYouth(today, limit);
  }

  /** A lineage with its caseworker: who decided its first version. */
  async lineageFacts(id: string): Promise<{ id: string; municipality: string; personId: string; caseworker: string } | undefined> {
    const [lineage] = await this.provisions.lineages([id]);
    if (!lineage) return undefined;
    const first = (await this.provisions.versions([id])).find((v) => v.version === 1);
    return { id, municipality: lineage.municipality, personId: lineage.personId, caseworker: mustExist(first, `first version of ${id}`).createdBySub };
  }

  /**
   * A provider's report of the start or stop of delivery (exchange.delivery.started/stopped.v1),
   * in the inbox's transaction. Order-tolerant: a later report of the same start (by `reportedOn`)
   * wins, an earlier one is ignored, a stop may come before its start; a replay changes nothing.
   */
  async deliveryReported(r: DeliveryReport): Promise<void> {
    const [lineage] = await this.provisions.lineages([r.provisionLineageId]);
    if (!lineage) throw new PoisonEventError('LINEAGE_NOT_FOUND', `no provision lineage ${r.provisionLineageId}`);
    if (lineage.assignmentNumber !== r.assignmentNumber || lineage.responsibleMunicipality !== r.municipality) {
      throw new PoisonEventError('ASSIGNMENT_MISMATCH', `lineage ${lineage.id} is assignment ${lineage.assignmentNumber} of ${lineage.responsibleMunicipality}, not ${r.assignmentNumber} of ${r.municipality}`);
    }
    const row = (await this.provisions.findDelivery(lineage.id, r.startDate)) ?? emptyDelivery(lineage.id, r.startDate, r.providerAgb);
    await this.provisions.saveDelivery(applyReport(row, r));
  }

  /** The person's lineages in these categories (for the responsibility rules of a new grant). */
  priorIndications(personId: string, categories: readonly string[]): Promise<PriorIndication[]> {
    return this.provisions.priorIndications(personId, categories);
  }

  /** The provisions a decision granted: the first version of each lineage, with its current state. */
  async ofDecision(decisionId: string): Promise<ProvisionView[]> {
    const lineageIds = await this.provisions.lineageIdsOfDecision(decisionId);
    const lineages = await this.provisions.lineages(lineageIds);
    const versions = await this.provisions.versions(lineageIds);
    return lineageIds.map((lid) => {
      const lineage = mustExist(lineages.find((l) => l.id === lid), `lineage ${lid}`);
      const own = versions.filter((v) => v.lineageId === lid);
      return provisionView(mustExist(own.find((v) => v.version === 1), `first version of ${lid}`), lineage, own);
    });
  }

  private lineageView(lineage: ProvisionLineageEntity, visible: ProvisionEntity[], all: ProvisionEntity[], deliveries: ProvisionDeliveryEntity[]): LineageView {
    const views = visible.map((v) => provisionView(v, lineage, all));
    const reported = deliveryViews(deliveries);
    return {
      lineageId: lineage.id,
      assignmentNumber: lineage.assignmentNumber,
      delivery: reported.length ? reported[reported.length - 1] : null,
      deliveries: reported,
      personId: lineage.personId,
      municipality: lineage.municipality,
      category: lineage.category,
      status: lineage.endDate ? 'ENDED' : 'ACTIVE',
      endDate: lineage.endDate,
      endReason: lineage.endReason,
      current: views[views.length - 1],
      versions: views,
      rowVersion: lineage.rowVersion,
    };
  }

  private logPerson(bsn: string, action: ProcessingAction, resourceId: string, municipality: string, law: string): Promise<void> {
    return this.log.record({ bsn, action, purpose: Purpose.PROVISION, legalBasis: legalBasis(law), resource: 'provision', resourceId, municipality });
  }
}

/** Who pays and why (DOMAIN.md "Responsible municipality"): the rule set, the rule and its inputs. */
function responsibilityView(l: ProvisionLineageEntity): NonNullable<LineageView['responsibility']> {
  return { responsibleMunicipality: l.responsibleMunicipality, ruleSetId: l.responsibilityRuleSetId, rule: l.responsibilityBasis, inputs: l.responsibilityInputs };
}
