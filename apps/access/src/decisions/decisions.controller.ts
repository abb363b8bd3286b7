import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { UuidPipe } from '@vangnet/platform';
import { CASE_READERS } from '../shared/case-readers';
import { DecisionQuery, DecisionRequest, DecisionView } from './decisions.dto';
import { DecisionsService } from './decisions.service';

@Controller('v1/decisions')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  /** Decide an application. Granted provisions (in kind after procurement's contract check) and rejections, all or nothing. */
  @Post()
  @Roles(Role.ACCESS_DECISION_MAKER)
  decide(@Body() body: DecisionRequest, @CurrentCaller() caller: Caller): Promise<DecisionView> {
    return this.decisions.decide(caller, body);
  }

  /** A person's decisions in your municipalities (`?personId=`), newest first. */
  @Get()
  @Roles(...CASE_READERS)
  list(@Query() query: DecisionQuery, @CurrentCaller() caller: Caller): Promise<{ items: DecisionView[] }> {
    return this.decisions.listForPerson(caller, query.personId);
  }

  /** A decision with its granted provisions and rejections. */
  @Get(':id')
  @Roles(...CASE_READERS)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<DecisionView> {
    return this.decisions.get(caller, id);
  }
}
