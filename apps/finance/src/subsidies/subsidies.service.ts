import { Injectable } from '@nestjs/common';
import { Caller, mayRead, narrowToScope, NON_PERSONAL_DATA, requireRead, tenantScopeOf } from '@vangnet/auth';
import { SubsidyGrantedV1 } from '@vangnet/contracts';
import { PoisonEventError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { foundOr404, mustExist } from '@vangnet/platform';
import { SubsidyError, SubsidyErrorCode } from './subsidies.errors';
import { SubsidyEntity } from './subsidies.entity';
import { PayableInstalment, SubsidiesRepository } from './subsidies.repository';
import { grantDefect } from './subsidies.rules';

/** An instalment in a payment batch: prepared (waiting for the second controller) or approved (paid). */
export interface InstalmentInBatch {
  subsidyId: string;
  seq: number;
  batchId: string;
  status: 'PREPARED' | 'APPROVED';
}

/** Where the batches that hold instalments come from (the payments feature, which depends on this one; ADR 0048). */
export type InstalmentBatchSource = (subsidyIds: string[]) => Promise<InstalmentInBatch[]>;

export interface SubsidyView {
  subsidyId: string;
  organisationAgb: string;
  municipality: string;
  year: number;
  purpose: string;
  conditions: string[];
  reference: string | null;
  /** What the grant commits: its amount for the year. */
  committedCents: number;
  paidCents: number;
  instalments: Array<{ seq: number; dueDate: string; amountCents: number; status: 'OPEN' | 'IN_BATCH' | 'PAID'; batchId: string | null }>;
}

const missing = (id: string) => SubsidyError.notFound(SubsidyErrorCode.SUBSIDY_NOT_FOUND, `no subsidy ${id}`);

/**
 * Subsidies granted in procurement (procurement.subsidy.granted.v1): kept as committed, their
 * instalments paid through payment batches (maker-checker) and, through a programme's action
 * line, booked against the region's plan. Instalments paid before the subsidy is determined are
 * advances (voorschotten) under Awb title 4.2; determining and settling the subsidy stays with
 * procurement's grant process.
 */
@Injectable()
export class SubsidiesService {
  private batches?: InstalmentBatchSource;

  constructor(private readonly repo: SubsidiesRepository) {}

  /** Payments say which instalments are in which batch. */
  provideBatches(source: InstalmentBatchSource): void {
    this.batches = source;
  }

  /** Keep a grant once; one whose instalments do not add up is a dead letter (never half kept). */
  async receive(data: SubsidyGrantedV1, eventId: string): Promise<boolean> {
    const defect = grantDefect(data.amountCents, data.instalments);
    if (defect) throw new PoisonEventError(defect.code, `subsidy ${data.subsidyId}: ${defect.reason}`);
    return this.repo.insert(
      {
        subsidyId: data.subsidyId,
        organisationAgb: data.organisationAgb,
        municipality: data.municipality,
        year: data.year,
        amountCents: data.amountCents,
        purpose: data.purpose,
        conditions: data.conditions,
        reference: data.reference ?? null,
        eventId,
      },
      data.instalments.map((i) => ({ subsidyId: data.subsidyId, seq: i.seq, dueDate: i.dueDate, amountCents: i.amountCents })),
    );
  }

  @Transactional()
  async get(caller: Caller, id: string): Promise<SubsidyView> {
    const s = foundOr404(await this.repo.get(id), () => missing(id), (r) => mayRead(caller, tenancyOf(r), NON_PERSONAL_DATA));
    return mustExist((await this.views([s]))[0], 'subsidy view');
  }

  @Transactional()
  async list(caller: Caller, q: { municipality?: string; year?: number }): Promise<SubsidyView[]> {
    if (q.municipality) requireRead(caller, { municipalities: [q.municipality] }, 'municipality', NON_PERSONAL_DATA);
    const scope = narrowToScope(tenantScopeOf(caller, NON_PERSONAL_DATA), { municipalities: q.municipality ? [q.municipality] : undefined });
    if (!scope) return [];
    const rows = await this.repo.list({ municipalities: scope.providerAgb ? undefined : scope.municipalities, organisationAgb: scope.providerAgb, year: q.year });
    return this.views(rows);
  }

  /** A subsidy by id, for a feature that books it (no scope: the caller's feature checks it). */
  find(id: string): Promise<SubsidyEntity | undefined> {
    return this.repo.get(id);
  }

  /** Instalments of a municipality's subsidies due on or before `dueBy` (the payment batch leaves out those held). */
  due(municipality: string, dueBy: string, organisationAgb?: string): Promise<PayableInstalment[]> {
    return this.repo.dueInstalments(municipality, dueBy, organisationAgb);
  }

  /** Paid cents per subsidy (instalments in approved batches). */
  async paid(subsidyIds: string[]): Promise<Map<string, number>> {
    const inBatch = await this.inBatches(subsidyIds);
    const instalments = await this.repo.instalmentsOf(subsidyIds);
    const out = new Map<string, number>();
    for (const i of instalments) {
      if (inBatch.find((b) => b.subsidyId === i.subsidyId && b.seq === i.seq)?.status === 'APPROVED') out.set(i.subsidyId, (out.get(i.subsidyId) ?? 0) + i.amountCents);
    }
    return out;
  }

  private async inBatches(subsidyIds: string[]): Promise<InstalmentInBatch[]> {
    return subsidyIds.length ? await mustExist(this.batches, 'the instalment batch source')(subsidyIds) : [];
  }

  private async views(rows: SubsidyEntity[]): Promise<SubsidyView[]> {
    const ids = rows.map((r) => r.subsidyId);
    const instalments = await this.repo.instalmentsOf(ids);
    const inBatch = await this.inBatches(ids);
    return rows.map((s) => {
      const own = instalments
        .filter((i) => i.subsidyId === s.subsidyId)
        .map((i) => {
          const b = inBatch.find((x) => x.subsidyId === i.subsidyId && x.seq === i.seq);
          return { seq: i.seq, dueDate: i.dueDate, amountCents: i.amountCents, status: !b ? ('OPEN' as const) : b.status === 'APPROVED' ? ('PAID' as const) : ('IN_BATCH' as const), batchId: b?.batchId ?? null };
        });
      return {
        subsidyId: s.subsidyId,
        organisationAgb: s.organisationAgb,
        municipality: s.municipality,
        year: s.year,
        purpose: s.purpose,
        conditions: s.conditions,
        reference: s.reference,
        committedCents: s.amountCents,
        paidCents: own.filter((i) => i.status === 'PAID').reduce((a, i) => a + i.amountCents, 0),
        instalments: own,
      };
    });
  }
}

function tenancyOf(s: SubsidyEntity) {
  return { municipalities: [s.municipality], providerAgb: s.organisationAgb };
}
