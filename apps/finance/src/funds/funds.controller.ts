import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import type { Response } from 'express';
import { IdParam } from '../common/scope';
import { CreateFundRequest, DistributionQuery, DistributionRequest } from './funds.dto';
import { DistributionView, FundsService, FundView } from './funds.service';

@Controller('v1/funds')
export class FundsController {
  constructor(private readonly funds: FundsService) {}

  @Post()
  @Roles(Role.FINANCE_CONTROLLER)
  create(@CurrentCaller() caller: Caller, @Body() body: CreateFundRequest): Promise<FundView> {
    return this.funds.create(caller, body);
  }

  @Get()
  list(@CurrentCaller() caller: Caller): Promise<FundView[]> {
    return this.funds.list(caller);
  }

  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param() p: IdParam): Promise<FundView> {
    return this.funds.get(caller, p.id);
  }

  /** Key → parts. A new key is a new version (201); the same key again returns its version (200). */
  @Post(':id/distribution')
  @Roles(Role.FINANCE_CONTROLLER)
  async distribute(
    @CurrentCaller() caller: Caller,
    @Param() p: IdParam,
    @Body() body: DistributionRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DistributionView> {
    const { created, distribution } = await this.funds.distribute(caller, p.id, body);
    res.status(created ? 201 : 200);
    return distribution;
  }

  @Get(':id/distribution')
  distribution(@CurrentCaller() caller: Caller, @Param() p: IdParam, @Query() q: DistributionQuery): Promise<DistributionView> {
    return this.funds.distribution(caller, p.id, q.version);
  }
}
