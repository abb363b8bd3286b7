import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { UuidPipe } from '@vangnet/platform';
import { GrantSubsidyRequest, SubsidyQuery, SubsidyView } from './subsidies.dto';
import { SubsidiesService } from './subsidies.service';

@Controller('v1/subsidies')
export class SubsidiesController {
  constructor(private readonly subsidies: SubsidiesService) {}

  /** Grant a subsidy to a subsidised organisation (by AGB code) for a municipality. */
  @Post()
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  grant(@Body() body: GrantSubsidyRequest, @CurrentCaller() caller: Caller): Promise<SubsidyView> {
    return this.subsidies.grant(body, caller);
  }

  /** Subsidies granted in your municipalities. */
  @Get()
  list(@Query() q: SubsidyQuery, @CurrentCaller() caller: Caller): Promise<{ items: SubsidyView[] }> {
    return this.subsidies.list(q, caller);
  }

  /** A granted subsidy. */
  @Get(':id')
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<SubsidyView> {
    return this.subsidies.get(id, caller);
  }
}
