import { Controller, Get, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { SettlementQuery } from './settlements.dto';
import { SettlementsService } from './settlements.service';

@Controller('v1/settlements')
export class SettlementsController {
  constructor(private readonly settlements: SettlementsService) {}

  /** Settlements between municipalities. `?from=&to=&period=`: what `from` owes `to`; `?period=` alone: costs per responsible municipality and who owes whom. */
  @Get()
  @Roles(Role.FINANCE_CONTROLLER, Role.AUDITOR, Role.REGIONAL_ANALYST)
  query(@CurrentCaller() caller: Caller, @Query() q: SettlementQuery): ReturnType<SettlementsService['query']> {
    return this.settlements.query(caller, q);
  }
}
