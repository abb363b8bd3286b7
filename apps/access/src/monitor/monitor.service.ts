import { Injectable } from '@nestjs/common';
import { AGGREGATES, Caller, requireRead, tenantScopeOf } from '@vangnet/auth';
import { addMonths, DomainError, firstDayOfMonth, lastDayOfMonth, monthOf } from '@vangnet/contracts';
import { Clock } from '@vangnet/platform';
import { TermsMonitorQuery, TermsMonitorView } from './monitor.dto';
import { MonitorRepository } from './monitor.repository';

const MAX_MONTHS = 36;

/** The regional monitor's statutory terms: met and breached per month and municipality, no cases or persons. */
@Injectable()
export class MonitorService {
  constructor(
    private readonly repository: MonitorRepository,
    private readonly clock: Clock,
  ) {}

  async terms(caller: Caller, q: TermsMonitorQuery): Promise<TermsMonitorView> {
    const scope = tenantScopeOf(caller, AGGREGATES);
    if (q.municipality && !scope.regionWide) requireRead(caller, { municipalities: [q.municipality] }, 'municipality', AGGREGATES);
    const only = q.municipality ? [q.municipality] : scope.regionWide ? null : scope.municipalities;
    const today = this.clock.today();
    const to = q.to ?? monthOf(today);
    const from = q.from ?? monthOf(addMonths(firstDayOfMonth(`${to}-01`), -11));
    if (from > to || monthsApart(from, to) >= MAX_MONTHS) throw DomainError.invalidField('INVALID_PERIOD', 'to', `to must be a month from ${from} up to ${MAX_MONTHS} months later`);
    const rows = await this.repository.termCounts(firstDayOfMonth(`${from}-01`), lastDayOfMonth(`${to}-01`), today, only);
    return { from, to, measuredOn: today, municipalities: only, rows };
  }
}

function monthsApart(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm);
}
