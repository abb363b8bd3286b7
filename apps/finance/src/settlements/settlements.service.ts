import { Injectable } from '@nestjs/common';
import { AGGREGATES, Caller, requireRead, scopeAllows, tenantScopeOf } from '@vangnet/auth';
import { PRODUCT_CATEGORY_LABELS, ProductCategory } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { mustExist } from '@vangnet/platform';
import { DeclarationFiguresService } from '../declarations/declaration-figures.service';
import { SettlementQuery } from './settlements.dto';
import { SettlementError, SettlementErrorCode } from './settlements.errors';
import { netCostsPerResponsible, parseSettlementPeriod, PeriodRange } from './settlements.rules';

/**
 * Costs land on the responsible municipality. When another municipality paid the provider (the
 * declaration was sent to it, e.g. the central municipality for protected housing), the
 * responsible one owes it: a statement per pair and period, netted against the other direction.
 */
@Injectable()
export class SettlementsService {
  constructor(private readonly declarations: DeclarationFiguresService) {}

  @Transactional()
  async query(caller: Caller, q: SettlementQuery) {
    const period = mustExist(parseSettlementPeriod(q.period), 'period');
    if (q.from || q.to) {
      if (!q.from || !q.to) throw SettlementError.invalidField(SettlementErrorCode.SETTLEMENT_NEEDS_BOTH, q.from ? 'to' : 'from', 'give both from (who owes) and to (who is owed), or neither for the overview');
      requireRead(caller, { municipalities: [q.from, q.to] }, ['from', 'to'], AGGREGATES);
      return this.statement(q.from, q.to, period);
    }
    return this.overview(caller, period);
  }

  private async statement(from: string, to: string, period: PeriodRange) {
    const owed = await this.declarations.between(from, to, period.from, period.to);
    const reverse = from === to ? { cents: 0 } : await this.declarations.between(to, from, period.from, period.to);
    return {
      from,
      to,
      period: { label: period.label, start: period.from, end: period.to },
      basis: 'approved declaration lines (net of credits) by the month delivered, paid by `to` for care `from` is responsible for',
      owedCents: owed.cents,
      reverseCents: reverse.cents,
      /** Positive: `from` pays `to` this much after netting the other direction. */
      netCents: owed.cents - reverse.cents,
      lines: owed.lines,
      clients: owed.clients,
      months: owed.months.map((m) => ({ month: m.month, amountCents: m.cents })),
      categories: owed.categories.map((c) => ({ category: c.category, label: PRODUCT_CATEGORY_LABELS[c.category as ProductCategory], amountCents: c.cents, clients: c.clients })),
      providers: owed.providers.map((p) => ({ providerAgb: p.providerAgb, amountCents: p.cents })),
    };
  }

  /** Every pair the caller may read: one of its municipalities owes or is owed (an analyst: all). */
  private async overview(caller: Caller, period: PeriodRange) {
    const scope = tenantScopeOf(caller, AGGREGATES);
    const rows = (await this.declarations.matrix(period.from, period.to)).filter((r) => scopeAllows(scope, { municipalities: [r.responsible, r.payer] }));
    return {
      period: { label: period.label, start: period.from, end: period.to },
      costsPerResponsibleMunicipality: netCostsPerResponsible(rows),
      owed: rows.filter((r) => r.payer !== r.responsible).map((r) => ({ from: r.responsible, to: r.payer, amountCents: r.cents, clients: r.clients })),
    };
  }
}
