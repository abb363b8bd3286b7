import { Injectable, Logger } from '@nestjs/common';
import { Caller, mayRead, narrowToScope, ProcessingAction, ProcessingLog, ReadRule, requireActingProvider, tenantScopeOf } from '@vangnet/auth';
import { IsoDate, OrgKind, Role, SPEND_REPORTED_V1, SpendReportedV1, validatePayload } from '@vangnet/contracts';
import { Outbox, ValidationFailedError } from '@vangnet/messaging';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Clock, foundOr404, Page } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { BudgetMonitor } from '../budgets/budget.monitor';
import { CommitmentsService } from '../commitments/commitments.service';
import { ListCursor } from '../shared/list-cursor';
import { LEGAL_BASIS, PURPOSE } from '../shared/processing';
import { TariffsService } from '../tariffs/tariffs.service';
import { DeclarationLineInput } from './assessment.rules';
import { DeclarationAnswer, DeclarationHeaderDto, DeclarationLinesQuery, DeclarationListQuery, DeclarationView, DeclarationWithLines, headerShapeProblems, parseLines } from './declarations.dto';
import { DeclarationError, DeclarationErrorCode } from './declarations.errors';
import { DeclarationsRepository } from './declarations.repository';
import {
  answerOf,
  assessDeclaration,
  DeclarationHeader,
  DeclarationPlan,
  declarationView,
  headerProblems,
  lineView,
  planDeclaration,
  resolveAssignments,
  totalProblem,
} from './declarations.rules';

const LIST_CURSOR = new ListCursor('declarations', { id: 'uuid' } as const);
const LINES_CURSOR = new ListCursor('declaration-lines', { n: 'count' } as const);

/** A provider reads its own declarations; controllers and auditors those sent to their municipalities. */
const DECLARATION_READERS: ReadRule = {
  byMunicipality: [OrgKind.MUNICIPALITY],
  ownOnly: [OrgKind.PROVIDER],
  roles: [Role.PROVIDER, Role.FINANCE_CONTROLLER, Role.AUDITOR],
};

export interface RawDeclaration {
  header: unknown;
  lines: unknown;
}

/** A declaration to assess: its header and checked lines, who sent it and when it was received. */
export interface Submission {
  providerAgb: string;
  header: DeclarationHeader;
  lines: DeclarationLineInput[];
  receivedOn: IsoDate;
  submittedBy: string;
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
    return Object.entries(this.spent)
      .map(([k, v]) => `${k} ${v} ms`)
      .join(', ');
  }
}

@Injectable()
export class DeclarationsService {
  private readonly logger = new Logger(DeclarationsService.name);

  constructor(
    private readonly repo: DeclarationsRepository,
    private readonly commitments: CommitmentsService,
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
    const shape = headerShapeProblems(raw.header);
    if (shape.length) throw new ValidationFailedError(shape);
    const checked = validatePayload(DeclarationHeaderDto, raw.header, { forbidUnknown: true });
    if (!checked.ok) throw new ValidationFailedError(checked.invalidParams);
    const header = checked.value;
    const badHeader = headerProblems(header, agb, today);
    if (badHeader.length) throw new ValidationFailedError(badHeader);
    const { lines, invalid } = parseLines(raw.lines, today);
    if (invalid.length) throw new ValidationFailedError(invalid);
    const badTotal = totalProblem(lines, header.totalCents);
    if (badTotal) throw DeclarationError.invalidField(DeclarationErrorCode.TOTAL_MISMATCH, badTotal.name, badTotal.reason);
    const plan = await this.txHost.withTransaction(() => this.assessAndStore({ providerAgb: agb, header, lines, receivedOn: today, submittedBy: caller.sub }));
    this.monitor.schedule();
    return answerOf(plan);
  }

