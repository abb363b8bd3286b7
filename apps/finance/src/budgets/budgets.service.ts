import { Injectable } from '@nestjs/common';
import { AGGREGATES, Caller, mayRead, narrowToScope, requireActFor, requireRead, tenantScopeOf } from '@vangnet/auth';
import { InvalidParam } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { checkIfMatch, Clock, foundOr404, mustExist, Page } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { BudgetFiguresService, BudgetReport } from './budget-figures.service';
import { BudgetMonitor } from './budget.monitor';
import { AddBudgetLinesRequest, BudgetLineInput, BudgetQuery, CreateBudgetRequest } from './budgets.dto';
import { BudgetError, BudgetErrorCode } from './budgets.errors';
import { BudgetsRepository, BudgetWithLines, NewBudgetLine } from './budgets.repository';
import { BudgetDomain, domainOfCategory } from './budgets.rules';
import { ListCursor } from '../shared/list-cursor';

const LIST_CURSOR = new ListCursor('budgets', { id: 'uuid' } as const);

export interface BudgetLineView {
  id: string;
  position: number;
  name: string;
  amountCents: number;
  categories: string[];
  productCodes: string[];
  programme: string | null;
}

export interface BudgetView {
  id: string;
  municipality: string;
  year: number;
  domain: string;
  kind: string;
  name: string;
  version: number;
  totalCents: number;
  lines: BudgetLineView[];
  createdBy: string;
  createdAt: Date;
}

export function budgetView(b: BudgetWithLines): BudgetView {
  return {
    id: b.id,
    municipality: b.municipality,
    year: b.year,
    domain: b.domain,
    kind: b.kind,
    name: b.name,
    version: b.version,
    totalCents: b.lines.reduce((a, l) => a + l.amountCents, 0),
    lines: b.lines.map((l) => ({
      id: l.id,
      position: l.position,
      name: l.name,
      amountCents: l.amountCents,
      categories: l.categories,
      productCodes: l.productCodes,
      programme: l.programme,
    })),
    createdBy: b.createdBy,
    createdAt: b.createdAt,
  };
}

const missing = (id: string) => BudgetError.notFound(BudgetErrorCode.BUDGET_NOT_FOUND, `no budget ${id}`);

@Injectable()
export class BudgetsService {
  constructor(
    private readonly repo: BudgetsRepository,
    private readonly figures: BudgetFiguresService,
    private readonly monitor: BudgetMonitor,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async create(caller: Caller, req: CreateBudgetRequest): Promise<BudgetView> {
    requireActFor(caller, req.municipality, 'municipality');
    checkDomain(req.domain, req.lines, 'lines');
    const id = randomUUID();
    const name = req.name ?? `${req.domain} ${req.kind.toLowerCase()} ${req.year}`;
    const inserted = await this.repo.insertBudget({ id, municipality: req.municipality, year: req.year, domain: req.domain, kind: req.kind, name, createdBy: caller.sub });
    if (!inserted) {
      const existing = await this.repo.findExisting(req.municipality, req.year, req.domain, req.kind);
      throw new BudgetError(
        BudgetErrorCode.BUDGET_EXISTS,
        `${req.municipality} already has a ${req.kind} ${req.domain} budget for ${req.year} (${existing}); add lines to it`,
        409,
      );
    }
    await this.repo.insertLines(linesOf(id, req.lines, 0), caller.sub);
    await this.monitor.markDirty([{ municipality: req.municipality, year: req.year }]);
    this.monitor.schedule();
    return budgetView(mustExist(await this.repo.get(id), 'budget'));
  }

  @Transactional()
  async addLines(caller: Caller, id: string, req: AddBudgetLinesRequest, ifMatch: string | undefined): Promise<BudgetView> {
    const budget = foundOr404(await this.repo.get(id, true), () => missing(id), (b) => mayReadBudget(caller, b));
    requireActFor(caller, budget.municipality, 'municipality');
    checkIfMatch(ifMatch, budget.version);
    checkDomain(budget.domain, req.lines, 'lines');
    const next = budget.lines.reduce((a, l) => Math.max(a, l.position), 0);
    await this.repo.insertLines(linesOf(id, req.lines, next), caller.sub);
    await this.repo.bumpVersion(id);
    await this.monitor.markDirty([{ municipality: budget.municipality, year: budget.year }]);
    this.monitor.schedule();
    return budgetView(mustExist(await this.repo.get(id), 'budget'));
  }

  @Transactional()
  async get(caller: Caller, id: string): Promise<BudgetView> {
    return budgetView(foundOr404(await this.repo.get(id), () => missing(id), (b) => mayReadBudget(caller, b)));
  }

  /** Any municipal token lists its own municipalities' budgets; analysts the region's. */
  @Transactional()
  async list(caller: Caller, q: BudgetQuery): Promise<Page<BudgetView>> {
    if (q.municipality) requireRead(caller, { municipalities: [q.municipality] }, 'municipality', AGGREGATES);
    const scope = narrowToScope(tenantScopeOf(caller, AGGREGATES), { municipalities: q.municipality ? [q.municipality] : undefined });
    const limit = q.limit ?? 100;
    const asked = { municipality: q.municipality, year: q.year };
    const after = LIST_CURSOR.decode(asked, q.cursor)?.id;
    const rows = await this.repo.list({ municipalities: scope?.municipalities, year: q.year, after, limit: limit + 1 });
    return LIST_CURSOR.page(asked, rows.map(budgetView), limit, (last) => ({ id: last.id }));
  }

  @Transactional()
  async report(caller: Caller, municipality: string, year: number): Promise<BudgetReport> {
    requireRead(caller, { municipalities: [municipality] }, 'municipality', AGGREGATES);
    return this.figures.report(municipality, year, this.clock.today());
  }
}

function mayReadBudget(caller: Caller, b: BudgetWithLines): boolean {
  return mayRead(caller, { municipalities: [b.municipality] }, AGGREGATES);
}

function checkDomain(domain: BudgetDomain, lines: BudgetLineInput[], path: string): void {
  const bad: InvalidParam[] = [];
  lines.forEach((l, i) =>
    (l.categories ?? []).forEach((c, k) => {
      if (domainOfCategory(c) !== domain) {
        bad.push({ name: `${path}[${i}].categories[${k}]`, code: BudgetErrorCode.CATEGORY_NOT_IN_DOMAIN, reason: `category ${c} does not belong to the ${domain} domain` });
      }
    }),
  );
  if (bad.length) throw new BudgetError(BudgetErrorCode.CATEGORY_NOT_IN_DOMAIN, 'a line names a category outside the budget’s domain', 400, bad);
}

function linesOf(budgetId: string, lines: BudgetLineInput[], startPosition: number): NewBudgetLine[] {
  return lines.map((l, i) => ({
    id: randomUUID(),
    budgetId,
    position: startPosition + i + 1,
    name: l.name,
    amountCents: l.amountCents,
    categories: [...new Set(l.categories ?? [])],
    productCodes: [...new Set(l.productCodes ?? [])],
    programme: l.programme ?? null,
  }));
}
