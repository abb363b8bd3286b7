import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { CloseSignalRequest, OutflowReadyRequest, SignalListQuery, SignalView } from './signals.dto';
import { SignalsService } from './signals.service';

/** The worklist of care-plan signals (the web pages' worklist reads it here). */
@Controller('v1/signals')
export class SignalsController {
  constructor(private readonly service: SignalsService) {}

  /** Care-plan signals in your municipalities (`?kind=`, `?status=`, `?overdue=` to filter). */
  @Get()
  @Roles(Role.ACCESS_CASEWORKER, Role.CARE_PLANS_COORDINATOR)
  list(@Query() q: SignalListQuery, @CurrentCaller() caller: Caller): Promise<Page<SignalView>> {
    return this.service.list(caller, q);
  }

  /** Close a signal with what was done about it. */
  @Post(':id/close')
  @HttpCode(200)
  @Roles(Role.ACCESS_CASEWORKER, Role.CARE_PLANS_COORDINATOR)
  close(@Param('id', UuidPipe) id: string, @Body() body: CloseSignalRequest, @CurrentCaller() caller: Caller): Promise<SignalView> {
    return this.service.close(caller, id, body);
  }
}

/** The coordinator marks a resident ready to move on to independent housing. */
@Controller('v1/plans/:id/outflow')
export class OutflowController {
  constructor(private readonly service: SignalsService) {}

  /** Mark the resident ready to move on to independent housing; housing receives the signal. */
  @Post()
  @Roles(Role.CARE_PLANS_COORDINATOR)
  ready(@Param('id', UuidPipe) id: string, @Body() body: OutflowReadyRequest, @CurrentCaller() caller: Caller): Promise<SignalView> {
    return this.service.outflowReady(caller, id, body);
  }
}