  /**
   * Assess a declaration and store it with its outcome, in the caller's transaction: refused
   * whole (nothing stored) for a declaration number used before (409, iWmo 9333), a provision not
   * assigned to the provider (422) or procurement not answering for a tariff (503).
   */
  async assessAndStore(s: Submission): Promise<DeclarationPlan> {
    const phases = new Phases();
    const { providerAgb: agb, header, lines } = s;
    await this.repo.lockProvider(agb);
    if (await this.repo.numberTaken(agb, header.declarationNumber)) {
      throw DeclarationError.conflict(DeclarationErrorCode.DUPLICATE_DECLARATION_NUMBER, `declaration number ${header.declarationNumber} was used before (iWmo 9333)`, [
        { name: 'declarationNumber', code: DeclarationErrorCode.DUPLICATE_DECLARATION_NUMBER, reason: 'Declaratienummer is niet uniek' },
      ]);
    }
    const facts = await this.commitments.assignments([...new Set(lines.map((l) => l.provisionId))]);
    const assignments = resolveAssignments(agb, lines, facts.versions, facts.ends);
    if (assignments.unknown.length) {
      throw new DeclarationError(DeclarationErrorCode.UNKNOWN_PROVISION, 'the declaration names provisions that are not assigned to you', 422, assignments.unknown);
    }
    phases.mark('assignments');

    const book = await this.tariffs.book([agb]);
    const prior = await this.repo.priorUse(
      agb,
      assignments.lineageIds,
      lines.map((l) => l.reference),
      lines.flatMap((l) => (l.previousReference ? [l.previousReference] : [])),
    );
    phases.mark('prior use');
    const ctx = { providerAgb: agb, municipality: header.municipality, declarationMonth: header.period.start, lineages: assignments.lineages, lineageOf: assignments.lineageOf };
    let assessed = assessDeclaration(lines, ctx, prior, (v, y) => book.quote(v, y));
    if (assessed.needs.length) {
      // Tariffs the read model lacks: ask procurement, then assess again with what it answered.
      const fill = await this.tariffs.fill(book, assessed.needs);
      if (fill.unavailable) {
        throw new DeclarationError(DeclarationErrorCode.TARIFF_SERVICE_UNAVAILABLE, 'the contract tariffs cannot be checked right now; nothing was stored, send the declaration again later', 503);
      }
      assessed = assessDeclaration(lines, ctx, prior, (v, y) => book.quote(v, y));
    }
    phases.mark('assess');

    const plan = planDeclaration({ id: randomUUID(), providerAgb: agb, receivedOn: s.receivedOn, receivedAt: new Date(), submittedBy: s.submittedBy }, header, lines, assessed.outcomes);
    await this.repo.insertDeclaration(plan.record);
    await this.repo.insertLines(plan.record.id, agb, header.municipality, plan.lines);
    phases.mark('store');
    const totals = await this.repo.addSpend(plan.spend);
    await this.outbox.publishAll(
      totals.map((t) => ({
        type: SPEND_REPORTED_V1,
        data: { providerAgb: t.providerAgb, municipality: t.municipality, year: t.year, spendCents: t.spendCents, sequence: t.sequence } satisfies SpendReportedV1,
        municipality: t.municipality,
      })),
    );
    await this.monitor.markDirty(plan.budgetKeys);
    await this.log.record(
      plan.residents.map((r) => ({
        pseudonym: r.pseudonym,
        action: ProcessingAction.CREATE,
        purpose: PURPOSE,
        legalBasis: LEGAL_BASIS,
        resource: 'declaration',
        resourceId: plan.record.id,
        municipality: r.municipality,
      })),
    );
    phases.mark('report');
    if (lines.length >= 10_000) this.logger.log(`declaration ${plan.record.id}: ${lines.length} lines assessed (${phases})`);
    return plan;
  }

  async get(caller: Caller, id: string, q: DeclarationLinesQuery): Promise<DeclarationWithLines> {
    return this.txHost.withTransaction(async () => {
      const d = foundOr404(
        await this.repo.get(id),
        () => DeclarationError.notFound(DeclarationErrorCode.DECLARATION_NOT_FOUND, `no declaration ${id}`),
        (r) => mayRead(caller, { municipalities: [r.municipality], providerAgb: r.providerAgb }, DECLARATION_READERS),
      );
      const limit = q.limit ?? 1000;
      const filters = { declarationId: id, status: q.status };
      const after = LINES_CURSOR.decode(filters, q.cursor)?.n ?? 0;
      const rows = await this.repo.linesOf(id, q.status, after, limit + 1);
      const page = rows.slice(0, limit);
      const pseudonyms = await this.commitments.pseudonymsOf(page.map((r) => r.provisionId));
      const residents = new Map<string, string>();
      for (const r of page) {
        const pseudonym = pseudonyms.get(r.provisionId);
        if (pseudonym) residents.set(pseudonym, r.responsibleMunicipality);
      }
      await this.log.record(
        [...residents.entries()].map(([pseudonym, municipality]) => ({
          pseudonym,
          action: ProcessingAction.READ,
          purpose: PURPOSE,
          legalBasis: LEGAL_BASIS,
          resource: 'declaration',
          resourceId: id,
          municipality,
        })),
      );
      return { ...declarationView(d), lines: page.map(lineView), nextCursor: rows.length > limit ? LINES_CURSOR.encode(filters, { n: page[page.length - 1].lineNo }) : null };
    });
  }

  async list(caller: Caller, q: DeclarationListQuery): Promise<Page<DeclarationView>> {
    return this.txHost.withTransaction(async () => {
      const limit = q.limit ?? 100;
      const asked = { municipality: q.municipality, providerAgb: q.providerAgb };
      const after = LIST_CURSOR.decode(asked, q.cursor)?.id;
      const scope = tenantScopeOf(caller, DECLARATION_READERS);
      // A provider sees its own whatever it names; controllers and auditors the municipalities in scope.
      const filter = narrowToScope(scope, { municipalities: q.municipality ? [q.municipality] : undefined, providerAgb: scope.providerAgb === undefined ? q.providerAgb : undefined });
      const rows = filter ? await this.repo.list({ ...filter, after, limit: limit + 1 }) : [];
      return LIST_CURSOR.page(asked, rows.map(declarationView), limit, (last) => ({ id: last.id }));
    });
  }
}
