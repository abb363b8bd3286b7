import { Injectable, OnModuleInit } from '@nestjs/common';
import { Caller, mayRead, ProcessingAction, ProcessingLog, ReadRule, requireRead } from '@vangnet/auth';
import { DomainError, IsoDate, OrgKind, Role } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { foundOr404, mustExist } from '@vangnet/platform';
import { BudgetFiguresService } from '../budgets/budget-figures.service';
import { ListCursor } from '../shared/list-cursor';
import { LEGAL_BASIS, PURPOSE } from '../shared/processing';
import { CommitmentQuery } from './commitments.dto';
import { CommitmentError, CommitmentErrorCode } from './commitments.errors';
import { CommitmentsRepository } from './commitments.repository';
import { ProvisionVersionFacts } from './commitments.rules';

/** Commitments concern residents: controllers and auditors of a municipality that decided or pays. */
const LIST_CURSOR = new ListCursor('commitments', { l: 'uuid' } as const);
const COMMITMENT_READERS: ReadRule = { byMunicipality: [OrgKind.MUNICIPALITY], roles: [Role.FINANCE_CONTROLLER, Role.AUDITOR] };

/** The versions of the lineages a declaration names, and the lineage ends in force. */
export interface AssignmentFacts {
  versions: ProvisionVersionFacts[];
  ends: Map<string, IsoDate>;
}

@Injectable()
export class CommitmentsService implements OnModuleInit {
  constructor(
    private readonly repo: CommitmentsRepository,
    private readonly log: ProcessingLog,
    private readonly figures: BudgetFiguresService,
  ) {}

  /** Budgets measure their lines against these commitments. */
  onModuleInit(): void {
    this.figures.provide('committed', (municipality, year) => this.repo.committedByMonth(municipality, year));
    this.figures.provideUnpriced((municipality, year) => this.repo.unpricedIn(municipality, year));
  }

  @Transactional()
  async query(caller: Caller, q: CommitmentQuery) {
    if (q.provisionId) return this.ofProvision(caller, q.provisionId);
    if (q.municipality && q.year) return this.ofMunicipalityYear(caller, q.municipality, q.year, q.limit ?? 100, q.cursor);
    throw DomainError.invalidField(
      CommitmentErrorCode.QUERY_NEEDS_PROVISION_OR_MUNICIPALITY_YEAR,
      q.municipality ? 'year' : 'provisionId',
      'give provisionId, or municipality and year',
    );
  }

  /** Every version of the lineages these ids name (any version's provision id or the lineage id), with their ends. */
  async assignments(ids: string[]): Promise<AssignmentFacts> {
    const versions = await this.repo.lineagesNamed(ids);
    const ends = await this.repo.endsOf([...new Set(versions.map((v) => v.lineageId))]);
    return { versions, ends };
  }

  /** Provision id → the pseudonym of the resident it is for. */
  pseudonymsOf(provisionIds: string[]): Promise<Map<string, string>> {
    return this.repo.pseudonymsOf([...new Set(provisionIds)]);
  }

