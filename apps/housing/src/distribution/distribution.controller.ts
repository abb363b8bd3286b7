import { Body, Controller, Get, Param, Put, Query, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import type { Response } from 'express';
import { DistributionKeyView, DistributionQuery, DistributionView, PutDistributionKeyRequest, YearParam } from './distribution.dto';
import { DistributionService } from './distribution.service';

/** The regional distribution: aggregates for municipal tokens and the regional analyst. */
@Controller('v1/distribution')
export class DistributionController {
  constructor(private readonly service: DistributionService) {}

  /** The regional distribution of places per municipality against the year's key (aggregates only). */
  @Get()
  report(@Query() q: DistributionQuery, @CurrentCaller() caller: Caller): Promise<DistributionView> {
    return this.service.report(caller, q.year);
  }

  /** The region's distribution key for a year. */
  @Get('keys/:year')
  key(@Param() p: YearParam, @CurrentCaller() caller: Caller): Promise<DistributionKeyView> {
    return this.service.getKey(caller, p.year);
  }

  /** The year's key, set for the whole region: 201 when new, 200 when replaced. */
  @Put('keys/:year')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  async putKey(@Param() p: YearParam, @Body() body: PutDistributionKeyRequest, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<DistributionKeyView> {
    const { view, created } = await this.service.putKey(caller, p.year, body);
    res.status(created ? 201 : 200);
    return view;
  }
}
