import { Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { actingProviderAgb, Caller, hasRole, mayRead, ProcessingAction, ProcessingLog, pseudonymize, requireActFor } from '@vangnet/auth';
import {
  CommonErrorCode,
  ContractCheckApproval,
  DeliveryForm,
  DomainError,
  IsoDate,
  PROVISION_CHANGED_V1,
  PROVISION_ENDED_V1,
  ProvisionChangedV1,
  ProvisionEndedV1,
} from '@vangnet/contracts';
import { ValidationFailedError } from '@vangnet/messaging';
import { Outbox } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { BackgroundJob, checkIfMatch, Clock, foundOr404, intervalFromEnv, mustExist } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { PersonRow, PersonsRepository } from '../persons/persons.repository';
import { ResponsibilityService } from '../responsibility/responsibility.service';
import { AccessErrorCode } from '../shared/access.errors';
import { legalBasis, Purpose } from '../shared/processing';
import { CASE_READERS } from '../shared/case-readers';
import { ContractCheckClient } from './contract-check.client';
import { LineageView, ProvisionChangeRequest, ProvisionEndRequest, ProvisionListQuery, ProvisionView } from './decisions.dto';
import { DecisionErrorCode, ProvisionError, ProvisionErrorCode } from './decisions.errors';
import { checkContracts, provisionEvent, provisionView } from './provision.mapping';
import { provisionProblems, ShapeFields, unitFitsTariff } from './provision.rules';
import { LineageRow, ProvisionRow, ProvisionsRepository } from './provisions.repository';

type NewVersion = Omit<ProvisionRow, 'responsibilitySwitchError'>;

const CHANGE_FIELDS: ShapeFields = {
  category: 'productCode',
  deliveryForm: 'deliveryForm',
  providerAgb: 'providerAgb',
  volume: 'volume',
  periodEnd: 'periodEnd',
  budgetCents: 'budgetCents',
};

interface ChangePlan {
  lineage: LineageRow;
  previous: ProvisionRow;
  next: NewVersion;
  person: PersonRow;
}

/**
 * Granted provisions after the decision: read (municipal scope, or the assigned provider), change
 * (a new version of the lineage from a date), end (the whole lineage), and the automatic change of
 * payer when a new client's origin period ends (a job on the Clock).
 */
@Injectable()
export class ProvisionsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ProvisionsService.name);
  private readonly job = new BackgroundJob('ResponsibilitySwitchJob', () => this.switchResponsibilities());

  constructor(
    private readonly provisions: ProvisionsRepository,
    private readonly persons: PersonsRepository,
    private readonly responsibility: ResponsibilityService,
    private readonly contracts: ContractCheckClient,
    private readonly log: ProcessingLog,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.job.every(intervalFromEnv('ACCESS_JOB_INTERVAL_MS', 60_000));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  /** A lineage by a version's id or the lineage id, if the caller may see it. */
  async get(caller: Caller, anyId: string): Promise<LineageView> {
    const lineage = await this.provisions.findLineage(anyId);
    if (!lineage) throw ProvisionError.missing();
    const versions = await this.provisions.versions([lineage.id]);
    const current = versions[versions.length - 1];
    const agb = actingProviderAgb(caller);
    const municipal = hasRole(caller, ...CASE_READERS) && mayRead(caller, { municipalities: versions.flatMap((v) => [v.municipality, v.responsibleMunicipality]) });
    if (!municipal && !(agb && current.providerAgb === agb)) throw ProvisionError.missing();
    const person = await this.persons.findById(lineage.personId);
    if (person) await this.logPerson(person.bsn, ProcessingAction.READ, lineage.id, current.municipality, current.law);
    // A provider sees only the versions assigned to it.
    const visible = municipal ? versions : versions.filter((v) => v.providerAgb === agb);
    return this.lineageView(lineage, visible, versions);
  }

  /** Current versions: a municipal reader's for one person; a provider's own assignments. */
  async list(caller: Caller, q: ProvisionListQuery): Promise<{ items: ProvisionView[] }> {
    const agb = actingProviderAgb(caller);
    let rows: ProvisionRow[];
    if (hasRole(caller, ...CASE_READERS)) {
      if (!q.personId) throw DomainError.invalidField(AccessErrorCode.REQUIRED, 'personId', 'name the person (personId)');
      rows = await this.provisions.currentFor({ personId: q.personId, providerAgb: q.providerAgb, municipalities: caller.municipalities }, 200);
      const person = rows.length ? await this.persons.findById(q.personId) : undefined;
      if (person) await this.logPerson(person.bsn, ProcessingAction.READ, q.personId, rows[0].municipality, rows[0].law);
    } else if (agb) {
      if (q.providerAgb && q.providerAgb !== agb) throw DomainError.invalidField(ProvisionErrorCode.NOT_YOUR_AGB, 'providerAgb', 'a provider sees only its own assignments', 403);
      rows = await this.provisions.currentFor({ personId: q.personId, providerAgb: agb }, 200);
      const persons = await this.persons.findMany([...new Set(rows.map((r) => r.personId))]);
      await this.log.record(
        rows.map((r) => ({
          bsn: mustExist(persons.find((p) => p.id === r.personId), `person ${r.personId}`).bsn,
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
    return {
      items: rows.map((r) => provisionView(r, mustExist(lineages.find((l) => l.id === r.lineageId), `lineage ${r.lineageId}`), [r])),
    };
  }

  async change(caller: Caller, anyId: string, req: ProvisionChangeRequest, ifMatch?: string): Promise<ProvisionView> {
    const plan = await this.planChange(anyId, req, caller);
    if (ifMatch !== undefined) checkIfMatch(ifMatch, plan.lineage.rowVersion);
    await this.writeChange(plan);
    return provisionView(plan.next, { latestVersion: plan.next.version, endDate: null, endReason: null }, [plan.next]);
  }

  private async planChange(anyId: string, req: ProvisionChangeRequest, caller: Caller | undefined): Promise<ChangePlan> {
    const lineage = await this.provisions.findLineage(anyId);
    if (!lineage) throw ProvisionError.missing();
    const versions = await this.provisions.versions([lineage.id]);
    const previous = versions[versions.length - 1];
    if (caller) {
      if (!mayRead(caller, { municipalities: [lineage.municipality] })) throw ProvisionError.missing();
      requireActFor(caller, lineage.municipality, 'municipality');
    }
    if (lineage.endDate && req.validFrom > lineage.endDate) {
      throw DomainError.conflict(ProvisionErrorCode.PROVISION_ENDED, `the provision ended on ${lineage.endDate}`, [
        { name: 'validFrom', code: ProvisionErrorCode.PROVISION_ENDED, reason: `the provision ended on ${lineage.endDate}` },
      ]);
    }
    if (req.validFrom < previous.validFrom) {
      throw DomainError.invalidField(
        ProvisionErrorCode.VALID_FROM_BEFORE_LATEST_VERSION,
        'validFrom',
        `validFrom must be on or after the latest version's validFrom (${previous.validFrom})`,
        422,
      );
    }
    const periodEnd = req.periodEnd ?? previous.periodEnd;
    if (periodEnd && req.validFrom > periodEnd) {
      throw DomainError.invalidField(ProvisionErrorCode.VALID_FROM_AFTER_PERIOD_END, req.periodEnd ? 'periodEnd' : 'validFrom', `the provision's period ends on ${periodEnd}, before validFrom`, 422);
    }
    const deliveryForm = req.deliveryForm ?? previous.deliveryForm;
    const volume =
      req.volume ?? (previous.volumeAmount != null && previous.volumeUnit && previous.volumeFrequency ? { amount: previous.volumeAmount, unit: previous.volumeUnit, frequency: previous.volumeFrequency } : null);
    const providerAgb = req.providerAgb ?? (deliveryForm === DeliveryForm.PGB && req.deliveryForm ? null : previous.providerAgb);
    const budgetCents = req.budgetCents ?? (req.volume && deliveryForm === DeliveryForm.IN_KIND ? null : previous.budgetCents);
    const productCode = req.productCode ?? previous.productCode;
    const problems = provisionProblems(
      { category: lineage.category, deliveryForm, providerAgb, volume, period: { start: previous.periodStart, end: periodEnd }, budgetCents },
      previous.law,
      CHANGE_FIELDS,
    );
    if (problems.length) throw new ValidationFailedError(problems, 'the change leaves an invalid provision');

    const person = mustExist(await this.persons.findById(lineage.personId), `person ${lineage.personId}`);
    const answer = await this.responsibility.determine({
      category: lineage.category,
      date: req.validFrom,
      decidingMunicipality: lineage.municipality,
      originMunicipality: person.originMunicipality,
      brpMunicipality: person.brpMunicipality,
      lineage: { basis: lineage.responsibilityBasis, clientSince: lineage.clientSince, start: lineage.periodStart },
    });
    const prevVolume = previous.volumeAmount != null ? { amount: previous.volumeAmount, unit: previous.volumeUnit, frequency: previous.volumeFrequency } : null;
    const sameVolume = volume === null || prevVolume === null ? volume === prevVolume : volume.amount === prevVolume.amount && volume.unit === prevVolume.unit && volume.frequency === prevVolume.frequency;
    const same =
      sameVolume &&
      deliveryForm === previous.deliveryForm &&
      providerAgb === previous.providerAgb &&
      productCode === previous.productCode &&
      budgetCents === previous.budgetCents &&
      periodEnd === previous.periodEnd &&
      answer.municipality === previous.responsibleMunicipality;
    if (same) throw DomainError.invalidField(ProvisionErrorCode.NOTHING_TO_CHANGE, 'validFrom', 'the change changes nothing', 422);

    // A new contract check when in kind and the provider, product or payer changes; otherwise the contract stays.
    let approval: ContractCheckApproval | undefined;
    const recheck =
      deliveryForm === DeliveryForm.IN_KIND &&
      (previous.deliveryForm !== DeliveryForm.IN_KIND ||
        providerAgb !== previous.providerAgb ||
        productCode !== previous.productCode ||
        answer.municipality !== previous.responsibleMunicipality);
    if (recheck && providerAgb) {
      const [outcome] = await checkContracts(this.contracts, [
        {
          field: 'providerAgb',
          request: {
            providerAgb,
            municipality: answer.municipality,
            product: { category: lineage.category, ...(productCode ? { code: productCode } : {}) } as ProvisionChangedV1['product'],
            date: req.validFrom,
          },
        },
      ]);
      approval = (outcome as { ok: true; approval: ContractCheckApproval }).approval;
    }
    const tariffUnit = approval?.unit ?? (deliveryForm === DeliveryForm.IN_KIND ? previous.tariffUnit : null);
    if (volume && tariffUnit && !unitFitsTariff(volume.unit, tariffUnit)) {
      throw DomainError.invalidField(DecisionErrorCode.UNIT_NOT_CONTRACTED, 'volume.unit', `the contract prices this product per ${tariffUnit}`, 422);
    }
    const inKind = deliveryForm === DeliveryForm.IN_KIND;
    const id = randomUUID();
    const next: NewVersion = {
      ...previous,
      id,
      version: previous.version + 1,
      validFrom: req.validFrom,
      responsibleMunicipality: answer.municipality,
      responsibilityReason: answer.reason,
      responsibilitySwitchOn: answer.switchOn && (!periodEnd || answer.switchOn <= periodEnd) ? answer.switchOn : null,
      productCode,
      deliveryForm,
      providerAgb,
      volumeAmount: volume?.amount ?? null,
      volumeUnit: volume?.unit ?? null,
      volumeFrequency: volume?.frequency ?? null,
      periodEnd,
      budgetCents,
      contractId: inKind ? (approval?.contractId ?? previous.contractId) : null,
      tariffCents: inKind ? (approval?.tariffCents ?? previous.tariffCents) : null,
      tariffUnit,
      variant: inKind ? (approval?.variant ?? previous.variant) : null,
      crisis: approval?.crisis ?? previous.crisis,
      previousProvisionId: previous.id,
      changeReason: req.changeReason ?? null,
      createdBySub: caller?.sub ?? 'system',
    };
    delete (next as Partial<ProvisionRow>).responsibilitySwitchError;
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
    if (!plan.person.municipalities.includes(plan.next.responsibleMunicipality)) {
      await this.persons.addMunicipalities(plan.person.id, [plan.next.responsibleMunicipality]);
    }
    await this.logPerson(plan.person.bsn, ProcessingAction.UPDATE, plan.next.id, plan.next.municipality, plan.next.law);
    const data: ProvisionChangedV1 = {
      ...provisionEvent(plan.next, pseudonymize(plan.person.bsn)),
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
    if (lineage.endDate) {
      throw DomainError.conflict(ProvisionErrorCode.PROVISION_ALREADY_ENDED, `the provision ended on ${lineage.endDate}`, [
        { name: 'endDate', code: ProvisionErrorCode.PROVISION_ALREADY_ENDED, reason: `ended on ${lineage.endDate}` },
      ]);
    }
    const versions = await this.provisions.versions([lineage.id]);
    const current = versions[versions.length - 1];
    const fail = (code: ProvisionErrorCode, reason: string) => DomainError.invalidField(code, 'endDate', reason, 422);
    if (req.endDate < lineage.periodStart) throw fail(ProvisionErrorCode.END_BEFORE_START, `endDate lies before the provision's start (${lineage.periodStart})`);
    if (req.endDate < current.validFrom) throw fail(ProvisionErrorCode.END_BEFORE_LATEST_VERSION, `endDate lies before the latest version's validFrom (${current.validFrom})`);
    if (current.periodEnd && req.endDate > current.periodEnd) {
      throw fail(ProvisionErrorCode.END_AFTER_PERIOD_END, `endDate lies after the period's end (${current.periodEnd}); extend with a change instead`);
    }
    await this.provisions.endLineage(lineage.id, req.endDate, req.reason, req.note ?? null);
    const person = mustExist(await this.persons.findById(lineage.personId), `person ${lineage.personId}`);
    await this.logPerson(person.bsn, ProcessingAction.UPDATE, lineage.id, lineage.municipality, current.law);
    const data: ProvisionEndedV1 = {
      provisionId: current.id,
      lineageId: lineage.id,
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
    return this.lineageView(updated, versions, versions);
  }

  /**
   * The job: when a new client's origin period ends, the BRP municipality (or the safety net)
   * pays from that day: a new version with the new payer, after procurement's check for it. A
   * refusal is kept on the version (visible in the API) and retried on the next run.
   */
  async switchResponsibilities(today: IsoDate = this.clock.today()): Promise<{ switched: number; failed: number }> {
    let switched = 0;
    let failed = 0;
    for (const due of await this.provisions.dueSwitches(today, 200)) {
      try {
        const plan = await this.planChange(due.id, { validFrom: due.switchOn } as ProvisionChangeRequest, undefined);
        await this.writeChange(plan);
        switched++;
      } catch (e) {
        if (e instanceof DomainError && e.code === ProvisionErrorCode.NOTHING_TO_CHANGE) {
          // The payer turned out the same (the BRP municipality is the origin now): nothing to switch.
          await this.recordSwitchError(due.id, null, true);
          continue;
        }
        failed++;
        const message = e instanceof DomainError ? `${e.code}: ${e.message}` : (e as Error).message;
        this.logger.warn(`responsibility switch of provision ${due.id} on ${due.switchOn} failed: ${message}`);
        await this.recordSwitchError(due.id, message.slice(0, 500));
      }
    }
    return { switched, failed };
  }

  @Transactional()
  private async recordSwitchError(id: string, message: string | null, clearSwitch = false): Promise<void> {
    await this.provisions.setSwitchError(id, message, clearSwitch);
  }

  private lineageView(lineage: LineageRow, visible: ProvisionRow[], all: ProvisionRow[]): LineageView {
    const views = visible.map((v) => provisionView(v, lineage, all));
    return {
      lineageId: lineage.id,
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
