import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { ClientStopListQuery, ClientStopView, CreateClientStopRequest, LiftQuery } from './client-stops.dto';
import { ClientStopsService } from './client-stops.service';

@Controller('v1/client-stops')
export class ClientStopsController {
  constructor(private readonly stops: ClientStopsService) {}

  /** Stop new clients for a provider and product (cliëntenstop). The contract check refuses new assignments while it runs. */
  @Post()
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  set(@Body() body: CreateClientStopRequest, @CurrentCaller() caller: Caller): Promise<ClientStopView> {
    return this.stops.set(body, caller);
  }

  /** Client stops (`?activeOn=` for those in force on a date). */
  @Get()
  list(@Query() q: ClientStopListQuery, @CurrentCaller() caller: Caller): Promise<Page<ClientStopView>> {
    return this.stops.list(q, caller);
  }

  /** A client stop with its reason and dates. */
  @Get(':id')
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<ClientStopView> {
    return this.stops.get(id, caller);
  }

  /** Lift the stop from today on (`?reason=` optional). */
  @Delete(':id')
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  lift(@Param('id', UuidPipe) id: string, @Query() q: LiftQuery, @CurrentCaller() caller: Caller): Promise<ClientStopView> {
    return this.stops.lift(id, q.reason, caller);
  }
}
