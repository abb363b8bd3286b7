import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { UuidPipe } from '@vangnet/platform';
import { PLAN_READERS } from '../plans/plans.controller';
import { ResidentPartRequest, ResidentPartView } from './crisis-card.dto';
import { CrisisCardService } from './crisis-card.service';

/** The resident's crisis card, WRAP and own input. */
@Controller('v1/plans/:id/crisis-card')
export class CrisisCardController {
  constructor(private readonly service: CrisisCardService) {}

  /** Save the resident's part of the plan: crisis card, WRAP or own input. */
  @Put()
  @Roles(Role.CARE_PLANS_COORDINATOR)
  save(@Param('id', UuidPipe) id: string, @Body() body: ResidentPartRequest, @CurrentCaller() caller: Caller): Promise<ResidentPartView> {
    return this.service.save(caller, id, body);
  }

  /** The resident's parts of the plan the caller may see (consent applied). */
  @Get()
  @Roles(...PLAN_READERS)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<ResidentPartView[]> {
    return this.service.get(caller, id);
  }
}
