import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { ConsentRequest, CreateReadinessRequest, ReadinessListQuery, ReadinessView, WithdrawConsentRequest, WithdrawReadinessRequest } from './outflow.dto';
import { OutflowService } from './outflow.service';

/** Residents ready for independent housing (care plans' signal or an officer's), and their consent. */
@Controller('v1/outflow')
export class OutflowController {
  constructor(private readonly service: OutflowService) {}

  /** Record that a resident is ready for independent housing. */
  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  create(@Body() body: CreateReadinessRequest, @CurrentCaller() caller: Caller): Promise<ReadinessView> {
    return this.service.create(caller, body);
  }

  /** Residents ready for independent housing (`?status=` to filter). */
  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  list(@Query() q: ReadinessListQuery, @CurrentCaller() caller: Caller): Promise<Page<ReadinessView>> {
    return this.service.list(caller, q);
  }

  /** One readiness record with its consent. */
  @Get(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<ReadinessView> {
    return this.service.get(caller, id);
  }

  /** The resident consents to share name, household size and needs with a corporation. */
  @Post(':id/consent')
  @HttpCode(200)
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  consent(@Param('id', UuidPipe) id: string, @Body() body: ConsentRequest, @CurrentCaller() caller: Caller): Promise<ReadinessView> {
    return this.service.recordConsent(caller, id, body.givenOn);
  }

  /** The resident withdraws consent: nothing more is shared with corporations. */
  @Post(':id/consent/withdraw')
  @HttpCode(200)
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  withdrawConsent(@Param('id', UuidPipe) id: string, @Body() body: WithdrawConsentRequest, @CurrentCaller() caller: Caller): Promise<ReadinessView> {
    return this.service.withdrawConsent(caller, id, body.withdrawnOn);
  }

  /** Withdraw the readiness (the resident no longer moves on), with the reason. */
  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  withdraw(@Param('id', UuidPipe) id: string, @Body() body: WithdrawReadinessRequest, @CurrentCaller() caller: Caller): Promise<ReadinessView> {
    return this.service.withdraw(caller, id, body.reason);
  }
}
