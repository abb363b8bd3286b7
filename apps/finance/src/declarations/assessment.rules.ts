import { amountFor, DebitCredit, DeliveryForm, divRoundHalfUp, IsoDate, isMinutesAgainstHour, Unit } from '@vangnet/contracts';
import { ProvisionVersionFacts, segmentsOf } from '../commitments/commitments.rules';
import { TariffQuote } from '../tariffs/tariffs.rules';
import { dayNumber, daysInMonthOf } from '../shared/day-numbers';
import { LineReason } from './reason-codes';
import { countFactor, countUnitOf, maxForProductPeriodN, maxForSegment } from './volume.rules';

// Line-by-line assessment of a declaration (iWmo 323 prestaties). Pure: the service loads the
// assignments, tariffs and what was approved before, this decides every line.

export interface DeclarationLineInput {
  lineNo: number;
  reference: string;
  previousReference: string | null;
  provisionId: string;
  category: string;
  productCode: string | null;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  volume: number;
  unit: Unit;
  tariffCents: number;
  amountCents: number;
  debitCredit: DebitCredit;
}

export interface LineageForAssessment {
  lineageId: string;
  versions: ProvisionVersionFacts[];
  endDate: IsoDate | null;
}

/** An approved debit of this provider that a credit may name. */
export interface PriorDebit {
  reference: string;
  lineageId: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  category: string;
  productCode: string | null;
  volume: number;
  unit: Unit;
  amountCents: number;
}

/** What earlier approved lines already used; the assessment updates a copy as it goes. */
export interface PriorUse {
  /** `${lineageId}|${countUnit}` → approved volume net of credits, in the count unit. */
  volume: Map<string, number>;
  /** lineageId → approved amount net of credits (budget assignments). */
  money: Map<string, number>;
  /** `${lineageId}|${month}|${category}|${code}` of approved debits not credited. */
  delivered: Set<string>;
  /** References this provider used before (any outcome). */
  references: Set<string>;
  /** Approved debits named as previousReference by this declaration's credits. */
  debits: Map<string, PriorDebit>;
  /** References of debits that an approved credit already reverses. */
  credited: Set<string>;
}

export interface AssessmentContext {
  providerAgb: string;
  /** The municipality the declaration is addressed to (it pays the provider). */
  municipality: string;
  /** First day of the declaration month. */
  declarationMonth: IsoDate;
  lineages: ReadonlyMap<string, LineageForAssessment>;
  /** provisionId (any version) or lineageId → lineageId. */
  lineageOf: ReadonlyMap<string, string>;
  tariffOf: (v: ProvisionVersionFacts, year: number) => TariffQuote | undefined;
}

export interface LineOutcome {
  lineNo: number;
  approved: boolean;
  reasons: LineReason[];
  /** Signed: debit +, credit −; 0 when rejected. */
  approvedCents: number;
  lineageId: string;
  /** The version in force on the period's first day (or the nearest). */
  version: ProvisionVersionFacts;
  countUnit: Unit | null;
  /** Unsigned volume in the count unit. */
  countedVolume: number;
  /** False when the reference duplicates an earlier one (it stays owned by the first). */
  referenceOwner: boolean;
}

export function deliveredKey(lineageId: string, periodStart: IsoDate, category: string, code: string | null): string {
  return `${lineageId}|${periodStart.slice(0, 7)}|${category}|${code ?? ''}`;
}

/** A version's days in force as day numbers (end Infinity while open). */
interface Seg {
  version: ProvisionVersionFacts;
  start: IsoDate;
  end: IsoDate | null;
  startN: number;
  endN: number;
}

/** What the assessment needs of a lineage, computed once however many lines name it. */
interface Prepared {
  lineage: LineageForAssessment;
  segments: Seg[];
  /** First and last day of the assignment (last null while open). */
  startN: number;
  endN: number | null;
  /** Maximum volume over the whole assignment per count unit (TR322). */
  lineageMax: Map<Unit, number>;
  /** Total budget of budget-only versions, null when none. */
  budgetMax: number | null;
}

