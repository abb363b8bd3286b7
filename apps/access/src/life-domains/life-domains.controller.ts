import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { etagOf } from '@vangnet/platform';
import type { Response } from 'express';
import { CASE_READERS } from '../shared/case-readers';
import { LifeDomainRequest, LifeDomainView } from './life-domains.dto';
import { LifeDomainsService } from './life-domains.service';

/** The region's life domains, scored 1–5 in an investigation; care plans learn them from access.life-domain.changed.v1. */
@Controller('v1/life-domains')
export class LifeDomainsController {
  constructor(private readonly domains: LifeDomainsService) {}

  /** The region's life domains, active and deactivated, with their scales. */
  @Get()
  @Roles(...CASE_READERS, Role.REGION_ADMINISTRATOR)
  async list(): Promise<{ items: LifeDomainView[] }> {
    return { items: await this.domains.list() };
  }

  /** Add or change a life domain. Add with `If-None-Match: *`, change with `If-Match` and the ETag; a domain is deactivated, never deleted. A region administrator acts for every municipality; audited. */
  @Put(':code')
  @Roles(Role.REGION_ADMINISTRATOR)
  async put(
    @Param('code') code: string,
    @Body() body: LifeDomainRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LifeDomainView> {
    const view = await this.domains.put(caller, code, body, ifMatch, ifNoneMatch);
    res.setHeader('ETag', etagOf(view.revision));
    return view;
  }
}
