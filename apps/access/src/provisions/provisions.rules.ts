import {
  ContractCheckApproval,
  ContractCheckRequest,
  DecisionOutcome,
  DeliveryForm,
  DeliveryReportStatus,
  DomainError,
  FinancingVariant,
  Frequency,
  InvalidParam,
  IsoDate,
  Law,
  ProvisionGrantedV1,
  Unit,
  addDays,
  isMinutesAgainstHour,
  lawOfCategory,
  unitToIstandaard,
} from '@vangnet/contracts';
import { ValidationFailedError } from '@vangnet/messaging';
import { DeliveryView, ProvisionChangeRequest, ProvisionView } from './provisions.dto';
import { ProvisionDeliveryEntity, ProvisionEntity, ProvisionLineageEntity } from './provisions.entity';
import { ProvisionErrorCode } from './provisions.errors';

export enum ProvisionOutcome {
  GRANTED = 'GRANTED',
  REJECTED = 'REJECTED',
}

/** What the rules need of a requested provision (the HTTP body or a change merged onto a version). */
export interface ProvisionShape {
  outcome?: ProvisionOutcome;
  category: string;
  deliveryForm?: DeliveryForm;
  providerAgb?: string | null;
  volume?: { amount: number; unit: Unit; frequency: Frequency } | null;
  period?: { start: IsoDate; end?: IsoDate | null } | null;
  budgetCents?: number | null;
}

export interface ShapeFields {
  category: string;
  deliveryForm: string;
  providerAgb: string;
  volume: string;
  volumeFrequency: string;
  periodEnd: string;
  budgetCents: string;
}

export function fieldsAt(path: string): ShapeFields {
  return {
    category: `${path}.product.category`,
    deliveryForm: `${path}.deliveryForm`,
    providerAgb: `${path}.providerAgb`,
    volume: `${path}.volume`,
    volumeFrequency: `${path}.volume.frequency`,
    periodEnd: `${path}.period.end`,
    budgetCents: `${path}.budgetCents`,
  };
}

/**
 * The rules a granted provision must meet beyond its field formats (ARCHITECTURE §2 "Budgets",
 * DOMAIN.md "Provisions"), each named by its field:
 * - the category belongs to the application's law (Wmo 01–18, Jeugdwet 40–55);
 * - a volume per day, week or month needs an end date (TOTAL covers the whole period);
 * - in kind needs a provider; a PGB needs its budget;
 * - a provision without volume (PGB, aspecific) carries its budget for the whole period; an in-kind
 *   provision with a volume is priced by the contract, so it carries no budget.
 */
export function provisionProblems(p: ProvisionShape, law: Law, f: ShapeFields): InvalidParam[] {
  const out: InvalidParam[] = [];
  const add = (name: string, code: string, reason: string) => out.push({ name, code, reason });
  if (lawOfCategory(p.category) !== law) add(f.category, 'CATEGORY_NOT_IN_LAW', `category ${p.category} is not a ${law} category`);
  if (p.outcome === ProvisionOutcome.REJECTED) return out;
  if (p.volume && p.volume.frequency !== Frequency.TOTAL && !p.period?.end) {
    add(f.periodEnd, 'END_DATE_REQUIRED', `a ${p.volume.frequency} volume needs an end date`);
  }
  // PIECE is 84 (CS343) only for an effort-based product: in kind, the contract check tells (see cs343Problem in the plan).
  const cs343 = p.volume && (p.volume.unit !== Unit.PIECE || p.deliveryForm !== DeliveryForm.IN_KIND) ? cs343Problem(p.volume, p.period?.end ?? null, undefined, f.volumeFrequency) : undefined;
  if (cs343) out.push(cs343);
  if (p.deliveryForm === DeliveryForm.IN_KIND && !p.providerAgb) add(f.providerAgb, 'REQUIRED', 'an in-kind provision needs the provider’s AGB code');
  if (p.deliveryForm === DeliveryForm.PGB && p.budgetCents == null) add(f.budgetCents, 'BUDGET_REQUIRED', 'a PGB carries its budget for the whole period');
  else if (!p.volume && p.budgetCents == null) {
    add(f.budgetCents, 'BUDGET_REQUIRED', 'a provision without volume (aspecific) carries its budget for the whole period');
  }
  if (p.deliveryForm === DeliveryForm.IN_KIND && p.volume && p.budgetCents != null) {
    add(f.budgetCents, 'BUDGET_WITH_VOLUME', 'an in-kind provision with a volume is priced by its contract; leave out the budget or the volume');
  }
  return out;
}

