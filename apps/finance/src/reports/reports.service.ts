import { Injectable } from '@nestjs/common';
import { actingProviderAgb, AGGREGATES, Caller, hasRole, requireOwnAgb, requireRead } from '@vangnet/auth';
import { isProtectedHousingOrShelter, PRODUCT_CATEGORY_LABELS, ProductCategory, Role } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { SpendQuery } from './reports.dto';
import { ReportsRepository } from './reports.repository';

/** Cells with fewer clients than this show no average (a small group could point at a person). */
export const MIN_CLIENTS_PER_CELL = 3;

@Injectable()
export class ReportsService {
  constructor(private readonly repo: ReportsRepository) {}

  /**
   * Average approved cost per client in a year, per product category; protected housing and
   * shelter (15–18) also together as "housing". Housing types (facility kinds) join in once the
   * housing service reports placements; until then `housingType` stays null.
   */
  @Transactional()
  async costPerClient(caller: Caller, municipality: string, year: number) {
    requireRead(caller, { municipalities: [municipality] }, 'municipality', AGGREGATES);
    const rows = await this.repo.costPerClient(municipality, year);
    const all = await this.repo.clients(municipality, year);
    const cell = (cents: number, clients: number) => ({
      amountCents: cents,
      clients,
      averageCents: clients >= MIN_CLIENTS_PER_CELL ? Math.round(cents / clients) : null,
    });
    const housing = rows.filter((r) => isProtectedHousingOrShelter(r.category));
    return {
      municipality,
      year,
      basis: 'approved declaration lines (net of credits) on the responsible municipality, by the month delivered',
      minClientsForAverage: MIN_CLIENTS_PER_CELL,
      total: cell(all.cents, all.clients),
      byCategory: rows.map((r) => ({ category: r.category, label: PRODUCT_CATEGORY_LABELS[r.category as ProductCategory], housingType: null, ...cell(r.cents, r.clients) })),
      housing: housing.length ? cell(housing.reduce((a, r) => a + r.cents, 0), housing.reduce((a, r) => a + r.clients, 0)) : null,
    };
  }

  /** Cumulative approved spend as reported to procurement (finance.spend.reported.v1). */
  @Transactional()
  async spend(caller: Caller, q: SpendQuery) {
    const agb = actingProviderAgb(caller);
    if (agb) {
      if (q.providerAgb) requireOwnAgb(caller, q.providerAgb, 'providerAgb');
      return { items: await this.repo.spend({ providerAgb: agb, municipalities: q.municipality ? [q.municipality] : null, year: q.year }) };
    }
    if (hasRole(caller, Role.REGIONAL_ANALYST)) return { items: await this.repo.spend({ providerAgb: q.providerAgb, municipalities: q.municipality ? [q.municipality] : null, year: q.year }) };
    if (q.municipality) requireRead(caller, { municipalities: [q.municipality] }, 'municipality', AGGREGATES);
    return { items: await this.repo.spend({ providerAgb: q.providerAgb, municipalities: q.municipality ? [q.municipality] : caller.municipalities, year: q.year }) };
  }
}
