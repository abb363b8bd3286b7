import { ContractCheckApproval, DecisionOutcome, DeliveryForm, DomainError, isCrisisCategory, IsoDate, Law, ResponsibilityReason, Unit } from '@vangnet/contracts';
import { ValidationFailedError } from '@vangnet/messaging';
import { Calendar, objectionTerm, objectionTermEnd } from '../deadlines/deadline.rules';
import { CheckItem, cs343Problem, decisionOutcome, fieldsAt, productOf, ProvisionOutcome, provisionProblems, ProvisionVersion, unitFitsTariff } from '../provisions/provisions.rules';
import { ResidenceFacts } from '../persons/persons.dto';
import { determineResponsibility, Mandate, mandateFor, PriorIndication, ResponsibilityAnswer, ResponsibilityRuleSet, scopeOf } from '../responsibility/responsibility.rules';
import { notAfterToday, notBefore } from '../shared/dates';
import { DecisionRequest, ProvisionInput } from './decisions.dto';
import { DecisionEntity, DecisionRejectionEntity } from './decisions.entity';
import { DecisionErrorCode } from './decisions.errors';

/** What a decision needs of its application and person (read by the applications feature). */
export interface DecisionCase {
  id: string;
  personId: string;
  brpMunicipality: string | null;
  /** The facts beyond the BRP municipality the responsibility rules read (Jeugdwet art. 1.1, bill 36288). */
  residence: ResidenceFacts | null;
  personOriginMunicipality: string | null;
  personMunicipalities: string[];
  householdId: string | null;
  municipality: string;
  law: Law;
  receivedAt: IsoDate;
  originMunicipality: string | null;
  status: string;
}

/** Everything the planning needs; the service reads it, the rules decide. */
export interface DecisionInput {
  req: DecisionRequest;
  app: DecisionCase;
  today: IsoDate;
  /** The decreed days (Atw art. 3 lid 3) the objection term is computed with. */
  calendar: Calendar;
  decidedBySub: string;
  ruleSets: readonly ResponsibilityRuleSet[];
  /** The person's protected-housing lineages (only read when protected housing is granted). */
  priorIndications: readonly PriorIndication[];
  /** The recorded mandates to decide for another municipality. */
  mandates: readonly Mandate[];
  /** The deciding caller's organisation (a mandate may name the team). */
  callerOrg: string;
}

interface Granted {
  p: ProvisionInput;
  /** Its position in the request (`provisions[i]`). */
  i: number;
  period: NonNullable<ProvisionInput['period']>;
  deliveryForm: DeliveryForm;
  answer: ResponsibilityAnswer;
}

/** A decision before procurement answers: what it grants, who pays, and the checks to ask (one per in-kind provision). */
export interface PreparedDecision {
  input: DecisionInput;
  decidedAt: IsoDate;
  sentAt: IsoDate;
  granted: Granted[];
  checks: CheckItem[];
  /** For each granted provision, the index of its check in `checks` (undefined: not in kind). */
  checkOf: Array<number | undefined>;
}

export type NewDecision = Omit<DecisionEntity, 'createdAt'>;
export type NewRejection = Omit<DecisionRejectionEntity, 'decisionId'>;
export interface NewLineage {
  id: string;
  personId: string;
  decisionId: string;
  municipality: string;
  /** Who pays for the whole lineage; its assignment number is this municipality's. */
  responsibleMunicipality: string;
  category: string;
  periodStart: IsoDate;
  responsibilityBasis: ResponsibilityReason;
  clientSince: IsoDate | null;
  responsibilityRuleSetId: string | null;
  responsibilityInputs: Record<string, unknown>;
  requestId: string | null;
  originMunicipality: string | null;
}

/** A lineage with the number the paying municipality's sequence gave it (inside the write's transaction). */
export type NumberedLineage = NewLineage & { assignmentNumber: number };

/** What the decision writes, in one statement. */
export interface DecisionPlan<L extends NewLineage = NewLineage> {
  decision: NewDecision;
  /** The objection term's deadline: what it counts from and the calendar version it was computed with. */
  objectionTerm: { countsFrom: IsoDate; termDays: number; calendarVersion: number };
  rejections: NewRejection[];
  lineages: L[];
  versions: ProvisionVersion[];
  /** Paying municipalities that must be able to read the person from now on. */
  addToScope: string[];
}

/** The 409 of an application decided already (also when a concurrent decision won the write). */
export function alreadyDecided(): DomainError {
  return DomainError.conflict(DecisionErrorCode.APPLICATION_ALREADY_DECIDED, 'this application has been decided', [
    { name: 'applicationId', code: DecisionErrorCode.APPLICATION_ALREADY_DECIDED, reason: 'decided already' },
  ]);
}