function prepare(lineage: LineageForAssessment): Prepared {
  const segments = segmentsOf(lineage.versions, lineage.endDate).map((s) => ({
    version: s.version,
    start: s.start,
    end: s.end,
    startN: dayNumber(s.start),
    endN: s.end === null ? Infinity : dayNumber(s.end),
  }));
  const lineageMax = new Map<Unit, number>();
  let budgetMax: number | null = null;
  for (const s of segments) {
    const vol = s.version.volume;
    if (vol) {
      const unit = countUnitOf(vol.unit);
      const max = maxForSegment({ ...vol, variant: s.version.variant, category: s.version.category }, s.start, s.end) * countFactor(vol.unit);
      lineageMax.set(unit, (lineageMax.get(unit) ?? 0) + max);
    } else if (s.version.budgetCents !== null) {
      budgetMax = (budgetMax ?? 0) + s.version.budgetCents;
    }
  }
  const last = segments[segments.length - 1];
  return {
    lineage,
    segments,
    startN: segments.length ? segments[0].startN : 0,
    endN: last && last.endN !== Infinity ? last.endN : null,
    lineageMax,
    budgetMax,
  };
}

const REASON_RANK = new Map((Object.values(LineReason) as LineReason[]).map((r, i) => [r, i]));

/** volume × tariff, and for minutes on an hour tariff: × minutes ÷ 60 half up (TR346), without BigInt when safe. */
function expectedAmount(volume: number, tariffCents: number, minutes: boolean): number {
  const product = volume * tariffCents;
  if (!Number.isSafeInteger(product * 2 + 60)) return amountFor(volume, tariffCents, minutes);
  return minutes ? Math.floor((product * 2 + 60) / 120) : product;
}

/**
 * Assess every line. Credits go first (OP366: a line is credited before its correction is
 * debited), then debits, each in submission order; approved lines count for the lines after them.
 */
export function assessLines(lines: readonly DeclarationLineInput[], ctx: AssessmentContext, prior: PriorUse): LineOutcome[] {
  const prepared = new Map<string, Prepared>();
  const prep = (lineageId: string): Prepared => {
    let p = prepared.get(lineageId);
    if (!p) {
      const lineage = ctx.lineages.get(lineageId);
      if (!lineage) throw new Error(`lineage ${lineageId} was not loaded`);
      p = prepare(lineage);
      prepared.set(lineageId, p);
    }
    return p;
  };
  const outcomes: LineOutcome[] = new Array(lines.length);
  const order = [...lines.keys()].sort((a, b) => {
    const ca = lines[a].debitCredit === DebitCredit.CREDIT ? 0 : 1;
    const cb = lines[b].debitCredit === DebitCredit.CREDIT ? 0 : 1;
    return ca - cb || a - b;
  });
  for (const i of order) {
    const line = lines[i];
    const lineageId = ctx.lineageOf.get(line.provisionId);
    if (!lineageId) throw new Error(`provision ${line.provisionId} was not resolved`);
    const p = prep(lineageId);
    outcomes[i] = line.debitCredit === DebitCredit.CREDIT ? assessCredit(line, p, ctx, prior) : assessDebit(line, p, ctx, prior);
  }
  return outcomes;
}

function versionAt(p: Prepared, date: IsoDate): ProvisionVersionFacts {
  const n = dayNumber(date);
  const hit = p.segments.find((s) => s.startN <= n && n <= s.endN);
  if (hit) return hit.version;
  // Nearest version for the record (the line is rejected for its period anyway).
  const sorted = [...p.lineage.versions].sort((a, b) => a.version - b.version);
  return sorted.filter((v) => v.validFrom <= date).pop() ?? sorted[0];
}

function referenceCheck(line: DeclarationLineInput, prior: PriorUse, reasons: LineReason[]): boolean {
  if (prior.references.has(line.reference)) {
    reasons.push(LineReason.DUPLICATE_REFERENCE);
    return false;
  }
  prior.references.add(line.reference);
  return true;
}

