import { Body, Controller, Get, Headers, Param, Put, Query, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { etagOf } from '@vangnet/platform';
import type { Response } from 'express';
import { CeilingListQuery, CeilingParams, CeilingView, PutCeilingRequest } from './ceilings.dto';
import { CeilingsService } from './ceilings.service';
import { CeilingAlertRow } from './ceiling-alerts.rules';

@Controller('v1/ceilings')
export class CeilingsController {
  constructor(private readonly ceilings: CeilingsService) {}

  /** Providers' budget ceilings per municipality and year, with their use. */
  @Get()
  list(@Query() q: CeilingListQuery, @CurrentCaller() caller: Caller): Promise<{ items: CeilingView[] }> {
    return this.ceilings.list(q, caller);
  }

  /** Ceiling alerts per provider. Its ceilings in your scope, how many reached an alert threshold or were exceeded, and the highest use (aggregates for the regional monitor). */
  @Get('alerts')
  async alerts(@Query() q: CeilingListQuery, @CurrentCaller() caller: Caller): Promise<{ items: CeilingAlertRow[] }> {
    return this.ceilings.alerts(q, caller);
  }

  /** A provider's ceiling in a municipality and year, with its use. Answers with the ETag for `If-Match`. */
  @Get(':agb/:municipality/:year')
  async get(@Param() p: CeilingParams, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<CeilingView> {
    const view = await this.ceilings.get({ providerAgb: p.agb, municipality: p.municipality, year: p.year }, caller);
    if (view.version != null) res.setHeader('ETag', etagOf(view.version));
    return view;
  }

  /** Set the ceiling (201 when new, 200 when replaced); honours If-Match. */
  @Put(':agb/:municipality/:year')
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  async put(
    @Param() p: CeilingParams,
    @Body() body: PutCeilingRequest,
    @CurrentCaller() caller: Caller,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CeilingView> {
    const { view, created } = await this.ceilings.put({ providerAgb: p.agb, municipality: p.municipality, year: p.year }, body.ceilingCents, caller, ifMatch);
    res.status(created ? 201 : 200);
    res.setHeader('ETag', etagOf(view.version ?? 1));
    return view;
  }
}