/** The iWmo/iJw units CS343 governs: 14 etmaal, 16 dagdeel, 83 euro, 84 stuks (inspanning). */
const CS343_UNITS: readonly string[] = ['14', '16', '83', '84'];
const CS343_FREQUENCIES: readonly Frequency[] = [Frequency.PER_WEEK, Frequency.PER_MONTH, Frequency.TOTAL];

/**
 * iWmo/iJw 3.2 rule CS343: when the unit is 14 (etmaal), 16 (dagdeel), 83 (euro) or 84 (stuks,
 * effort-based) and the assignment's end date lies after 2020-12-31 or is empty, the frequency is
 * 2 (per week), 4 (per month) or 6 (total within the assignment's validity), never per day.
 * `variant` decides whether PIECE is 84 (effort, the default) or 82 (output, not governed).
 */
export function cs343Problem(volume: { unit: Unit; frequency: Frequency }, periodEnd: IsoDate | null, variant: FinancingVariant | null | undefined, field: string): InvalidParam | undefined {
  if (periodEnd && periodEnd <= '2020-12-31') return undefined;
  const unitCode = unitToIstandaard(volume.unit, variant ?? FinancingVariant.EFFORT);
  if (!CS343_UNITS.includes(unitCode) || CS343_FREQUENCIES.includes(volume.frequency)) return undefined;
  return {
    name: field,
    code: 'FREQUENCY_NOT_ALLOWED',
    reason: `iWmo/iJw rule CS343: a volume in ${volume.unit} (code ${unitCode}) takes frequency PER_WEEK, PER_MONTH or TOTAL, not ${volume.frequency}`,
  };
}

/** A provision's unit may differ from the contract's only as minutes against an hour tariff. */
export function unitFitsTariff(unit: Unit, tariffUnit: Unit): boolean {
  return unit === tariffUnit || isMinutesAgainstHour(unit, tariffUnit);
}

export function decisionOutcome(outcomes: readonly ProvisionOutcome[]): DecisionOutcome {
  const granted = outcomes.filter((o) => o === ProvisionOutcome.GRANTED).length;
  if (granted === outcomes.length) return DecisionOutcome.GRANTED;
  return granted === 0 ? DecisionOutcome.REJECTED : DecisionOutcome.PARTIALLY_GRANTED;
}

/** The last day a version applies: the day before the next version starts (may precede its own start when replaced on the same day). */
export function validTo(nextValidFrom: IsoDate | undefined): IsoDate | null {
  return nextValidFrom ? addDays(nextValidFrom, -1) : null;
}

/** A version as stored, less what the database fills in. */
export type ProvisionVersion = Omit<ProvisionEntity, 'createdAt' | 'responsibilitySwitchError'>;

/** What every version of a lineage carries in its events: the assignment number, the provider's request, the origin. */
export type LineageFacts = Pick<ProvisionLineageEntity, 'assignmentNumber' | 'requestId' | 'originMunicipality'>;

/** A lineage as the view and the rules need it. */
export type LineageState = LineageFacts & Pick<ProvisionLineageEntity, 'latestVersion' | 'endDate' | 'endReason'>;

/** A contract check of one request, with the field of the provider it is about (`provisions[1].providerAgb`). */
export interface CheckItem {
  field: string;
  request: ContractCheckRequest;
}

