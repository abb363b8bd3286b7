import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { CreateEvictionSignalsRequest, EvictionSignalsListQuery, EvictionSignalsView } from './eviction-signals.dto';
import { EvictionSignalsService } from './eviction-signals.service';

/** Thin: parse (the DTOs validate), call the service, return its view. */
@Controller('v1/eviction-signals')
export class EvictionSignalsController {
  constructor(private readonly service: EvictionSignalsService) {}

  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  create(@Body() body: CreateEvictionSignalsRequest, @CurrentCaller() caller: Caller): Promise<EvictionSignalsView> {
    return this.service.create(caller, body);
  }

  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  list(@Query() q: EvictionSignalsListQuery, @CurrentCaller() caller: Caller): Promise<Page<EvictionSignalsView>> {
    return this.service.list(caller, q);
  }

  @Get(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<EvictionSignalsView> {
    return this.service.get(caller, id);
  }
}
