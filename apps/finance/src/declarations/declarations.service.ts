import { Injectable, Logger } from '@nestjs/common';
import { AuthError, Caller, hasRole, mayRead, ProcessingAction, ProcessingLog, providerAgbOf, requireActingProvider } from '@vangnet/auth';
import { DebitCredit, InvalidParam, IsoDate, lastDayOfMonth, Role, SPEND_REPORTED_V1, SpendReportedV1, Unit, validatePayload, yearOf } from '@vangnet/contracts';
import { Outbox, ValidationFailedError } from '@vangnet/messaging';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Clock, decodeCursor, encodeCursor, mustExist, Page, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { BudgetMonitor } from '../budgets/budget.monitor';
import { LEGAL_BASIS, PURPOSE } from '../commitments/commitments.service';
import { ProvisionVersionFacts, TariffQuote } from '../commitments/commitments.rules';
import { tariffKeyOf } from '../tariffs/tariff-book';
import { TariffNeed, TariffsService } from '../tariffs/tariffs.service';
import { assessLines, DeclarationLineInput, LineageForAssessment, LineOutcome, PriorUse } from './assessment.rules';
import { DeclarationHeaderDto, DeclarationLinesQuery, DeclarationListQuery, parseLines } from './declarations.dto';
import { DeclarationError, DeclarationErrorCode } from './declarations.errors';
import { DeclarationRecord, DeclarationsRepository, StoredLine } from './declarations.repository';
import { APPROVED_RETOUR_CODE, describeReason, LineReason, RETOUR_CODE_OF } from './reason-codes';
import { declarationDueDate } from './working-days.rules';

/** Answers carry every line's outcome up to this many lines; larger declarations are read page by page. */
const INLINE_LINES = 1000;

export interface LineView {
  lineNo: number;
  reference: string;
  previousReference?: string;
  provisionId: string;
  lineageId: string;
  product: { category: string; code?: string };
  period: { start: IsoDate; end: IsoDate };
  volume: number;
  unit: string;
  tariffCents: number;
  amountCents: number;
  debitCredit: string;
  status: 'APPROVED' | 'REJECTED';
  approvedCents: number;
  /** WJ001: 8001 when approved, else the first reason's code. */
  retourCode: string;
  reasons: Array<{ code: string; retourCode: string; retourText: string }>;
}

export interface DeclarationView {
  id: string;
  declarationNumber: string;
  providerAgb: string;
  municipality: string;
  period: { start: IsoDate; end: IsoDate };
  status: string;
  receivedOn: IsoDate;
  /** The answer term: 10 working days after receipt (the assessment itself answers at once). */
  dueDate: IsoDate;
  receivedAt: Date;
  submittedBy: string;
  totals: {
    lines: number;
    approvedLines: number;
    rejectedLines: number;
    submittedCents: number;
    approvedCents: number;
    rejectedCents: number;
    submittedDebitCents: number;
    submittedCreditCents: number;
    approvedDebitCents: number;
    approvedCreditCents: number;
  };
}

export interface DeclarationAnswer extends DeclarationView {
  rejections: Array<{ code: string; retourCode: string; lines: number }>;
  /** Every line's outcome (declarations up to 1,000 lines; else read them with GET …/{id}). */
  lines?: LineView[];
}

export interface RawDeclaration {
  header: unknown;
  lines: unknown;
}

function viewOf(d: DeclarationRecord): DeclarationView {
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
      submittedCents: d.submittedDebitCents - d.submittedCreditCents,
      approvedCents: d.approvedDebitCents - d.approvedCreditCents,
      rejectedCents: d.submittedDebitCents - d.submittedCreditCents - (d.approvedDebitCents - d.approvedCreditCents),
      submittedDebitCents: d.submittedDebitCents,
      submittedCreditCents: d.submittedCreditCents,
      approvedDebitCents: d.approvedDebitCents,
      approvedCreditCents: d.approvedCreditCents,
    },
  };
}

