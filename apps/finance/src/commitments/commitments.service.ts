import { Injectable } from '@nestjs/common';
import { Caller, mayRead, ProcessingAction, ProcessingLog, requireActFor } from '@vangnet/auth';
import { DomainError, Role } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { decodeCursor, encodeCursor, mustExist } from '@vangnet/platform';
import { CommitmentQuery } from './commitments.dto';
import { CommitmentError, CommitmentErrorCode } from './commitments.errors';
import { CommitmentsRepository } from './commitments.repository';
import { ProvisionVersionFacts } from './commitments.rules';

export const PURPOSE = 'financial administration of provisions (commitments, declarations, payments)';
export const LEGAL_BASIS = 'Wmo 2015 art. 5.1.1 / Jeugdwet art. 7.4.1 (financial accountability of the municipality)';

interface LineageRow {
  lineage_id: string;
  status: string;
  reason: string | null;
  total_cents: number;
  horizon: string | null;
  first_day: string | null;
  last_day: string | null;
  end_date: string | null;
  computed_at: Date;
}

@Injectable()
export class CommitmentsService {
  constructor(
    private readonly repo: CommitmentsRepository,
    private readonly log: ProcessingLog,
  ) {}

  @Transactional()
  async query(caller: Caller, q: CommitmentQuery): Promise<unknown> {
    if (q.provisionId) return this.ofProvision(caller, q.provisionId);
    if (q.municipality && q.year) return this.ofMunicipalityYear(caller, q.municipality, q.year, q.limit ?? 100, q.cursor);
    throw DomainError.invalidField(
      CommitmentErrorCode.QUERY_NEEDS_PROVISION_OR_MUNICIPALITY_YEAR,
      q.municipality ? 'year' : 'provisionId',
      'give provisionId, or municipality and year',
    );
  }

  private async ofProvision(caller: Caller, id: string): Promise<unknown> {
    const lineageId = await this.repo.lineageIdOf(id);
    const versions = lineageId ? await this.repo.versionsForApi(lineageId) : [];
    const visible = versions.some((v) => mayRead(caller, { municipalities: [v.responsibleMunicipality] }, { roles: [Role.FINANCE_CONTROLLER, Role.AUDITOR] }) || mayRead(caller, { municipalities: [v.municipality] }, { roles: [Role.FINANCE_CONTROLLER, Role.AUDITOR] }));
    if (!lineageId || !versions.length || !visible) {
      throw CommitmentError.notFound(CommitmentErrorCode.PROVISION_NOT_FOUND, `no provision ${id} in your municipalities`);
    }
    const summary = (await this.repo.lineage(lineageId)) as LineageRow | undefined;
    const rows = await this.repo.commitmentsOf([lineageId]);
    const latest = versions[versions.length - 1];
    await this.log.record({
      pseudonym: latest.personPseudonym,
      action: ProcessingAction.READ,
      purpose: PURPOSE,
      legalBasis: LEGAL_BASIS,
      resource: 'commitment',
      resourceId: lineageId,
      municipality: latest.responsibleMunicipality,
    });
    const years = new Map<number, number>();
    for (const r of rows) years.set(r.year, (years.get(r.year) ?? 0) + Number(r.amount_cents));
    return {
      lineageId,
      status: summary?.status ?? 'QUEUED',
      reason: summary?.reason ?? null,
      totalCents: summary ? Number(summary.total_cents) : 0,
      firstDay: summary?.first_day ?? null,
      lastDay: summary?.last_day ?? null,
      endDate: summary?.end_date ?? null,
      committedToBudgetYearEnd: summary?.horizon ?? null,
      computedAt: summary?.computed_at ?? null,
      personId: latest.personId,
      providerAgb: latest.providerAgb,
      product: { category: latest.category, code: latest.productCode ?? undefined },
      municipality: latest.municipality,
      responsibleMunicipality: latest.responsibleMunicipality,
      versions: versions.map(versionView),
      years: [...years.entries()].sort(([a], [b]) => a - b).map(([year, amountCents]) => ({ year, amountCents })),
      months: rows.flatMap((r) =>
        r.months.flatMap((cents, i) =>
          cents === 0
            ? []
            : [
                {
                  month: `${r.year}-${String(i + 1).padStart(2, '0')}`,
                  year: r.year,
                  provisionId: r.provision_id,
                  municipality: r.municipality,
                  tariffCents: r.tariff_cents === null ? null : Number(r.tariff_cents),
                  amountCents: cents,
                },
              ],
        ),
      ).sort((a, b) => (a.month === b.month ? 0 : a.month < b.month ? -1 : 1)),
      mutations: (await this.repo.mutationsOf(lineageId)).map((m) => ({ year: m.year, municipality: m.municipality, kind: m.kind, deltaCents: Number(m.delta_cents), at: m.at })),
    };
  }

  private async ofMunicipalityYear(caller: Caller, municipality: string, year: number, limit: number, cursor?: string): Promise<unknown> {
    requireActFor(caller, municipality, 'municipality');
    if (!mayRead(caller, { municipalities: [municipality] }, { roles: [Role.FINANCE_CONTROLLER, Role.AUDITOR] })) throw CommitmentError.notFound(CommitmentErrorCode.PROVISION_NOT_FOUND, `no commitments you may read in ${municipality}`);
    const after = decodeCursor<{ l: string }>(cursor)?.l;
    const page = await this.repo.lineagesIn(municipality, year, after, limit + 1);
    const items = page.slice(0, limit);
    const ids = items.map((i) => i.lineage_id);
    const versions = ids.length ? await this.repo.versionsOf(ids) : [];
    const latest = new Map<string, ProvisionVersionFacts>();
    for (const v of versions) if ((latest.get(v.lineageId)?.version ?? 0) < v.version) latest.set(v.lineageId, v);
    const totals = await this.repo.totalIn(municipality, year);
    if (items.length) {
      await this.log.record(
        items.map((i) => ({
          pseudonym: mustExist(latest.get(i.lineage_id), 'version').personPseudonym,
          action: ProcessingAction.READ,
          purpose: PURPOSE,
          legalBasis: LEGAL_BASIS,
          resource: 'commitment',
          resourceId: i.lineage_id,
          municipality,
        })),
      );
    }
    return {
      municipality,
      year,
      totalCents: totals.cents,
      lineages: totals.lineages,
      months: totals.months.map((m) => ({ month: m.month, amountCents: m.cents })),
      items: items.map((i) => {
        const v = mustExist(latest.get(i.lineage_id), 'version');
        return {
          lineageId: i.lineage_id,
          personId: v.personId,
          providerAgb: v.providerAgb,
          product: { category: v.category, code: v.productCode ?? undefined },
          deliveryForm: v.deliveryForm,
          yearCents: Number(i.year_cents),
        };
      }),
      nextCursor: page.length > limit ? encodeCursor({ l: items[items.length - 1].lineage_id }) : null,
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

