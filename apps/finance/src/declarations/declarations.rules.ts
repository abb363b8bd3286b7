import {
  DebitCredit,
  DeclarationAssessedV1,
  DeclarationReceivedV1,
  InvalidParam,
  IsoDate,
  lastDayOfMonth,
  MAX_INLINE_REJECTED_LINES,
  RejectedDeclarationLine,
  RetourCode,
  yearOf,
} from '@vangnet/contracts';
import { ProvisionVersionFacts } from '../commitments/commitments.rules';
import { TariffNeed, TariffQuote, tariffKeyOf } from '../tariffs/tariffs.rules';
import { assessLines, AssessmentContext, DeclarationLineInput, LineageForAssessment, LineOutcome, PriorUse } from './assessment.rules';
import type { DeclarationEntity, DeclarationLineEntity } from './declarations.entity';
import { DeclarationAnswer, DeclarationView, LineView, RejectionCount } from './declarations.dto';
import { DeclarationErrorCode } from './declarations.errors';
import { APPROVED_RETOUR_CODE, describeReason, LineReason, RETOUR_CODE_OF } from './reason-codes';
import { declarationDueDate } from './working-days.rules';

// A declaration from submission to what is stored and answered, as pure steps: the service loads
// what they need and writes what they plan (ADR 0043). The HTTP route and the exchange's
// declarations by reference (ADR 0049) both go through them.

/** Answers carry every line's outcome up to this many lines; larger declarations are read page by page. */
export const INLINE_LINES = 1000;

/** A line as stored: its input, the version it was assessed against and the outcome. */
export type StoredLine = Omit<DeclarationLineEntity, 'declarationId' | 'providerAgb' | 'payerMunicipality'>;

/** The declaration's own row. */
export type DeclarationRecord = DeclarationEntity;

/** A declaration's header, from the HTTP body or the exchange's event. */
export interface DeclarationHeader {
  /** The municipality it is sent to (it assigned the care and pays the provider). */
  municipality: string;
  declarationNumber: string;
  period: { start: IsoDate; end?: IsoDate };
  /** Net total (debits − credits) as the provider states it. */
  totalCents?: number;
}

/**
 * What is wrong with a header beyond its fields' formats: the period is one calendar month that
 * has started (iWmo DeclaratiePeriode), and only the provider's own AGB may be named.
 */
export function headerProblems(h: DeclarationHeader & { providerAgb?: string }, agb: string, today: IsoDate): InvalidParam[] {
  const bad: InvalidParam[] = [];
  if (h.providerAgb && h.providerAgb !== agb) bad.push({ name: 'providerAgb', code: DeclarationErrorCode.NOT_YOUR_AGB, reason: `you declare as AGB ${agb}` });
  if (!h.period.end) bad.push({ name: 'period.end', code: 'REQUIRED', reason: 'period.end is required' });
  else if (h.period.start.slice(8) !== '01' || h.period.end !== lastDayOfMonth(h.period.start)) {
    bad.push({ name: 'period', code: DeclarationErrorCode.NOT_A_CALENDAR_MONTH, reason: 'the declaration period is one calendar month (first to last day)' });
  } else if (h.period.start > today) {
    bad.push({ name: 'period.start', code: DeclarationErrorCode.PERIOD_IN_FUTURE, reason: `the declaration period starts after today (${today})` });
  }
  return bad;
}

/** What the lines ask for: debits − credits. */
export function netCents(lines: readonly DeclarationLineInput[]): number {
  return lines.reduce((a, l) => a + (l.debitCredit === DebitCredit.CREDIT ? -l.amountCents : l.amountCents), 0);
}

/** TotaalIngediendBedrag against the lines (debits − credits), when the provider states it. */
export function totalProblem(lines: readonly DeclarationLineInput[], totalCents: number | undefined): InvalidParam | undefined {
  if (totalCents === undefined) return undefined;
  const net = netCents(lines);
  if (net === totalCents) return undefined;
  return { name: 'totalCents', code: DeclarationErrorCode.TOTAL_MISMATCH, reason: `totalCents is ${totalCents} but the lines add up to ${net} (debits − credits)` };
}

/** The lineages a declaration's lines name, as the assessment needs them. */
export interface ResolvedAssignments {
  lineages: Map<string, LineageForAssessment>;
  /** provisionId (any version) or lineageId → lineageId. */
  lineageOf: Map<string, string>;
  lineageIds: string[];
  /** Lines naming a provision that is not assigned to this provider (at most 100 named). */
  unknown: InvalidParam[];
}

