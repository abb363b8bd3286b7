import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { CASE_READERS } from '../shared/case-readers';
import { CreateObjectionRequest, DecideObjectionRequest, ObjectionView } from './objections.dto';
import { ObjectionsService } from './objections.service';
import { UuidPipe } from '@vangnet/platform';

@Controller('v1')
export class ObjectionsController {
  constructor(private readonly objections: ObjectionsService) {}

  /** Lodge an objection (bezwaar) against a decision. */
  @Post('decisions/:id/objections')
  @Roles(Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER)
  create(@Param('id', UuidPipe) id: string, @Body() body: CreateObjectionRequest, @CurrentCaller() caller: Caller): Promise<ObjectionView> {
    return this.objections.create(caller, id, body);
  }

  /** The objections lodged against a decision. */
  @Get('decisions/:id/objections')
  @Roles(...CASE_READERS)
  list(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<{ items: ObjectionView[] }> {
    return this.objections.list(caller, id);
  }

  /** An objection with its term and outcome. */
  @Get('objections/:id')
  @Roles(...CASE_READERS)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<ObjectionView> {
    return this.objections.get(caller, id);
  }

  /** Upheld, partially upheld, rejected or inadmissible: only municipal staff decide. */
  @Post('objections/:id/decision')
  @HttpCode(200)
  @Roles(Role.ACCESS_DECISION_MAKER)
  decide(@Param('id', UuidPipe) id: string, @Body() body: DecideObjectionRequest, @CurrentCaller() caller: Caller): Promise<ObjectionView> {
    return this.objections.decide(caller, id, body);
  }
}
