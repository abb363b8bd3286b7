import { Injectable } from '@nestjs/common';
import { AGGREGATES, Caller, narrowToScope, ReadRule, requireOwnAgb, requireRead, tenantScopeOf } from '@vangnet/auth';
import { isProtectedHousingOrShelter, OrgKind, PRODUCT_CATEGORY_LABELS, ProductCategory, Role } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { DeclarationFiguresService } from '../declarations/declaration-figures.service';
import { SpendQuery } from './reports.dto';

/** Cells with fewer clients than this show no average (a small group could point at a person). */
export const MIN_CLIENTS_PER_CELL = 3;

/** Spend is read by a provider for itself, by municipal tokens for their municipalities and by analysts for the region. */
const SPEND_READERS: ReadRule = { byMunicipality: [OrgKind.MUNICIPALITY], ownOnly: [OrgKind.PROVIDER], regionWide: [Role.REGIONAL_ANALYST] };

@Injectable()
export class ReportsService {
  constructor(private readonly declarations: DeclarationFiguresService) {}

  /**
   * Average approved cost per client in a year, per product category; protected housing and
   * shelter (15–18) also together as "housing". Housing types (facility kinds) join in once the
   * housing service reports placements; until then `housingType` stays null.
   */
  @Transactional()
  async costPerClient(caller: Caller, municipality: string, year: number) {
    requireRead(caller, { municipalities: [municipality] }, 'municipality', AGGREGATES);
    const { total, categories } = await this.declarations.costPerCategory(municipality, year);
    const cell = (cents: number, clients: number) => ({
      amountCents: cents,
      clients,
      averageCents: clients >= MIN_CLIENTS_PER_CELL ? Math.round(cents / clients) : null,
    });
    const housing = categories.filter((r) => isProtectedHousingOrShelter(r.category));
    return {
      municipality,
      year,
      basis: 'approved declaration lines (net of credits) on the responsible municipality, by the month delivered',
      minClientsForAverage: MIN_CLIENTS_PER_CELL,
      total: cell(total.cents, total.clients),
      byCategory: categories.map((r) => ({ category: r.category, label: PRODUCT_CATEGORY_LABELS[r.category as ProductCategory], housingType: null, ...cell(r.cents, r.clients) })),
      housing: housing.length ? cell(housing.reduce((a, r) => a + r.cents, 0), housing.reduce((a, r) => a + r.clients, 0)) : null,
    };
  }

  /** Cumulative approved spend as reported to procurement (finance.spend.reported.v1). */
  @Transactional()
  async spend(caller: Caller, q: SpendQuery) {
    const scope = tenantScopeOf(caller, SPEND_READERS);
    if (q.providerAgb) requireOwnAgb(caller, q.providerAgb, 'providerAgb');
    // A provider's own spend in any municipality; a municipal token only its own municipalities'.
    if (q.municipality) requireRead(caller, { municipalities: [q.municipality], providerAgb: scope.providerAgb }, 'municipality', SPEND_READERS);
    const filter = narrowToScope(scope, { municipalities: q.municipality ? [q.municipality] : undefined, providerAgb: q.providerAgb });
    const rows = filter ? await this.declarations.spend({ ...filter, year: q.year }) : [];
    return { items: rows.map((r) => ({ providerAgb: r.providerAgb, municipality: r.municipality, year: r.year, spendCents: r.spendCents, sequence: r.sequence })) };
  }
}
