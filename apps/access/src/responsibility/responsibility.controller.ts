import { Body, Controller, Get, Headers, Post, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { etagOf } from '@vangnet/platform';
import type { Response } from 'express';
import { CASE_READERS } from '../shared/case-readers';
import { MandateRequest, MandateView, RuleSetRequest, RuleSetView } from './responsibility.dto';
import { ResponsibilityService } from './responsibility.service';

/** The dated rule sets per law that say which municipality is responsible and pays, and the mandates to decide for another. */
@Controller('v1')
export class ResponsibilityController {
  constructor(private readonly responsibility: ResponsibilityService) {}

  /** The responsibility rule sets per law, with the dates they apply from. Answers with the list's ETag. */
  @Get('responsibility-rule-sets')
  @Roles(...CASE_READERS, Role.REGION_ADMINISTRATOR)
  async list(@Res({ passthrough: true }) res: Response): Promise<{ items: RuleSetView[] }> {
    res.setHeader('ETag', etagOf(await this.responsibility.ruleSetsVersion()));
    return { items: await this.responsibility.list() };
  }

  /** Add a responsibility rule set from a future date. A region administrator acts for every municipality, with `If-Match` and the list's ETag; audited. One that overlaps a stored rule set is refused. */
  @Post('responsibility-rule-sets')
  @Roles(Role.REGION_ADMINISTRATOR)
  async add(
    @Body() body: RuleSetRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RuleSetView> {
    const { view, version } = await this.responsibility.add(caller, body, ifMatch);
    res.setHeader('ETag', etagOf(version));
    return view;
  }

  /** The mandates to decide for another municipality. Answers with the list's ETag. */
  @Get('mandates')
  @Roles(...CASE_READERS, Role.REGION_ADMINISTRATOR)
  async mandates(@Res({ passthrough: true }) res: Response): Promise<{ items: MandateView[] }> {
    res.setHeader('ETag', etagOf(await this.responsibility.mandatesVersion()));
    return { items: await this.responsibility.listMandates() };
  }

  /** Record a mandate to decide for another municipality. A region administrator acts for every municipality, with `If-Match` and the list's ETag; audited. */
  @Post('mandates')
  @Roles(Role.REGION_ADMINISTRATOR)
  async addMandate(
    @Body() body: MandateRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MandateView> {
    const { view, version } = await this.responsibility.addMandate(caller, body, ifMatch);
    res.setHeader('ETag', etagOf(version));
    return view;
  }
}
