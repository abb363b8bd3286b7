import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { NormView, ReportWaitingTimeRequest, SetNormRequest, WaitingTimeQuery, WaitingTimeView } from './waiting-times.dto';
import { WaitingTimesService } from './waiting-times.service';

@Controller('v1')
export class WaitingTimesController {
  constructor(private readonly waitingTimes: WaitingTimesService) {}

  /** A provider reports its own waiting time (a contract manager may report for any provider). */
  @Post('waiting-times')
  @Roles(Role.PROVIDER, Role.PROCUREMENT_CONTRACT_MANAGER)
  report(@Body() body: ReportWaitingTimeRequest, @CurrentCaller() caller: Caller): Promise<WaitingTimeView> {
    return this.waitingTimes.report(body, caller);
  }

  /** Set the region's waiting-time norm for a product, or for a whole category. */
  @Put('waiting-time-norms')
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  setNorm(@Body() body: SetNormRequest, @CurrentCaller() caller: Caller): Promise<NormView> {
    return this.waitingTimes.setNorm(body, caller);
  }

  /** Reported waiting times per provider and product category. */
  @Get('waiting-times')
  list(@Query() q: WaitingTimeQuery, @CurrentCaller() caller: Caller): Promise<{ items: WaitingTimeView[] }> {
    return this.waitingTimes.list(q, caller);
  }
}
