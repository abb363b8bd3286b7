import { Controller, Get, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { TermsMonitorQuery, TermsMonitorView } from './monitor.dto';
import { MonitorService } from './monitor.service';

@Controller('v1/monitor')
export class MonitorController {
  constructor(private readonly monitor: MonitorService) {}

  /** Statutory terms met and breached per month, municipality and kind (aggregates only). Met terms count in the month met; breached and open ones in their due month. */
  @Get('terms')
  @Roles(Role.REGIONAL_ANALYST, Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER, Role.AUDITOR)
  terms(@Query() q: TermsMonitorQuery, @CurrentCaller() caller: Caller): Promise<TermsMonitorView> {
    return this.monitor.terms(caller, q);
  }
}