function assessCredit(line: DeclarationLineInput, p: Prepared, ctx: AssessmentContext, prior: PriorUse): LineOutcome {
  const reasons: LineReason[] = [];
  const referenceOwner = referenceCheck(line, prior, reasons);
  const version = versionAt(p, line.periodStart);
  const debit = line.previousReference ? prior.debits.get(line.previousReference) : undefined;
  let countUnit: Unit | null = null;
  let counted = 0;
  if (!debit) {
    reasons.push(LineReason.CREDIT_WITHOUT_DEBIT);
  } else {
    if (prior.credited.has(debit.reference)) reasons.push(LineReason.ALREADY_CREDITED);
    const same =
      debit.lineageId === p.lineage.lineageId &&
      debit.periodStart === line.periodStart &&
      debit.periodEnd === line.periodEnd &&
      debit.category === line.category &&
      (debit.productCode ?? null) === (line.productCode ?? null) &&
      debit.volume === line.volume &&
      debit.unit === line.unit &&
      debit.amountCents === line.amountCents;
    if (!same) reasons.push(LineReason.CREDIT_DOES_NOT_MATCH_DEBIT);
    // Counted the way its debit was: in the count unit, when the assignment has a volume.
    if (version.volume) {
      countUnit = countUnitOf(line.unit);
      counted = line.volume * countFactor(line.unit);
    }
  }
  const approved = reasons.length === 0;
  if (approved && debit) {
    prior.credited.add(debit.reference);
    prior.delivered.delete(deliveredKey(p.lineage.lineageId, debit.periodStart, debit.category, debit.productCode));
    if (countUnit) bump(prior.volume, `${p.lineage.lineageId}|${countUnit}`, -counted);
    bump(prior.money, p.lineage.lineageId, -line.amountCents);
  }
  return {
    lineNo: line.lineNo,
    approved,
    reasons,
    approvedCents: approved ? -line.amountCents : 0,
    lineageId: p.lineage.lineageId,
    version,
    countUnit,
    countedVolume: counted,
    referenceOwner,
  };
}

function bump(map: Map<string, number>, key: string, delta: number): void {
  map.set(key, (map.get(key) ?? 0) + delta);
}

