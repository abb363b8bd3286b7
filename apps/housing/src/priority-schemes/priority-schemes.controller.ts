import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { CreatePrioritySchemesRequest, PrioritySchemesListQuery, PrioritySchemesView } from './priority-schemes.dto';
import { PrioritySchemesService } from './priority-schemes.service';

/** Thin: parse (the DTOs validate), call the service, return its view. */
@Controller('v1/priority-schemes')
export class PrioritySchemesController {
  constructor(private readonly service: PrioritySchemesService) {}

  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  create(@Body() body: CreatePrioritySchemesRequest, @CurrentCaller() caller: Caller): Promise<PrioritySchemesView> {
    return this.service.create(caller, body);
  }

  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  list(@Query() q: PrioritySchemesListQuery, @CurrentCaller() caller: Caller): Promise<Page<PrioritySchemesView>> {
    return this.service.list(caller, q);
  }

  @Get(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<PrioritySchemesView> {
    return this.service.get(caller, id);
  }
}
