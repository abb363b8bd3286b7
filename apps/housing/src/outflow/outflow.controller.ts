import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { CreateOutflowRequest, OutflowListQuery, OutflowView } from './outflow.dto';
import { OutflowService } from './outflow.service';

/** Thin: parse (the DTOs validate), call the service, return its view. */
@Controller('v1/outflow')
export class OutflowController {
  constructor(private readonly service: OutflowService) {}

  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  create(@Body() body: CreateOutflowRequest, @CurrentCaller() caller: Caller): Promise<OutflowView> {
    return this.service.create(caller, body);
  }

  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  list(@Query() q: OutflowListQuery, @CurrentCaller() caller: Caller): Promise<Page<OutflowView>> {
    return this.service.list(caller, q);
  }

  @Get(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<OutflowView> {
    return this.service.get(caller, id);
  }
}
