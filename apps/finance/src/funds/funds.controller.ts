import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import type { Response } from 'express';
import { CreateFundRequest, DistributionQuery, DistributionRequest } from './funds.dto';
import { DistributionView, FundsService, FundView } from './funds.service';
import { UuidPipe } from '@vangnet/platform';

@Controller('v1/funds')
export class FundsController {
  constructor(private readonly funds: FundsService) {}

  /** Create a regional fund (a decentralisation grant a central municipality receives for the region). */
  @Post()
  @Roles(Role.FINANCE_CONTROLLER)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateFundRequest): Promise<FundView> {
    return this.funds.create(caller, body);
  }

  /** The regional funds your municipalities take part in. */
  @Get()
  list(@CurrentCaller() caller: Caller): Promise<FundView[]> {
    return this.funds.list(caller);
  }

  /** A regional fund with its amount and central municipality. */
  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param('id', UuidPipe) id: string): Promise<FundView> {
    return this.funds.get(caller, id);
  }

  /** Distribute the fund over its municipalities by a key. A new key is a new version (201); the same key again returns its version (200). */
  @Post(':id/distribution')
  @Roles(Role.FINANCE_CONTROLLER)
  async distribute(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidPipe) id: string,
    @Body() body: DistributionRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DistributionView> {
    const { created, distribution } = await this.funds.distribute(caller, id, body);
    res.status(created ? 201 : 200);
    return distribution;
  }

  /** How the fund is distributed over the municipalities (the key in force, or `?version=`). */
  @Get(':id/distribution')
  distribution(@CurrentCaller() caller: Caller, @Param('id', UuidPipe) id: string, @Query() q: DistributionQuery): Promise<DistributionView> {
    return this.funds.distribution(caller, id, q.version);
  }
}
