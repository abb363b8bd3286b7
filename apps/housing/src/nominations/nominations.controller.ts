import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { CreateNominationsRequest, NominationsListQuery, NominationsView } from './nominations.dto';
import { NominationsService } from './nominations.service';

/** Thin: parse (the DTOs validate), call the service, return its view. */
@Controller('v1/nominations')
export class NominationsController {
  constructor(private readonly service: NominationsService) {}

  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  create(@Body() body: CreateNominationsRequest, @CurrentCaller() caller: Caller): Promise<NominationsView> {
    return this.service.create(caller, body);
  }

  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  list(@Query() q: NominationsListQuery, @CurrentCaller() caller: Caller): Promise<Page<NominationsView>> {
    return this.service.list(caller, q);
  }

  @Get(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<NominationsView> {
    return this.service.get(caller, id);
  }
}