/** The event payload of a version (granted, or changed with previousProvisionId added). No BSN, no name. */
export function provisionEvent(p: ProvisionVersion, personPseudonym: string, lineage: LineageFacts): ProvisionGrantedV1 {
  return {
    provisionId: p.id,
    lineageId: p.lineageId,
    assignmentNumber: lineage.assignmentNumber,
    ...(lineage.requestId ? { requestId: lineage.requestId } : {}),
    ...(lineage.originMunicipality ? { originMunicipality: lineage.originMunicipality } : {}),
    version: p.version,
    validFrom: p.validFrom,
    decisionId: p.decisionId,
    personId: p.personId,
    personPseudonym,
    ...(p.householdId ? { householdId: p.householdId } : {}),
    product: productOf(p.category, p.productCode),
    deliveryForm: p.deliveryForm,
    ...(p.providerAgb ? { providerAgb: p.providerAgb } : {}),
    ...(p.volumeAmount != null && p.volumeUnit && p.volumeFrequency
      ? { volume: { amount: p.volumeAmount, unit: p.volumeUnit, frequency: p.volumeFrequency } }
      : {}),
    period: { start: p.periodStart, ...(p.periodEnd ? { end: p.periodEnd } : {}) },
    ...(p.budgetCents != null ? { budgetCents: p.budgetCents } : {}),
    ...(p.contractId ? { contractId: p.contractId } : {}),
    ...(p.tariffCents != null ? { tariffCents: p.tariffCents } : {}),
    ...(p.tariffUnit ? { tariffUnit: p.tariffUnit } : {}),
    ...(p.variant ? { variant: p.variant } : {}),
    municipality: p.municipality,
    responsibleMunicipality: p.responsibleMunicipality,
    responsibilityReason: p.responsibilityReason,
    law: p.law,
    crisis: p.crisis,
  };
}

/** The wire product of a category and an optional product code. */
export function productOf(category: string, code: string | null | undefined): ProvisionGrantedV1['product'] {
  return { category, ...(code ? { code } : {}) } as ProvisionGrantedV1['product'];
}

export function provisionView(p: ProvisionVersion, lineage: LineageState, versions: readonly Pick<ProvisionVersion, 'id' | 'version' | 'validFrom'>[]): ProvisionView {
  const next = versions.find((v) => v.version === p.version + 1);
  const current = versions.reduce((a, b) => (b.version > a.version ? b : a), p);
  return {
    provisionId: p.id,
    lineageId: p.lineageId,
    assignmentNumber: lineage.assignmentNumber,
    requestId: lineage.requestId,
    version: p.version,
    validFrom: p.validFrom,
    validTo: validTo(next?.validFrom),
    status: lineage.endDate ? 'ENDED' : p.version < lineage.latestVersion ? 'SUPERSEDED' : 'ACTIVE',
    currentProvisionId: current.id,
    decisionId: p.decisionId,
    personId: p.personId,
    householdId: p.householdId,
    product: { category: p.category, ...(p.productCode ? { code: p.productCode } : {}) },
    deliveryForm: p.deliveryForm,
    providerAgb: p.providerAgb,
    volume: p.volumeAmount != null && p.volumeUnit && p.volumeFrequency ? { amount: p.volumeAmount, unit: p.volumeUnit, frequency: p.volumeFrequency } : null,
    period: { start: p.periodStart, end: p.periodEnd },
    budgetCents: p.budgetCents,
    contractId: p.contractId,
    tariffCents: p.tariffCents,
    tariffUnit: p.tariffUnit,
    variant: p.variant,
    crisis: p.crisis,
    law: p.law,
    municipality: p.municipality,
    responsibleMunicipality: p.responsibleMunicipality,
    responsibilityReason: p.responsibilityReason,
    responsibilitySwitchOn: p.responsibilitySwitchOn,
    previousProvisionId: p.previousProvisionId,
    changeReason: p.changeReason,
    endDate: lineage.endDate,
    endReason: lineage.endReason,
  };
}

