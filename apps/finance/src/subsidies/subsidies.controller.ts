import { Controller, Get, Param, Query } from '@nestjs/common';
import { Caller, CurrentCaller } from '@vangnet/auth';
import { UuidPipe } from '@vangnet/platform';
import { SubsidyQuery } from './subsidies.dto';
import { SubsidiesService, SubsidyView } from './subsidies.service';

@Controller('v1/subsidies')
export class SubsidiesController {
  constructor(private readonly subsidies: SubsidiesService) {}

  /** Subsidies committed in your municipalities' budgets. */
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() q: SubsidyQuery): Promise<SubsidyView[]> {
    return this.subsidies.list(caller, q);
  }

  /** A subsidy as finance committed it. */
  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id', UuidPipe) id: string): Promise<SubsidyView> {
    return this.subsidies.get(caller, id);
  }
}