/**
 * Group the versions into lineages and check every line names one of this provider's: a line
 * naming an unknown provision, or another provider's, refuses the whole declaration.
 */
export function resolveAssignments(
  agb: string,
  lines: readonly DeclarationLineInput[],
  versions: readonly ProvisionVersionFacts[],
  ends: ReadonlyMap<string, IsoDate>,
): ResolvedAssignments {
  const lineageOf = new Map<string, string>();
  const lineages = new Map<string, LineageForAssessment>();
  for (const v of versions) {
    lineageOf.set(v.provisionId, v.lineageId);
    lineageOf.set(v.lineageId, v.lineageId);
    const l = lineages.get(v.lineageId) ?? { lineageId: v.lineageId, versions: [], endDate: ends.get(v.lineageId) ?? null };
    l.versions.push(v);
    lineages.set(v.lineageId, l);
  }
  const ours = new Set([...lineages.values()].filter((l) => l.versions.some((v) => v.providerAgb === agb)).map((l) => l.lineageId));
  const unknown: InvalidParam[] = [];
  for (let i = 0; i < lines.length && unknown.length < 100; i++) {
    const lineage = lineageOf.get(lines[i].provisionId);
    if (!lineage || !ours.has(lineage)) {
      unknown.push({ name: `lines[${i}].provisionId`, code: DeclarationErrorCode.UNKNOWN_PROVISION, reason: `no provision ${lines[i].provisionId} is assigned to AGB ${agb}` });
    }
  }
  return { lineages, lineageOf, lineageIds: [...lineages.keys()], unknown };
}

export interface Assessment {
  outcomes: LineOutcome[];
  /** Tariffs the quotes lacked (procurement is asked for them, then the lines are assessed again). */
  needs: TariffNeed[];
}

/**
 * Assess every line against its lineage, the contract tariffs `quote` knows and what was approved
 * before (`prior` is not changed), noting the tariffs it lacked.
 */
export function assessDeclaration(
  lines: readonly DeclarationLineInput[],
  ctx: Omit<AssessmentContext, 'tariffOf'>,
  prior: PriorUse,
  quote: (v: ProvisionVersionFacts, year: number) => TariffQuote | undefined,
): Assessment {
  const needs: TariffNeed[] = [];
  const tariffOf = (v: ProvisionVersionFacts, year: number): TariffQuote | undefined => {
    const q = quote(v, year);
    const key = q ? undefined : tariffKeyOf(v, year);
    if (key) needs.push({ key, date: v.validFrom > `${year}-01-01` ? v.validFrom : `${year}-01-01` });
    return q;
  };
  const outcomes = assessLines(lines, { ...ctx, tariffOf }, clonePrior(prior));
  return { outcomes, needs };
}

function clonePrior(p: PriorUse): PriorUse {
  return {
    volume: new Map(p.volume),
    money: new Map(p.money),
    delivered: new Set(p.delivered),
    references: new Set(p.references),
    debits: p.debits,
    credited: new Set(p.credited),
  };
}

/** Who submitted it and when (the HTTP route: the provider's user today; the exchange: its receipt). */
export interface Receipt {
  id: string;
  providerAgb: string;
  receivedOn: IsoDate;
  receivedAt: Date;
  submittedBy: string;
}

/** Approved cents to add to one provider × responsible municipality × year's cumulative spend. */
export interface SpendDelta {
  providerAgb: string;
  municipality: string;
  year: number;
  deltaCents: number;
}

export interface DeclarationPlan {
  record: DeclarationRecord;
  lines: StoredLine[];
  /** Per provider × responsible municipality × year with approved lines (finance.spend.reported). */
  spend: SpendDelta[];
  /** Municipality-years whose realised figures changed (budgets check them). */
  budgetKeys: Array<{ municipality: string; year: number }>;
  /** The residents whose data the declaration is about, each once, on the municipality responsible for them. */
  residents: Array<{ pseudonym: string; municipality: string }>;
  /** How many lines each reason rejected, in the reasons' order. */
  rejections: RejectionCount[];
}

