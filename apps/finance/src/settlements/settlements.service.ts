import { Injectable } from '@nestjs/common';
import { AGGREGATES, AuthError, Caller, hasRole, isMunicipal, requireRead } from '@vangnet/auth';
import { DomainError, PRODUCT_CATEGORY_LABELS, ProductCategory, Role } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { SettlementQuery } from './settlements.dto';
import { SettlementsRepository } from './settlements.repository';
import { parseSettlementPeriod, PeriodRange } from './settlements.rules';
import { mustExist } from '@vangnet/platform';

/**
 * Costs land on the responsible municipality. When another municipality paid the provider (the
 * declaration was sent to it, e.g. the central municipality for protected housing), the
 * responsible one owes it: a statement per pair and period, netted against the other direction.
 */
@Injectable()
export class SettlementsService {
  constructor(private readonly repo: SettlementsRepository) {}

  @Transactional()
  async query(caller: Caller, q: SettlementQuery): Promise<unknown> {
    const period = mustExist(parseSettlementPeriod(q.period), 'period');
    if (q.from || q.to) {
      if (!q.from || !q.to) throw DomainError.invalidField('SETTLEMENT_NEEDS_BOTH', q.from ? 'to' : 'from', 'give both from (who owes) and to (who is owed), or neither for the overview');
      requireRead(caller, { municipalities: [q.from, q.to] }, ['from', 'to'], AGGREGATES);
      return this.statement(q.from, q.to, period);
    }
    return this.overview(caller, period);
  }

  private async statement(from: string, to: string, period: PeriodRange) {
    const owed = await this.repo.between(from, to, period.from, period.to);
    const reverse = from === to ? { cents: 0 } : await this.repo.between(to, from, period.from, period.to);
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

  private async overview(caller: Caller, period: PeriodRange) {
    const all = await this.repo.matrix(period.from, period.to);
    const analyst = hasRole(caller, Role.REGIONAL_ANALYST);
    if (!analyst && !isMunicipal(caller)) throw AuthError.forbidden('settlements are for municipalities and regional analysts');
    const mine = (m: string) => analyst || caller.municipalities.includes(m);
    const rows = all.filter((r) => mine(r.responsible) || mine(r.payer));
    const costs = new Map<string, { municipality: string; amountCents: number; paidByOthersCents: number }>();
    for (const r of rows) {
      const c = costs.get(r.responsible) ?? { municipality: r.responsible, amountCents: 0, paidByOthersCents: 0 };
      c.amountCents += r.cents;
      if (r.payer !== r.responsible) c.paidByOthersCents += r.cents;
      costs.set(r.responsible, c);
    }
    return {
      period: { label: period.label, start: period.from, end: period.to },
      costsPerResponsibleMunicipality: [...costs.values()],
      owed: rows.filter((r) => r.payer !== r.responsible).map((r) => ({ from: r.responsible, to: r.payer, amountCents: r.cents, clients: r.clients })),
    };
  }
}
