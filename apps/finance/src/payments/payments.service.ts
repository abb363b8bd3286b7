import { Injectable, OnModuleInit } from '@nestjs/common';
import { Caller, mayRead, requireActFor } from '@vangnet/auth';
import { InvalidParam } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { foundOr404, mustExist, Page } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { BatchDecisionRequest, BatchListQuery, PrepareBatchRequest } from './payments.dto';
import { PaymentError, PaymentErrorCode } from './payments.errors';
import { DeclarationFiguresService } from '../declarations/declaration-figures.service';
import { BatchRecord, PaymentsRepository } from './payments.repository';
import { SubsidiesService } from '../subsidies/subsidies.service';
import { ListCursor } from '../shared/list-cursor';

const LIST_CURSOR = new ListCursor('payment-batches', { id: 'uuid' } as const);

export interface BatchView {
  id: string;
  municipality: string;
  status: 'PREPARED' | 'APPROVED' | 'REJECTED';
  totalCents: number;
  declarationCount: number;
  instalmentCount: number;
  note: string | null;
  preparedBy: string;
  preparedAt: Date;
  decision: { decision: string; decidedBy: string; decidedAt: Date; comment: string | null } | null;
  perProvider?: Array<{ providerAgb: string; amountCents: number; declarations: number }>;
  items?: Array<{ declarationId: string; providerAgb: string; amountCents: number }>;
  instalments?: Array<{ subsidyId: string; seq: number; organisationAgb: string; amountCents: number }>;
}

function view(b: BatchRecord): BatchView {
  return {
    id: b.id,
    municipality: b.municipality,
    status: b.decision ? b.decision.decision : 'PREPARED',
    totalCents: b.totalCents,
    declarationCount: b.declarationCount,
    instalmentCount: b.instalmentCount,
    note: b.note,
    preparedBy: b.preparedBy,
    preparedAt: b.preparedAt,
    decision: b.decision ? { decision: b.decision.decision, decidedBy: b.decision.decidedBy, decidedAt: b.decision.decidedAt, comment: b.decision.comment } : null,
  };
}

const missing = (id: string) => PaymentError.notFound(PaymentErrorCode.BATCH_NOT_FOUND, `no payment batch ${id}`);

/**
 * Payment batches, maker-checker: one controller prepares, a different one (by token `sub`)
 * approves or rejects. Batches, their items and decisions are insert-only rows; a rejected batch
 * frees its declarations for a new batch.
 */
@Injectable()
export class PaymentsService implements OnModuleInit {
  constructor(
    private readonly repo: PaymentsRepository,
    private readonly declarations: DeclarationFiguresService,
    private readonly subsidies: SubsidiesService,
  ) {}

  /** Subsidies show which of their instalments are in a batch, and which are paid (ADR 0048: the lower feature takes a function). */
  onModuleInit(): void {
    this.subsidies.provideBatches(async (subsidyIds) =>
      (await this.repo.instalmentBatches(subsidyIds)).map((r) => ({ subsidyId: r.subsidyId, seq: r.seq, batchId: r.batchId, status: r.decision === 'APPROVED' ? ('APPROVED' as const) : ('PREPARED' as const) })),
    );
  }