/** What to store and report for an assessed declaration. */
export function planDeclaration(receipt: Receipt, header: DeclarationHeader, lines: readonly DeclarationLineInput[], outcomes: readonly LineOutcome[]): DeclarationPlan {
  const stored = lines.map((l, i) => storedLine(l, outcomes[i]));
  const sum = (f: (l: StoredLine) => boolean) => stored.reduce((a, l) => (f(l) ? a + l.amountCents : a), 0);
  const approved = stored.filter((l) => l.approved).length;
  const record: DeclarationRecord = {
    id: receipt.id,
    providerAgb: receipt.providerAgb,
    municipality: header.municipality,
    declarationNumber: header.declarationNumber,
    periodStart: header.period.start,
    periodEnd: header.period.end ?? lastDayOfMonth(header.period.start),
    receivedOn: receipt.receivedOn,
    dueDate: declarationDueDate(receipt.receivedOn),
    receivedAt: receipt.receivedAt,
    submittedBy: receipt.submittedBy,
    status: 'ASSESSED',
    lineCount: stored.length,
    approvedCount: approved,
    rejectedCount: stored.length - approved,
    submittedDebitCents: sum((l) => l.debitCredit === DebitCredit.DEBIT),
    submittedCreditCents: sum((l) => l.debitCredit === DebitCredit.CREDIT),
    approvedDebitCents: sum((l) => l.approved && l.debitCredit === DebitCredit.DEBIT),
    approvedCreditCents: sum((l) => l.approved && l.debitCredit === DebitCredit.CREDIT),
  };

  // Spend per provider × responsible municipality × year, cumulative, to procurement's ceilings.
  const spend = new Map<string, SpendDelta>();
  for (const l of stored) {
    if (!l.approved) continue;
    const year = yearOf(l.periodStart);
    const k = `${l.responsibleMunicipality}|${year}`;
    const cur = spend.get(k) ?? { providerAgb: receipt.providerAgb, municipality: l.responsibleMunicipality, year, deltaCents: 0 };
    cur.deltaCents += l.approvedCents;
    spend.set(k, cur);
  }

  const residents = new Map<string, string>();
  for (const o of outcomes) residents.set(o.version.personPseudonym, o.version.responsibleMunicipality);

  const counts = new Map<string, number>();
  for (const l of stored) for (const r of l.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return {
    record,
    lines: stored,
    spend: [...spend.values()],
    budgetKeys: [...spend.values()].map((s) => ({ municipality: s.municipality, year: s.year })),
    residents: [...residents.entries()].map(([pseudonym, municipality]) => ({ pseudonym, municipality })),
    rejections: (Object.values(LineReason) as LineReason[]).filter((r) => counts.has(r)).map((r) => ({ code: r, retourCode: RETOUR_CODE_OF[r], lines: counts.get(r) ?? 0 })),
  };
}

function storedLine(l: DeclarationLineInput, o: LineOutcome): StoredLine {
  return {
    lineNo: l.lineNo,
    reference: l.reference,
    previousReference: l.previousReference,
    referenceOwner: o.referenceOwner,
    submittedProvisionId: l.provisionId,
    lineageId: o.lineageId,
    provisionId: o.version.provisionId,
    personId: o.version.personId,
    responsibleMunicipality: o.version.responsibleMunicipality,
    category: l.category,
    productCode: l.productCode,
    periodStart: l.periodStart,
    periodEnd: l.periodEnd,
    volume: l.volume,
    unit: l.unit,
    tariffCents: l.tariffCents,
    amountCents: l.amountCents,
    debitCredit: l.debitCredit,
    approved: o.approved,
    reasons: o.reasons,
    approvedCents: o.approvedCents,
    countUnit: o.countUnit,
    countedVolume: o.countedVolume,
  };
}

/** The answer to the submission: the declaration, its rejections by reason, and every line's outcome up to INLINE_LINES. */
export function answerOf(plan: DeclarationPlan): DeclarationAnswer {
  const answer: DeclarationAnswer = { ...declarationView(plan.record), rejections: plan.rejections };
  if (plan.lines.length <= INLINE_LINES) answer.lines = plan.lines.map(lineView);
  return answer;
}

export function declarationView(d: DeclarationRecord): DeclarationView {
  const submitted = d.submittedDebitCents - d.submittedCreditCents;
  const approved = d.approvedDebitCents - d.approvedCreditCents;
  return {
    id: d.id,
    declarationNumber: d.declarationNumber,
    providerAgb: d.providerAgb,
    municipality: d.municipality,
    period: { start: d.periodStart, end: d.periodEnd },
    status: d.status,
    receivedOn: d.receivedOn,
    dueDate: d.dueDate,
    receivedAt: d.receivedAt,
    submittedBy: d.submittedBy,
    totals: {
      lines: d.lineCount,
      approvedLines: d.approvedCount,
      rejectedLines: d.rejectedCount,
      submittedCents: submitted,
      approvedCents: approved,
      rejectedCents: submitted - approved,
      submittedDebitCents: d.submittedDebitCents,
      submittedCreditCents: d.submittedCreditCents,
      approvedDebitCents: d.approvedDebitCents,
      approvedCreditCents: d.approvedCreditCents,
    },
  };
}

export function lineView(l: StoredLine): LineView {
  const reasons = l.reasons.map((r) => describeReason(r as LineReason));
  return {
    lineNo: l.lineNo,
    reference: l.reference,
    ...(l.previousReference ? { previousReference: l.previousReference } : {}),
    provisionId: l.submittedProvisionId,
    lineageId: l.lineageId,
    product: { category: l.category, ...(l.productCode ? { code: l.productCode } : {}) },
    period: { start: l.periodStart, end: l.periodEnd },
    volume: l.volume,
    unit: l.unit,
    tariffCents: l.tariffCents,
    amountCents: l.amountCents,
    debitCredit: l.debitCredit,
    status: l.approved ? 'APPROVED' : 'REJECTED',
    approvedCents: l.approvedCents,
    retourCode: l.approved ? APPROVED_RETOUR_CODE : reasons[0].retourCode,
    reasons,
  };
}

// Declarations by reference (exchange.declaration.received.v1 → finance.declaration.assessed.v1).

/** The rejected lines as the 325 answers them: the reference and every reason's WJ001 code, each once. */
export function rejectedLinesOf(lines: readonly StoredLine[]): RejectedDeclarationLine[] {
  return lines.filter((l) => !l.approved).map((l) => ({ reference: l.reference, retourCodes: [...new Set(l.reasons.map((r) => RETOUR_CODE_OF[r as LineReason]))] }));
}

/** Where rejected lines beyond the inline limit go, in the declaration's own bucket. */
export function rejectedObjectNameOf(declarationRef: string): string {
  return `${declarationRef}.rejected.ndjson`;
}

/**
 * The answer to a declaration by reference: its totals and the rejected lines, inline up to
 * MAX_INLINE_REJECTED_LINES, else only their count and the object they are in.
 */
export function assessedEventOf(received: DeclarationReceivedV1, plan: DeclarationPlan, rejected: readonly RejectedDeclarationLine[]): DeclarationAssessedV1 {
  const r = plan.record;
  const byReference = rejected.length > MAX_INLINE_REJECTED_LINES;
  return {
    declarationId: r.id,
    declarationRef: received.declarationRef,
    providerAgb: r.providerAgb,
    municipality: r.municipality,
    declarationNumber: r.declarationNumber,
    totals: { submittedCents: r.submittedDebitCents - r.submittedCreditCents, approvedCents: r.approvedDebitCents - r.approvedCreditCents },
    rejectedCount: rejected.length,
    ...(byReference ? { rejectedObjectName: rejectedObjectNameOf(received.declarationRef) } : { rejected: [...rejected] }),
  };
}

/**
 * The answer to a declaration refused whole (nothing of it is stored): the header's retour codes,
 * no line approved and none rejected one by one (the 325 carries the codes on its header).
 */
export function refusalEventOf(received: DeclarationReceivedV1, declarationId: string, retourCodes: RetourCode[], submittedCents: number): DeclarationAssessedV1 {
  return {
    declarationId,
    declarationRef: received.declarationRef,
    providerAgb: received.providerAgb,
    municipality: received.municipality,
    declarationNumber: received.declarationNumber,
    totals: { submittedCents, approvedCents: 0 },
    rejectedCount: 0,
    rejected: [],
    declarationRetourCodes: retourCodes,
  };
}

/** A whole refusal's WJ001 code on the 325's header, for the refusals that have one. */
export const REFUSAL_RETOUR_CODE: Partial<Record<DeclarationErrorCode, RetourCode>> = {
  /** Declaratienummer is niet uniek (iWmo 9333). */
  [DeclarationErrorCode.DUPLICATE_DECLARATION_NUMBER]: '9333',
  /** Niet iedere prestatie is gerelateerd aan een toegewezen product op basis van het toewijzingnummer (9338). */
  [DeclarationErrorCode.UNKNOWN_PROVISION]: '9338',
};