  private async ofProvision(caller: Caller, id: string) {
    const lineageId = await this.repo.lineageIdOf(id);
    const versions = foundOr404(
      lineageId ? await this.repo.versionsOfLineage(lineageId) : [],
      () => CommitmentError.notFound(CommitmentErrorCode.PROVISION_NOT_FOUND, `no provision ${id} in your municipalities`),
      (list) => list.length > 0 && mayRead(caller, { municipalities: list.flatMap((v) => [v.municipality, v.responsibleMunicipality]) }, COMMITMENT_READERS),
    );
    const lineage = mustExist(lineageId, 'lineage id');
    const summary = await this.repo.lineage(lineage);
    const rows = await this.repo.commitmentsOf(lineage);
    const unpriced = await this.repo.unpricedOf(lineage);
    const latest = versions[versions.length - 1];
    await this.log.record({
      pseudonym: latest.personPseudonym,
      action: ProcessingAction.READ,
      purpose: PURPOSE,
      legalBasis: LEGAL_BASIS,
      resource: 'commitment',
      resourceId: lineage,
      municipality: latest.responsibleMunicipality,
    });
    const years = new Map<number, number>();
    for (const r of rows) years.set(r.year, (years.get(r.year) ?? 0) + r.amountCents);
    return {
      lineageId: lineage,
      status: summary?.status ?? 'QUEUED',
      reason: summary?.reason ?? null,
      totalCents: summary?.totalCents ?? 0,
      firstDay: summary?.firstDay ?? null,
      lastDay: summary?.lastDay ?? null,
      endDate: summary?.endDate ?? null,
      committedToBudgetYearEnd: summary?.horizon ?? null,
      computedAt: summary?.computedAt ?? null,
      personId: latest.personId,
      providerAgb: latest.providerAgb,
      product: { category: latest.category, code: latest.productCode ?? undefined },
      municipality: latest.municipality,
      responsibleMunicipality: latest.responsibleMunicipality,
      versions: versions.map(versionView),
      years: [...years.entries()].sort(([a], [b]) => a - b).map(([year, amountCents]) => ({ year, amountCents })),
      // Years without a published contract tariff (PARTLY_PRICED): not booked; the estimate is indicative.
      unpricedYears: [...new Set(unpriced.map((u) => u.year))],
      unpriced: unpriced.map((u) => ({
        year: u.year,
        provisionId: u.provisionId,
        municipality: u.municipality,
        estimateCents: u.estimateCents,
        estimateTariffYear: u.estimateTariffYear,
      })),
      months: rows
        .flatMap((r) =>
          r.months.flatMap((cents, i) =>
            cents === 0
              ? []
              : [
                  {
                    month: `${r.year}-${String(i + 1).padStart(2, '0')}`,
                    year: r.year,
                    provisionId: r.provisionId,
                    municipality: r.municipality,
                    tariffCents: r.tariffCents,
                    amountCents: cents,
                  },
                ],
          ),
        )
        .sort((a, b) => (a.month === b.month ? 0 : a.month < b.month ? -1 : 1)),
      mutations: (await this.repo.mutationsOf(lineage)).map((m) => ({ year: m.year, municipality: m.municipality, kind: m.kind, deltaCents: m.deltaCents, at: m.at })),
    };
  }

  private async ofMunicipalityYear(caller: Caller, municipality: string, year: number, limit: number, cursor?: string) {
    requireRead(caller, { municipalities: [municipality] }, 'municipality', COMMITMENT_READERS);
    const asked = { municipality, year };
    const after = LIST_CURSOR.decode(asked, cursor)?.l;
    const page = await this.repo.lineagesIn(municipality, year, after, limit + 1);
    const items = page.slice(0, limit);
    const ids = items.map((i) => i.lineageId);
    const versions = ids.length ? await this.repo.versionsOf(ids) : [];
    const latest = new Map<string, ProvisionVersionFacts>();
    for (const v of versions) if ((latest.get(v.lineageId)?.version ?? 0) < v.version) latest.set(v.lineageId, v);
    const totals = await this.repo.totalIn(municipality, year);
    await this.log.record(
      items.map((i) => ({
        pseudonym: mustExist(latest.get(i.lineageId), 'version').personPseudonym,
        action: ProcessingAction.READ,
        purpose: PURPOSE,
        legalBasis: LEGAL_BASIS,
        resource: 'commitment',
        resourceId: i.lineageId,
        municipality,
      })),
    );
    return {
      municipality,
      year,
      totalCents: totals.cents,
      lineages: totals.lineages,
      months: totals.months.map((m) => ({ month: m.month, amountCents: m.cents })),
      items: items.map((i) => {
        const v = mustExist(latest.get(i.lineageId), 'version');
        return {
          lineageId: i.lineageId,
          personId: v.personId,
          providerAgb: v.providerAgb,
          product: { category: v.category, code: v.productCode ?? undefined },
          deliveryForm: v.deliveryForm,
          yearCents: i.yearCents,
        };
      }),
      nextCursor: page.length > limit ? LIST_CURSOR.encode(asked, { l: items[items.length - 1].lineageId }) : null,
    };
  }
}

function versionView(v: ProvisionVersionFacts): Record<string, unknown> {
  return {
    provisionId: v.provisionId,
    version: v.version,
    validFrom: v.validFrom,
    period: { start: v.periodStart, end: v.periodEnd ?? undefined },
    deliveryForm: v.deliveryForm,
    product: { category: v.category, code: v.productCode ?? undefined },
    providerAgb: v.providerAgb,
    volume: v.volume ?? undefined,
    budgetCents: v.budgetCents ?? undefined,
    contractId: v.contractId ?? undefined,
    municipality: v.municipality,
    responsibleMunicipality: v.responsibleMunicipality,
  };
}