  @Transactional()
  async prepare(caller: Caller, req: PrepareBatchRequest): Promise<BatchView> {
    requireActFor(caller, req.municipality, 'municipality');
    await this.repo.lockMunicipality(req.municipality);
    const ids = req.declarationIds ? [...new Set(req.declarationIds.map((i) => i.toLowerCase()))] : undefined;
    // Payable: assessed with an approved amount, and in no batch that is open or approved.
    const withDeclarations = req.declarations !== false || ids !== undefined;
    const candidates = withDeclarations ? await this.declarations.payable(req.municipality, ids, req.providerAgb) : [];
    const held = await this.repo.held(candidates.map((c) => c.id));
    const payable = candidates.filter((c) => !held.has(c.id));
    if (ids && req.declarationIds) {
      const found = new Set(payable.map((p) => p.id));
      const bad: InvalidParam[] = [];
      req.declarationIds.forEach((id, i) => {
        if (!found.has(id.toLowerCase())) {
          bad.push({ name: `declarationIds[${i}]`, code: PaymentErrorCode.DECLARATION_NOT_PAYABLE, reason: `declaration ${id} is not an assessed declaration to ${req.municipality} with an approved amount outside other batches` });
        }
      });
      if (bad.length) throw new PaymentError(PaymentErrorCode.DECLARATION_NOT_PAYABLE, 'some declarations cannot go into this batch', 409, bad);
    }
    // Subsidy instalments due by the day asked, each in one open or approved batch at most (paid once).
    const due = req.subsidyInstalmentsDueBy ? await this.subsidies.due(req.municipality, req.subsidyInstalmentsDueBy, req.providerAgb) : [];
    const inBatch = await this.repo.instalmentBatches([...new Set(due.map((d) => d.subsidyId))]);
    const instalments = due.filter((d) => !inBatch.some((b) => b.subsidyId === d.subsidyId && b.seq === d.seq));
    if (!payable.length && !instalments.length) {
      throw new PaymentError(PaymentErrorCode.NOTHING_TO_PAY, `no approved declaration amounts or due subsidy instalments for ${req.municipality} wait for payment`, 422);
    }
    const id = randomUUID();
    const totalCents = payable.reduce((a, p) => a + p.amountCents, 0) + instalments.reduce((a, i) => a + i.amountCents, 0);
    await this.repo.insertBatch(
      { id, municipality: req.municipality, preparedBy: caller.sub, preparedOrg: caller.org, totalCents, note: req.note ?? null },
      payable.map((p) => ({ declarationId: p.id, providerAgb: p.providerAgb, amountCents: p.amountCents })),
      instalments.map((i) => ({ subsidyId: i.subsidyId, seq: i.seq, organisationAgb: i.organisationAgb, amountCents: i.amountCents })),
    );
    return this.detail(id);
  }

  @Transactional()
  async decide(caller: Caller, id: string, req: BatchDecisionRequest): Promise<BatchView> {
    const batch = foundOr404(await this.repo.get(id), () => missing(id), (r) => mayRead(caller, { municipalities: [r.municipality] }));
    requireActFor(caller, batch.municipality, 'municipality');
    if (batch.preparedBy === caller.sub) {
      throw new PaymentError(PaymentErrorCode.SAME_CONTROLLER, 'four eyes: the controller who prepared this batch cannot approve or reject it; a second controller must', 403);
    }
    if (batch.decision) throw PaymentError.conflict(PaymentErrorCode.BATCH_ALREADY_DECIDED, `batch ${id} was ${batch.decision.decision.toLowerCase()} by ${batch.decision.decidedBy}`);
    const inserted = await this.repo.insertDecision({
      id: randomUUID(),
      batchId: id,
      decision: req.decision,
      preparedBy: batch.preparedBy,
      decidedBy: caller.sub,
      decidedOrg: caller.org,
      comment: req.comment ?? null,
    });
    if (!inserted) throw PaymentError.conflict(PaymentErrorCode.BATCH_ALREADY_DECIDED, `batch ${id} was decided at the same moment by someone else`);
    return this.detail(id);
  }

  @Transactional()
  async get(caller: Caller, id: string): Promise<BatchView> {
    foundOr404(await this.repo.get(id), () => missing(id), (r) => mayRead(caller, { municipalities: [r.municipality] }));
    return this.detail(id);
  }

  @Transactional()
  async list(caller: Caller, q: BatchListQuery): Promise<Page<BatchView>> {
    if (q.municipality) requireActFor(caller, q.municipality, 'municipality');
    const limit = q.limit ?? 100;
    const asked = { municipality: q.municipality };
    const rows = await this.repo.list(q.municipality ? [q.municipality] : caller.municipalities, LIST_CURSOR.decode(asked, q.cursor)?.id, limit + 1);
    return LIST_CURSOR.page(asked, rows.map(view), limit, (last) => ({ id: last.id }));
  }

  private async detail(id: string): Promise<BatchView> {
    const batch = mustExist(await this.repo.get(id), 'batch');
    const items = (await this.repo.itemsOf(id)).map((i) => ({ declarationId: i.declarationId, providerAgb: i.providerAgb, amountCents: i.amountCents }));
    const per = new Map<string, { providerAgb: string; amountCents: number; declarations: number }>();
    for (const i of items) {
      const p = per.get(i.providerAgb) ?? { providerAgb: i.providerAgb, amountCents: 0, declarations: 0 };
      p.amountCents += i.amountCents;
      p.declarations++;
      per.set(i.providerAgb, p);
    }
    const instalments = (await this.repo.instalmentsOf(id)).map((i) => ({ subsidyId: i.subsidyId, seq: i.seq, organisationAgb: i.organisationAgb, amountCents: i.amountCents }));
    return { ...view(batch), perProvider: [...per.values()], items, instalments };
  }
}
