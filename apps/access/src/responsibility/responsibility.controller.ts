import { Body, Controller, Get, Post } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { CASE_READERS } from '../shared/case-readers';
import { RuleSetRequest, RuleSetView } from './responsibility.dto';
import { ResponsibilityService } from './responsibility.service';

/** The dated rule sets that say which municipality pays for protected housing. */
@Controller('v1/responsibility-rule-sets')
export class ResponsibilityController {
  constructor(private readonly responsibility: ResponsibilityService) {}

  @Get()
  @Roles(...CASE_READERS)
  async list(): Promise<{ items: RuleSetView[] }> {
    return { items: await this.responsibility.list() };
  }

  @Post()
  @Roles(Role.ACCESS_DECISION_MAKER)
  add(@Body() body: RuleSetRequest, @CurrentCaller() caller: Caller): Promise<RuleSetView> {
    return this.responsibility.add(caller, body);
  }
}