/** The latest of a lineage's versions (they come ordered by version). */
export function latestOf<T extends { version: number }>(versions: readonly T[]): T {
  const latest = versions.reduce<T | undefined>((a, b) => (!a || b.version > a.version ? b : a), undefined);
  if (!latest) throw new Error('invariant broken: a lineage without versions');
  return latest;
}

const CHANGE_FIELDS: ShapeFields = {
  category: 'productCode',
  deliveryForm: 'deliveryForm',
  providerAgb: 'providerAgb',
  volume: 'volume',
  volumeFrequency: 'volume.frequency',
  periodEnd: 'periodEnd',
  budgetCents: 'budgetCents',
};

/** What a change needs: the lineage and its latest version (the payer stays the lineage's). */
export interface ChangeInput {
  lineage: Pick<ProvisionLineageEntity, 'id' | 'municipality' | 'category' | 'periodStart' | 'responsibilityBasis' | 'clientSince' | 'endDate'>;
  previous: ProvisionVersion;
  req: ProvisionChangeRequest;
}

/** A change before the contract check: the new version's fields, and the check it needs (if any). */
export interface PreparedChange {
  input: ChangeInput;
  fields: Pick<ProvisionVersion, 'productCode' | 'deliveryForm' | 'providerAgb' | 'volumeAmount' | 'volumeUnit' | 'volumeFrequency' | 'periodEnd' | 'budgetCents'>;
  responsibility: Pick<ProvisionVersion, 'responsibleMunicipality' | 'responsibilityReason' | 'responsibilitySwitchOn'>;
  /** Procurement's check: in kind, when the provider, the product or the payer changes (or it becomes in kind). */
  check: CheckItem | null;
}

/**
 * The first half of a change (pure): the request merged onto the latest version, checked like a
 * grant, the paying municipality on `validFrom`, and whether procurement must check again.
 * Throws the 409/422 a caseworker sees.
 */
export function prepareChange(input: ChangeInput): PreparedChange {
  const { lineage, previous, req } = input;
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
  const prevVolume = volumeOf(previous);
  const volume = req.volume ?? prevVolume;
  // A switch to PGB drops the provider unless one is named; a new volume in kind drops the budget.
  const providerAgb = req.providerAgb ?? (deliveryForm === DeliveryForm.PGB && req.deliveryForm ? null : previous.providerAgb);
  const budgetCents = req.budgetCents ?? (req.volume && deliveryForm === DeliveryForm.IN_KIND ? null : previous.budgetCents);
  const productCode = req.productCode ?? previous.productCode;
  const problems = provisionProblems(
    { category: lineage.category, deliveryForm, providerAgb, volume, period: { start: previous.periodStart, end: periodEnd }, budgetCents },
    previous.law,
    CHANGE_FIELDS,
  );
  if (problems.length) throw new ValidationFailedError(problems, 'the change leaves an invalid provision');

  // Existing provisions keep the municipality they were decided with (issue 12): a change never re-determines the payer.
  const answer = { municipality: previous.responsibleMunicipality, reason: previous.responsibilityReason };
  const same =
    sameVolume(volume, prevVolume) &&
    deliveryForm === previous.deliveryForm &&
    providerAgb === previous.providerAgb &&
    productCode === previous.productCode &&
    budgetCents === previous.budgetCents &&
    periodEnd === previous.periodEnd &&
    answer.municipality === previous.responsibleMunicipality;
  if (same) throw DomainError.invalidField(ProvisionErrorCode.NOTHING_TO_CHANGE, 'validFrom', 'the change changes nothing', 422);
  const recheck =
    deliveryForm === DeliveryForm.IN_KIND &&
    !!providerAgb &&
    (previous.deliveryForm !== DeliveryForm.IN_KIND ||
      providerAgb !== previous.providerAgb ||
      productCode !== previous.productCode ||
      answer.municipality !== previous.responsibleMunicipality);
  return {
    input,
    fields: {
      productCode,
      deliveryForm,
      providerAgb,
      volumeAmount: volume?.amount ?? null,
      volumeUnit: volume?.unit ?? null,
      volumeFrequency: volume?.frequency ?? null,
      periodEnd,
      budgetCents,
    },
    responsibility: {
      responsibleMunicipality: answer.municipality,
      responsibilityReason: answer.reason,
      // The payer never switches inside a lineage any more (issue 11; ADR 0036).
      responsibilitySwitchOn: null,
    },
    check:
      recheck && providerAgb
        ? {
            field: 'providerAgb',
            request: { providerAgb, municipality: answer.municipality, product: productOf(lineage.category, productCode), date: req.validFrom },
          }
        : null,
  };
}

