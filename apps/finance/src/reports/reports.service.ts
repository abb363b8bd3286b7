import { Injectable } from '@nestjs/common';
import { AGGREGATES, Caller, narrowToScope, ReadRule, requireOwnAgb, requireRead, tenantScopeOf } from '@vangnet/auth';
import { isProtectedHousingOrShelter, OrgKind, PRODUCT_CATEGORY_LABELS, ProductCategory, Role } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { DeclarationFiguresService } from '../declarations/declaration-figures.service';
import { PlacementsService } from '../placements/placements.service';
import { cell, MIN_CLIENTS_PER_CELL, splitByHousingType } from './reports.rules';
import { SpendQuery } from './reports.dto';

/** Spend is read by a provider for itself, by municipal tokens for their municipalities and by analysts for the region. */
const SPEND_READERS: ReadRule = { byMunicipality: [OrgKind.MUNICIPALITY], ownOnly: [OrgKind.PROVIDER], regionWide: [Role.REGIONAL_ANALYST] };

@Injectable()
export class ReportsService {
  constructor(
    private readonly declarations: DeclarationFiguresService,
    private readonly placements: PlacementsService,
  ) {}

  /**
   * Average approved cost per client in a year, per product category and housing type (the kind
   * of facility the resident stayed in while the care was delivered, from housing's placements;
   * null for care no stay explains); per housing type across categories; and protected housing
   * and shelter (15–18) together as "housing".
   */
  @Transactional()
  async costPerClient(caller: Caller, municipality: string, year: number) {
    requireRead(caller, { municipalities: [municipality] }, 'municipality', AGGREGATES);
    const { total, categories } = await this.declarations.costPerCategory(municipality, year);
    const stays = await this.placements.staysIn(`${year}-01-01`, `${year}-12-31`);
    const placed = await this.declarations.costsOf(municipality, year, [...new Set(stays.map((s) => s.personId))]);
    const split = splitByHousingType(categories, placed, stays);
    const housing = categories.filter((r) => isProtectedHousingOrShelter(r.category));
    return {
      municipality,
      year,
      basis: 'approved declaration lines (net of credits) on the responsible municipality, by the month delivered; a month lands on the housing type of the stay with the most nights in it',
      minClientsForAverage: MIN_CLIENTS_PER_CELL,
      total: cell(total.cents, total.clients),
      byCategory: split.byCategory.map((r) => ({ category: r.category, label: PRODUCT_CATEGORY_LABELS[r.category as ProductCategory], housingType: r.housingType, ...cell(r.cents, r.clients) })),
      byHousingType: split.byHousingType.map((r) => ({ housingType: r.housingType, ...cell(r.cents, r.clients) })),
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
