import { Body, Controller, Get, Post } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { CASE_READERS } from '../shared/case-readers';
import { MandateRequest, MandateView, RuleSetRequest, RuleSetView } from './responsibility.dto';
import { ResponsibilityService } from './responsibility.service';

/** The dated rule sets per law that say which municipality is responsible and pays, and the mandates to decide for another. */
@Controller('v1')
export class ResponsibilityController {
  constructor(private readonly responsibility: ResponsibilityService) {}

  @Get('responsibility-rule-sets')
  @Roles(...CASE_READERS, Role.REGION_ADMINISTRATOR)
  async list(): Promise<{ items: RuleSetView[] }> {
    return { items: await this.responsibility.list() };
  }

  /** Add a rule set from a future date (a region administrator for every municipality); one that overlaps a stored one is refused. */
  @Post('responsibility-rule-sets')
  @Roles(Role.REGION_ADMINISTRATOR)
  add(@Body() body: RuleSetRequest, @CurrentCaller() caller: Caller): Promise<RuleSetView> {
    return this.responsibility.add(caller, body);
  }

  @Get('mandates')
  @Roles(...CASE_READERS, Role.REGION_ADMINISTRATOR)
  async mandates(): Promise<{ items: MandateView[] }> {
    return { items: await this.responsibility.listMandates() };
  }

  /** Record a mandate to decide for another municipality (a region administrator for every municipality). */
  @Post('mandates')
  @Roles(Role.REGION_ADMINISTRATOR)
  addMandate(@Body() body: MandateRequest, @CurrentCaller() caller: Caller): Promise<MandateView> {
    return this.responsibility.addMandate(caller, body);
  }
}
