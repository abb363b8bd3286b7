import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page } from '@vangnet/platform';
import { ClientStopIdParam, ClientStopListQuery, ClientStopView, CreateClientStopRequest, LiftQuery } from './client-stops.dto';
import { ClientStopsService } from './client-stops.service';

@Controller('v1/client-stops')
export class ClientStopsController {
  constructor(private readonly stops: ClientStopsService) {}

  @Post()
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  set(@Body() body: CreateClientStopRequest, @CurrentCaller() caller: Caller): Promise<ClientStopView> {
    return this.stops.set(body, caller);
  }

  @Get()
  list(@Query() q: ClientStopListQuery, @CurrentCaller() caller: Caller): Promise<Page<ClientStopView>> {
    return this.stops.list(q, caller);
  }

  @Get(':id')
  get(@Param() p: ClientStopIdParam, @CurrentCaller() caller: Caller): Promise<ClientStopView> {
    return this.stops.get(p.id, caller);
  }

  /** Lift the stop from today on (`?reason=` optional). */
  @Delete(':id')
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  lift(@Param() p: ClientStopIdParam, @Query() q: LiftQuery, @CurrentCaller() caller: Caller): Promise<ClientStopView> {
    return this.stops.lift(p.id, q.reason, caller);
  }
}