function assessDebit(line: DeclarationLineInput, p: Prepared, ctx: AssessmentContext, prior: PriorUse): LineOutcome {
  const reasons: LineReason[] = [];
  const add = (r: LineReason) => {
    if (!reasons.includes(r)) reasons.push(r);
  };
  const referenceOwner = referenceCheck(line, prior, reasons);
  const lineageId = p.lineage.lineageId;
  const segs = p.segments;
  const sN = dayNumber(line.periodStart);
  const eN = dayNumber(line.periodEnd);

  // Periods.
  if (line.periodStart.slice(0, 7) > ctx.declarationMonth.slice(0, 7)) add(LineReason.PERIOD_OUTSIDE_DECLARATION_PERIOD);
  const covered = (n: number) => segs.some((s) => s.startN <= n && n <= s.endN);
  const overlapping = segs.filter((s) => s.startN <= eN && s.endN >= sN);
  if (segs.length === 0) {
    add(LineReason.ASSIGNMENT_NOT_FOUND);
  } else {
    const monthStartN = sN - (Number(line.periodStart.slice(8, 10)) - 1);
    const monthEndN = monthStartN + daysInMonthOf(Number(line.periodStart.slice(0, 4)), Number(line.periodStart.slice(5, 7))) - 1;
    if (sN < p.startN || !covered(sN)) add(LineReason.PERIOD_START_BEFORE_ASSIGNMENT);
    else if (sN !== Math.max(monthStartN, p.startN)) add(LineReason.PERIOD_START_NOT_MONTH_START);
    if ((p.endN !== null && eN > p.endN) || !covered(eN)) add(LineReason.PERIOD_END_AFTER_ASSIGNMENT);
    else if (eN !== (p.endN === null ? monthEndN : Math.min(monthEndN, p.endN))) add(LineReason.PERIOD_END_NOT_MONTH_END);
  }

  // The assignment(s) in force in the period: provider, municipality, product, unit.
  let unitOk = true;
  for (const s of overlapping) {
    const v = s.version;
    if (v.providerAgb !== ctx.providerAgb || v.deliveryForm !== DeliveryForm.IN_KIND) add(LineReason.ASSIGNMENT_NOT_FOUND);
    if (ctx.municipality !== v.municipality && ctx.municipality !== v.responsibleMunicipality) add(LineReason.ASSIGNMENT_NOT_FOUND);
    if (v.category !== line.category) add(LineReason.CATEGORY_MISMATCH);
    if (v.productCode && v.productCode !== line.productCode) add(LineReason.PRODUCT_CODE_MISMATCH);
    if (v.volume && v.volume.unit !== line.unit && !isMinutesAgainstHour(line.unit, v.volume.unit)) {
      add(LineReason.UNIT_MISMATCH);
      unitOk = false;
    }
  }

  // Tariff and amount, against the contract tariff of the period's year (TR418, TR346).
  const inForce = overlapping.length ? overlapping[0].version : versionAt(p, line.periodStart);
  if (unitOk) {
    if (line.unit === Unit.EURO) {
      if (line.amountCents !== line.volume) add(LineReason.AMOUNT_MISMATCH);
    } else {
      const quote = ctx.tariffOf(inForce, Number(line.periodStart.slice(0, 4)));
      if (!quote) {
        add(LineReason.NO_CONTRACT_TARIFF);
      } else if (quote.unit !== line.unit && !isMinutesAgainstHour(line.unit, quote.unit)) {
        add(LineReason.UNIT_MISMATCH);
        unitOk = false;
      } else {
        const minutes = isMinutesAgainstHour(line.unit, quote.unit);
        const tariffOk =
          line.tariffCents === quote.tariffCents || (minutes && line.tariffCents === Number(divRoundHalfUp(BigInt(quote.tariffCents), 60n)));
        if (!tariffOk) add(LineReason.TARIFF_MISMATCH);
        else if (line.amountCents !== expectedAmount(line.volume, quote.tariffCents, minutes)) add(LineReason.AMOUNT_MISMATCH);
      }
    }
  }

  // Volume: per product period (TR321) and over the assignment (TR322), or the budget (9369).
  const countUnit = countUnitOf(line.unit);
  const counted = line.volume * countFactor(line.unit);
  let hasVolume = false;
  if (unitOk && overlapping.length) {
    let periodMax = 0;
    for (const s of overlapping) {
      const vol = s.version.volume;
      if (!vol) continue;
      hasVolume = true;
      const vv = { amount: vol.amount, unit: vol.unit, frequency: vol.frequency, variant: s.version.variant ?? inForce.variant, category: s.version.category };
      periodMax += maxForProductPeriodN(vv, Math.max(s.startN, sN), Math.min(s.endN, eN), p.startN, p.endN) * countFactor(vol.unit);
    }
    if (hasVolume) {
      if (counted > periodMax) add(LineReason.VOLUME_EXCEEDS_FREQUENCY);
      const used = prior.volume.get(`${lineageId}|${countUnit}`) ?? 0;
      if (used + counted > (p.lineageMax.get(countUnit) ?? 0)) add(LineReason.VOLUME_EXCEEDS_ASSIGNMENT);
    } else if (p.budgetMax !== null) {
      const used = prior.money.get(lineageId) ?? 0;
      if (used + line.amountCents > p.budgetMax) add(LineReason.BUDGET_EXCEEDED);
    }
  } else {
    hasVolume = overlapping.some((s) => s.version.volume);
  }

  const key = deliveredKey(lineageId, line.periodStart, line.category, line.productCode);
  if (prior.delivered.has(key)) add(LineReason.DUPLICATE_DELIVERY);

  const approved = reasons.length === 0;
  if (approved) {
    prior.delivered.add(key);
    if (hasVolume) bump(prior.volume, `${lineageId}|${countUnit}`, counted);
    bump(prior.money, lineageId, line.amountCents);
  }
  if (reasons.length > 1) reasons.sort((a, b) => (REASON_RANK.get(a) ?? 0) - (REASON_RANK.get(b) ?? 0));
  return {
    lineNo: line.lineNo,
    approved,
    reasons,
    approvedCents: approved ? line.amountCents : 0,
    lineageId,
    version: inForce,
    countUnit: hasVolume ? countUnit : null,
    countedVolume: hasVolume ? counted : 0,
    referenceOwner,
  };
}
