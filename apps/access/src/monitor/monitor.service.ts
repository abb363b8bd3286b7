import { Injectable } from '@nestjs/common';
import { AGGREGATES, Caller, requireRead, tenantScopeOf } from '@vangnet/auth';
import { Clock, monthRange } from '@vangnet/platform';
import { TermsMonitorQuery, TermsMonitorView } from './monitor.dto';
import { MonitorRepository } from './monitor.repository';

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
    const { from, to, start, end } = monthRange(q, today);
    const rows = await this.repository.termCounts(start, end, today, only);
    return { from, to, measuredOn: today, municipalities: only, rows };
  }
}