/** The categories whose earlier provisions bill 36288 art. 1.2.1a lid 1 a reads: protected housing. */
export function protectedHousingCategories(ruleSets: readonly ResponsibilityRuleSet[]): string[] {
  return [...new Set(ruleSets.flatMap((r) => r.protectedHousingCategories))];
}

/** Whether the planning needs the person's earlier protected-housing provisions (protected housing is granted). */
export function needsPriorIndications(req: DecisionRequest, ruleSets: readonly ResponsibilityRuleSet[]): boolean {
  const governed = new Set(protectedHousingCategories(ruleSets));
  return req.provisions.some((p) => p.outcome !== ProvisionOutcome.REJECTED && governed.has(p.product.category));
}

/**
 * The first half of a decision (pure): the application is open, the date is possible, each
 * provision meets the rules (each problem named by its field), who pays for each granted one
 * (DOMAIN.md "Responsible municipality"), and the contract check each in-kind one needs, for the
 * paying municipality on its start date (ARCHITECTURE §2 "Which municipality").
 */
export function prepareDecision(input: DecisionInput): PreparedDecision {
  const { app, req, today } = input;
  if (app.status !== 'OPEN') throw alreadyDecided();
  const decidedAt = notAfterToday(req.decidedAt ?? today, today, 'decidedAt');
  notBefore(decidedAt, app.receivedAt, 'decidedAt', 'application');
  // Awb 6:8 lid 1: the objection term runs from the day after the decision was sent or handed over.
  const sentAt = notAfterToday(req.sentAt ?? decidedAt, today, 'sentAt');
  notBefore(sentAt, decidedAt, 'sentAt', 'decision');

  const problems = req.provisions.flatMap((p, i) =>
    provisionProblems(
      { outcome: p.outcome, category: p.product.category, deliveryForm: p.deliveryForm, providerAgb: p.providerAgb, volume: p.volume, period: p.period, budgetCents: p.budgetCents },
      app.law,
      fieldsAt(`provisions[${i}]`),
    ),
  );
  if (problems.length) throw new ValidationFailedError(problems, 'the decision has invalid provisions');
  if (req.urgent) urgentProblems(req, app.law);

  const granted: Granted[] = req.provisions.flatMap((p, i) => {
    if (p.outcome === ProvisionOutcome.REJECTED) return [];
    // The DTO requires both for a granted provision; narrow them for the compiler.
    if (!p.period || !p.deliveryForm) throw new Error(`provisions[${i}] passed validation without period or delivery form`);
    const answer = determineResponsibility({
      ruleSets: input.ruleSets,
      law: app.law,
      category: p.product.category,
      date: p.period.start,
      decidingMunicipality: app.municipality,
      person: { ...(app.residence ?? {}), brpMunicipality: app.brpMunicipality },
      priorIndications: input.priorIndications,
    });
    // The responsible municipality decides, or another under its recorded mandate (Awb 10:1).
    if (answer.legallyResponsible !== app.municipality) {
      const scope = scopeOf(app.law, p.product.category);
      if (!mandateFor(input.mandates, answer.legallyResponsible, [input.callerOrg, app.municipality], scope, decidedAt)) {
        throw DomainError.invalidField(
          DecisionErrorCode.NOT_RESPONSIBLE,
          `provisions[${i}].product.category`,
          `${answer.legallyResponsible} is responsible (${answer.reason}); ${app.municipality} decides for it only under a recorded mandate for ${scope}`,
          422,
        );
      }
    }
    return [{ p, i, period: p.period, deliveryForm: p.deliveryForm, answer }];
  });

  const checks: CheckItem[] = [];
  const checkOf = granted.map(({ p, i, period, deliveryForm, answer }) => {
    // In kind always has a provider here (provisionProblems refused it otherwise).
    if (deliveryForm !== DeliveryForm.IN_KIND || !p.providerAgb) return undefined;
    checks.push({
      field: `provisions[${i}].providerAgb`,
      request: { providerAgb: p.providerAgb, municipality: answer.municipality, product: productOf(p.product.category, p.product.code), date: period.start },
    });
    return checks.length - 1;
  });
  return { input, decidedAt, sentAt, granted, checks, checkOf };
}

/**
 * The second half (pure): with procurement's approvals (in the order of `checks`), the decision,
 * its rejections, one new lineage per granted provision (its first version carries the contract
 * and tariff) and the objection term (Awb 6:7, 6 weeks). `newId` gives the ids.
 */