/**
 * The second half (pure): the new version from the prepared change and procurement's approval
 * (when it was asked). A new approval brings its contract and tariff; otherwise an in-kind version
 * keeps the previous contract, and any other form carries none.
 */
export function planChange(prepared: PreparedChange, approval: ContractCheckApproval | undefined, id: string, createdBySub: string): ProvisionVersion {
  const { previous, req } = prepared.input;
  const f = prepared.fields;
  const inKind = f.deliveryForm === DeliveryForm.IN_KIND;
  const tariffUnit = approval?.unit ?? (inKind ? previous.tariffUnit : null);
  if (f.volumeUnit && tariffUnit && !unitFitsTariff(f.volumeUnit, tariffUnit)) {
    throw DomainError.invalidField(ProvisionErrorCode.UNIT_NOT_CONTRACTED, 'volume.unit', `the contract prices this product per ${tariffUnit}`, 422);
  }
  const variant = inKind ? (approval?.variant ?? previous.variant) : null;
  const cs343 = inKind && f.volumeUnit === Unit.PIECE && f.volumeFrequency ? cs343Problem({ unit: f.volumeUnit, frequency: f.volumeFrequency }, f.periodEnd, variant, 'volume.frequency') : undefined;
  if (cs343) throw new ValidationFailedError([cs343], 'the change leaves an invalid provision');
  return {
    id,
    lineageId: previous.lineageId,
    version: previous.version + 1,
    validFrom: req.validFrom,
    decisionId: previous.decisionId,
    personId: previous.personId,
    householdId: previous.householdId,
    municipality: previous.municipality,
    ...prepared.responsibility,
    category: previous.category,
    ...f,
    periodStart: previous.periodStart,
    contractId: inKind ? (approval?.contractId ?? previous.contractId) : null,
    tariffCents: inKind ? (approval?.tariffCents ?? previous.tariffCents) : null,
    tariffUnit,
    variant: inKind ? (approval?.variant ?? previous.variant) : null,
    crisis: approval?.crisis ?? previous.crisis,
    law: previous.law,
    previousProvisionId: previous.id,
    changeReason: req.changeReason ?? null,
    createdBySub,
  };
}

/** Why a lineage cannot end on `endDate` (pure); the end date is inclusive. */
export function endProblem(lineage: Pick<ProvisionLineageEntity, 'periodStart' | 'endDate'>, current: Pick<ProvisionVersion, 'validFrom' | 'periodEnd'>, endDate: IsoDate): DomainError | null {
  if (lineage.endDate) {
    return DomainError.conflict(ProvisionErrorCode.PROVISION_ALREADY_ENDED, `the provision ended on ${lineage.endDate}`, [
      { name: 'endDate', code: ProvisionErrorCode.PROVISION_ALREADY_ENDED, reason: `ended on ${lineage.endDate}` },
    ]);
  }
  const fail = (code: ProvisionErrorCode, reason: string) => DomainError.invalidField(code, 'endDate', reason, 422);
  if (endDate < lineage.periodStart) return fail(ProvisionErrorCode.END_BEFORE_START, `endDate lies before the provision's start (${lineage.periodStart})`);
  if (endDate < current.validFrom) return fail(ProvisionErrorCode.END_BEFORE_LATEST_VERSION, `endDate lies before the latest version's validFrom (${current.validFrom})`);
  if (current.periodEnd && endDate > current.periodEnd) {
    return fail(ProvisionErrorCode.END_AFTER_PERIOD_END, `endDate lies after the period's end (${current.periodEnd}); extend with a change instead`);
  }
  return null;
}