function lineView(l: StoredLine): LineView {
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

/** Phase timings of one submission, logged for large declarations. */
class Phases {
  private last = performance.now();
  readonly spent: Record<string, number> = {};
  mark(phase: string): void {
    const now = performance.now();
    this.spent[phase] = Math.round(now - this.last);
    this.last = now;
  }
  toString(): string {
    return Object.entries(this.spent).map(([k, v]) => `${k} ${v} ms`).join(', ');
  }
}

@Injectable()
export class DeclarationsService {
  private readonly logger = new Logger(DeclarationsService.name);

  constructor(
    private readonly repo: DeclarationsRepository,
    private readonly tariffs: TariffsService,
    private readonly outbox: Outbox,
    private readonly log: ProcessingLog,
    private readonly monitor: BudgetMonitor,
    private readonly clock: Clock,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** Validate, assess every line and store the declaration with its answer — whole or not at all. */
  async submit(caller: Caller, raw: RawDeclaration): Promise<DeclarationAnswer> {
    const agb = requireActingProvider(caller);
    const today = this.clock.today();
    const phases = new Phases();
    const header = this.checkHeader(raw.header, agb, today);
    const { lines, invalid } = parseLines(raw.lines, today);
    if (invalid.length) throw new ValidationFailedError(invalid);
    phases.mark('validate');
    if (header.totalCents !== undefined) {
      const net = lines.reduce((a, l) => a + (l.debitCredit === DebitCredit.CREDIT ? -l.amountCents : l.amountCents), 0);
      if (net !== header.totalCents) {
        throw DeclarationError.invalidField(DeclarationErrorCode.TOTAL_MISMATCH, 'totalCents', `totalCents is ${header.totalCents} but the lines add up to ${net} (debits − credits)`);
      }
    }
    const answer = await this.txHost.withTransaction(() => this.assessAndStore(caller, agb, header, lines, today, phases));
    phases.mark('commit');
    if (lines.length >= 10_000) this.logger.log(`declaration ${answer.id}: ${lines.length} lines assessed (${phases})`);
    this.monitor.schedule();
    return answer;
  }

  private checkHeader(raw: unknown, agb: string, today: IsoDate): DeclarationHeaderDto {
    const checked = validatePayload(DeclarationHeaderDto, raw, { forbidUnknown: true });
    if (!checked.ok) throw new ValidationFailedError(checked.invalidParams);
    const h = checked.value;
    const bad: InvalidParam[] = [];
    if (h.providerAgb && h.providerAgb !== agb) bad.push({ name: 'providerAgb', code: DeclarationErrorCode.NOT_YOUR_AGB, reason: `you declare as AGB ${agb}` });
    if (!h.period.end) bad.push({ name: 'period.end', code: 'REQUIRED', reason: 'period.end is required' });
    else if (h.period.start.slice(8) !== '01' || h.period.end !== lastDayOfMonth(h.period.start)) {
      bad.push({ name: 'period', code: DeclarationErrorCode.NOT_A_CALENDAR_MONTH, reason: 'the declaration period is one calendar month (first to last day)' });
    } else if (h.period.start > today) {
      bad.push({ name: 'period.start', code: DeclarationErrorCode.PERIOD_IN_FUTURE, reason: `the declaration period starts after today (${today})` });
    }
    if (bad.length) throw new ValidationFailedError(bad);
    return h;
  }

  private async assessAndStore(
    caller: Caller,
    agb: string,
    header: DeclarationHeaderDto,
    lines: DeclarationLineInput[],
    today: IsoDate,
    phases: Phases,
  ): Promise<DeclarationAnswer> {
    await this.repo.lockProvider(agb);
    if (await this.repo.numberTaken(agb, header.declarationNumber)) {
      throw DeclarationError.conflict(DeclarationErrorCode.DUPLICATE_DECLARATION_NUMBER, `declaration number ${header.declarationNumber} was used before (iWmo 9333)`, [
        { name: 'declarationNumber', code: DeclarationErrorCode.DUPLICATE_DECLARATION_NUMBER, reason: 'Declaratienummer is niet uniek' },
      ]);
    }

    // The assignments: unknown ones (or another provider's) refuse the whole declaration.
    const ids = [...new Set(lines.map((l) => l.provisionId))];
    const versions = await this.repo.assignments(ids);
    const lineageOf = new Map<string, string>();
    for (const v of versions) {
      lineageOf.set(v.provisionId, v.lineageId);
      lineageOf.set(v.lineageId, v.lineageId);
    }
    const lineageIds = [...new Set(versions.map((v) => v.lineageId))];
    const ends = await this.repo.endsOf(lineageIds);
    const lineages = new Map<string, LineageForAssessment>();
    for (const v of versions) {
      const l = lineages.get(v.lineageId) ?? { lineageId: v.lineageId, versions: [], endDate: ends.get(v.lineageId) ?? null };
      l.versions.push(v);
      lineages.set(v.lineageId, l);
    }
    const ours = new Set([...lineages.values()].filter((l) => l.versions.some((v) => v.providerAgb === agb)).map((l) => l.lineageId));
    const unknown: InvalidParam[] = [];
    lines.forEach((l, i) => {
      const lin = lineageOf.get(l.provisionId);
      if ((!lin || !ours.has(lin)) && unknown.length < 100) {
        unknown.push({ name: `lines[${i}].provisionId`, code: DeclarationErrorCode.UNKNOWN_PROVISION, reason: `no provision ${l.provisionId} is assigned to AGB ${agb}` });
      }
    });
    if (unknown.length) throw new DeclarationError(DeclarationErrorCode.UNKNOWN_PROVISION, 'the declaration names provisions that are not assigned to you', 422, unknown);

    phases.mark('assignments');
    const book = await this.tariffs.book([agb]);
    const prior = await this.repo.priorUse(
      agb,
      lineageIds,
      lines.map((l) => l.reference),
      lines.flatMap((l) => (l.previousReference ? [l.previousReference] : [])),
    );
    const ctxFor = (tariffOf: (v: ProvisionVersionFacts, y: number) => TariffQuote | undefined) => ({
      providerAgb: agb,
      municipality: header.municipality,
      declarationMonth: header.period.start,
      lineages,
      lineageOf,
      tariffOf,
    });
    phases.mark('prior use');
    // First pass on a copy, noting tariffs the read model lacks; ask procurement for those, then assess for real.
    const needs: TariffNeed[] = [];
    let outcomes = assessLines(lines, ctxFor((v, y) => {
      const q = book.quote(v, y);
      const key = q ? undefined : tariffKeyOf(v, y);
      if (key) needs.push({ key, date: v.validFrom > `${y}-01-01` ? v.validFrom : `${y}-01-01` });
      return q;
    }), clonePrior(prior));
    if (needs.length) {
      const fill = await this.tariffs.fill(book, needs);
      if (fill.unavailable) {
        throw new DeclarationError(DeclarationErrorCode.TARIFF_SERVICE_UNAVAILABLE, 'the contract tariffs cannot be checked right now; nothing was stored, send the declaration again later', 503);
      }
      outcomes = assessLines(lines, ctxFor((v, y) => book.quote(v, y)), prior);
    }

    phases.mark('assess');
    const id = randomUUID();
    const stored = lines.map((l, i) => storedLine(l, outcomes[i]));
    const sum = (f: (l: StoredLine) => boolean) => stored.filter(f).reduce((a, l) => a + l.amountCents, 0);
    const record: Omit<DeclarationRecord, 'receivedAt'> = {
      id,
      providerAgb: agb,
      municipality: header.municipality,
      declarationNumber: header.declarationNumber,
      periodStart: header.period.start,
      periodEnd: mustExist(header.period.end, 'period.end'),
      receivedOn: today,
      dueDate: declarationDueDate(today),
      submittedBy: caller.sub,
      status: 'ASSESSED',
      lineCount: stored.length,
      approvedCount: stored.filter((l) => l.approved).length,
      rejectedCount: stored.filter((l) => !l.approved).length,
      submittedDebitCents: sum((l) => l.debitCredit === DebitCredit.DEBIT),
      submittedCreditCents: sum((l) => l.debitCredit === DebitCredit.CREDIT),
      approvedDebitCents: sum((l) => l.approved && l.debitCredit === DebitCredit.DEBIT),
      approvedCreditCents: sum((l) => l.approved && l.debitCredit === DebitCredit.CREDIT),
    };
    await this.repo.insertDeclaration(record);
    await this.repo.insertLines(id, agb, header.municipality, stored);
    phases.mark('store');

    // Spend per provider × responsible municipality × year, cumulative, to procurement's ceilings.
    const spend = new Map<string, { providerAgb: string; municipality: string; year: number; deltaCents: number }>();
    for (const l of stored) {
      if (!l.approved) continue;
      const k = `${l.responsibleMunicipality}|${yearOf(l.periodStart)}`;
      const cur = spend.get(k) ?? { providerAgb: agb, municipality: l.responsibleMunicipality, year: yearOf(l.periodStart), deltaCents: 0 };
      cur.deltaCents += l.approvedCents;
      spend.set(k, cur);
    }
    const totals = await this.repo.addSpend([...spend.values()]);
    await this.outbox.publishAll(
      totals.map((t) => ({
        type: SPEND_REPORTED_V1,
        data: { providerAgb: t.providerAgb, municipality: t.municipality, year: t.year, spendCents: t.spendCents, sequence: t.sequence } satisfies SpendReportedV1,
        municipality: t.municipality,
      })),
    );
    await this.repo.markBudgetsDirty([...spend.values()].map((s) => ({ municipality: s.municipality, year: s.year })));

    const persons = new Map<string, string>();
    outcomes.forEach((o) => persons.set(o.version.personPseudonym, o.version.responsibleMunicipality));
    await this.log.record(
      [...persons.entries()].map(([pseudonym, municipality]) => ({
        pseudonym,
        action: ProcessingAction.CREATE,
        purpose: PURPOSE,
        legalBasis: LEGAL_BASIS,
        resource: 'declaration',
        resourceId: id,
        municipality,
      })),
    );

    const counts = new Map<string, number>();
    for (const l of stored) for (const r of l.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    const answer: DeclarationAnswer = {
      ...viewOf({ ...record, receivedAt: new Date() }),
      rejections: (Object.values(LineReason) as LineReason[])
        .filter((r) => counts.has(r))
        .map((r) => ({ code: r, retourCode: RETOUR_CODE_OF[r], lines: counts.get(r) ?? 0 })),
    };
    if (stored.length <= INLINE_LINES) answer.lines = stored.map(lineView);
    return answer;
  }

  async get(caller: Caller, id: string, q: DeclarationLinesQuery): Promise<DeclarationView & { lines: LineView[]; nextCursor: string | null }> {
    return this.txHost.withTransaction(async () => {
      const d = await this.visible(caller, id);
      const limit = q.limit ?? 1000;
      const after = decodeCursor<{ n: number }>(q.cursor)?.n ?? 0;
      const rows = await this.repo.lines(id, q.status, after, limit + 1);
      const page = rows.slice(0, limit);
      const persons = new Map<string, string>();
      for (const r of page) if (r.personPseudonym) persons.set(r.personPseudonym, r.responsibleMunicipality);
      await this.log.record(
        [...persons.entries()].map(([pseudonym, municipality]) => ({
          pseudonym,
          action: ProcessingAction.READ,
          purpose: PURPOSE,
          legalBasis: LEGAL_BASIS,
          resource: 'declaration',
          resourceId: id,
          municipality,
        })),
      );
      return { ...viewOf(d), lines: page.map(lineView), nextCursor: rows.length > limit ? encodeCursor({ n: page[page.length - 1].lineNo }) : null };
    });
  }

  async list(caller: Caller, q: DeclarationListQuery): Promise<Page<DeclarationView>> {
    return this.txHost.withTransaction(async () => {
      const agb = providerAgbOf(caller);
      const limit = q.limit ?? 100;
      const after = decodeCursor<{ at: string; id: string }>(q.cursor);
      let rows: DeclarationRecord[];
      if (agb && hasRole(caller, Role.PROVIDER)) {
        rows = await this.repo.list({ providerAgb: agb, municipalities: q.municipality ? [q.municipality] : null, after, limit: limit + 1 });
      } else if (hasRole(caller, Role.FINANCE_CONTROLLER, Role.AUDITOR)) {
        const scope = q.municipality ? [q.municipality].filter((m) => caller.municipalities.includes(m)) : caller.municipalities;
        rows = await this.repo.list({ providerAgb: q.providerAgb, municipalities: scope, after, limit: limit + 1 });
      } else {
        throw AuthError.forbidden('declarations are read by their provider and by the controllers and auditors of the municipality');
      }
      return toPage(rows.map(viewOf), limit, (last) => ({ at: last.receivedAt.toISOString(), id: last.id }));
    });
  }

  /** A provider sees its own declarations; controllers and auditors those sent to their municipalities. */
  private async visible(caller: Caller, id: string): Promise<DeclarationRecord> {
    const d = await this.repo.get(id);
    const agb = providerAgbOf(caller);
    const ok = d && ((agb !== undefined && hasRole(caller, Role.PROVIDER) && d.providerAgb === agb) || mayRead(caller, { municipalities: [d.municipality] }, { roles: [Role.FINANCE_CONTROLLER, Role.AUDITOR] }));
    if (!d || !ok) throw DeclarationError.notFound(DeclarationErrorCode.DECLARATION_NOT_FOUND, `no declaration ${id}`);
    return d;
  }
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
    unit: l.unit as Unit,
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