export function planDecision(prepared: PreparedDecision, approvals: readonly ContractCheckApproval[], newId: () => string): DecisionPlan {
  const { app, req, decidedBySub } = prepared.input;
  const decisionId = newId();
  const versions: ProvisionVersion[] = prepared.granted.map(({ p, i, period, deliveryForm, answer }, g) => {
    const k = prepared.checkOf[g];
    const approval = k === undefined ? undefined : approvals[k];
    if (approval && p.volume && !unitFitsTariff(p.volume.unit, approval.unit)) {
      throw DomainError.invalidField(
        DecisionErrorCode.UNIT_NOT_CONTRACTED,
        `provisions[${i}].volume.unit`,
        `the contract prices this product per ${approval.unit}; a volume in ${p.volume.unit} cannot be assigned`,
        422,
      );
    }
    // CS343 for PIECE in kind: 84 (governed) for an effort-based contract, 82 for an output-based one.
    const cs343 = approval && p.volume?.unit === Unit.PIECE ? cs343Problem(p.volume, period.end ?? null, approval.variant, `provisions[${i}].volume.frequency`) : undefined;
    if (cs343) throw new ValidationFailedError([cs343], 'the decision has invalid provisions');
    const id = newId();
    return {
      id,
      lineageId: id,
      version: 1,
      validFrom: period.start,
      decisionId,
      personId: app.personId,
      householdId: app.householdId,
      municipality: app.municipality,
      responsibleMunicipality: answer.municipality,
      responsibilityReason: answer.reason,
      // No automatic switch of payer any more: another payer needs a new lineage (issue 11).
      responsibilitySwitchOn: null,
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
      createdBySub: decidedBySub,
    };
  });
  const rejections: NewRejection[] = req.provisions.flatMap((p, i) =>
    p.outcome === ProvisionOutcome.REJECTED
      ? [{ id: newId(), position: i, category: p.product.category, productCode: p.product.code ?? null, deliveryForm: p.deliveryForm ?? null, reason: p.reason ?? null }]
      : [],
  );
  const outcome: DecisionOutcome = decisionOutcome(req.provisions.map((p) => p.outcome ?? ProvisionOutcome.GRANTED));
  return {
    decision: {
      id: decisionId,
      applicationId: app.id,
      personId: app.personId,
      householdId: app.householdId,
      municipality: app.municipality,
      law: app.law,
      decidedAt: prepared.decidedAt,
      sentAt: prepared.sentAt,
      urgent: req.urgent ?? false,
      outcome,
      objectionDue: objectionTermEnd(prepared.sentAt, prepared.input.calendar),
      decidedBySub,
      note: req.note ?? null,
    },
    objectionTerm: { ...objectionTerm(prepared.sentAt), calendarVersion: prepared.input.calendar.version },
    rejections,
    lineages: versions.map((v, g) => ({
      id: v.id,
      personId: v.personId,
      decisionId,
      municipality: v.municipality,
      responsibleMunicipality: v.responsibleMunicipality,
      category: v.category,
      periodStart: v.periodStart,
      responsibilityBasis: prepared.granted[g].answer.basis,
      clientSince: prepared.granted[g].answer.clientSince,
      responsibilityRuleSetId: prepared.granted[g].answer.ruleSetId,
      responsibilityInputs: prepared.granted[g].answer.inputs,
      requestId: req.requestId ?? null,
      originMunicipality: app.originMunicipality ?? app.personOriginMunicipality,
    })),
    versions,
    addToScope: [...new Set(versions.map((v) => v.responsibleMunicipality))].filter((m) => !app.personMunicipalities.includes(m)),
  };
}

/**
 * Wmo 2015 art. 2.3.3: in an urgent case the college decides at once on a temporary provision,
 * before the investigation is done. The Jeugdwet has no such article (youth crisis care runs on a
 * referral); what is temporary has an end date.
 */
function urgentProblems(req: DecisionRequest, law: Law): void {
  if (law !== Law.WMO) throw DomainError.invalidField(DecisionErrorCode.URGENT_WMO_ONLY, 'urgent', 'an urgent temporary provision is a Wmo 2015 art. 2.3.3 decision', 422);
  const granted = req.provisions.map((p, i) => ({ p, i })).filter(({ p }) => p.outcome !== ProvisionOutcome.REJECTED);
  if (!granted.length) throw DomainError.invalidField(DecisionErrorCode.URGENT_GRANTS_NOTHING, 'urgent', 'an urgent decision grants a temporary provision', 422);
  const open = granted.filter(({ p }) => !p.period?.end);
  if (open.length) {
    throw new ValidationFailedError(
      open.map(({ i }) => ({ name: `provisions[${i}].period.end`, code: DecisionErrorCode.TEMPORARY_NEEDS_END, reason: 'a temporary provision (Wmo 2.3.3) ends' })),
      'an urgent decision grants temporary provisions',
    );
  }
}

/** The plan with each lineage's assignment number (`numbers` in the order of the lineages). */
export function numberedPlan(plan: DecisionPlan, numbers: readonly number[]): DecisionPlan<NumberedLineage> {
  if (numbers.length !== plan.lineages.length) throw new Error(`invariant broken: ${numbers.length} numbers for ${plan.lineages.length} lineages`);
  return { ...plan, lineages: plan.lineages.map((l, i) => ({ ...l, assignmentNumber: numbers[i] })) };
}