type VolumeValue = { amount: number; unit: Unit; frequency: Frequency };

function volumeOf(p: Pick<ProvisionVersion, 'volumeAmount' | 'volumeUnit' | 'volumeFrequency'>): VolumeValue | null {
  return p.volumeAmount != null && p.volumeUnit && p.volumeFrequency ? { amount: p.volumeAmount, unit: p.volumeUnit, frequency: p.volumeFrequency } : null;
}

function sameVolume(a: VolumeValue | null, b: VolumeValue | null): boolean {
  return a === null || b === null ? a === b : a.amount === b.amount && a.unit === b.unit && a.frequency === b.frequency;
}

/**
 * The deliveries as the provider reported them, by start date: a start withdrawn (DELETED) is no
 * delivery; a stop withdrawn leaves the delivery running. A stop that came before its start shows
 * once the start is in.
 */
export function deliveryViews(rows: readonly ProvisionDeliveryEntity[]): DeliveryView[] {
  return [...rows]
    .filter((r) => r.startStatus !== null && r.startStatus !== DeliveryReportStatus.DELETED)
    .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0))
    .map((r) => {
      const stopped = r.stopStatus !== null && r.stopStatus !== DeliveryReportStatus.DELETED && r.endDate !== null;
      return {
        status: stopped ? 'STOPPED' : 'STARTED',
        startDate: r.startDate,
        endDate: stopped ? r.endDate : null,
        reasonCode: stopped ? r.reasonCode : null,
        providerAgb: r.providerAgb,
      };
    });
}

/** A start or stop report as the exchange's events carry it. */
export interface DeliveryReport {
  provisionLineageId: string;
  assignmentNumber: number;
  providerAgb: string;
  municipality: string;
  startDate: IsoDate;
  status: DeliveryReportStatus;
  reportedOn: IsoDate;
  /** A stop: its last day and reason (the law's own code). */
  stop?: { endDate: IsoDate; reasonCode: string; law: Law };
}

export function emptyDelivery(lineageId: string, startDate: IsoDate, providerAgb: string): ProvisionDeliveryEntity {
  return {
    lineageId,
    startDate,
    providerAgb,
    startStatus: null,
    startReportedOn: null,
    endDate: null,
    reasonCode: null,
    reasonLaw: null,
    stopStatus: null,
    stopReportedOn: null,
  };
}

/**
 * A report applied to what is known of that start (pure): the report with the latest `reportedOn`
 * wins for its part (start or stop); an older or equal one changes nothing, so a replay or a late
 * arrival is harmless. DELETED withdraws its part (COD467).
 */
export function applyReport(row: ProvisionDeliveryEntity, r: DeliveryReport): ProvisionDeliveryEntity {
  if (!r.stop) {
    if (row.startReportedOn !== null && r.reportedOn <= row.startReportedOn) return row;
    return { ...row, providerAgb: r.providerAgb, startStatus: r.status, startReportedOn: r.reportedOn };
  }
  if (row.stopReportedOn !== null && r.reportedOn <= row.stopReportedOn) return row;
  return { ...row, endDate: r.stop.endDate, reasonCode: r.stop.reasonCode, reasonLaw: r.stop.law, stopStatus: r.status, stopReportedOn: r.reportedOn };
}
