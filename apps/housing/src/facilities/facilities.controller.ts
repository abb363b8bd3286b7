import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { CreateFacilitiesRequest, FacilitiesListQuery, FacilitiesView } from './facilities.dto';
import { FacilitiesService } from './facilities.service';

/** Thin: parse (the DTOs validate), call the service, return its view. */
@Controller('v1/facilities')
export class FacilitiesController {
  constructor(private readonly service: FacilitiesService) {}

  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  create(@Body() body: CreateFacilitiesRequest, @CurrentCaller() caller: Caller): Promise<FacilitiesView> {
    return this.service.create(caller, body);
  }

  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  list(@Query() q: FacilitiesListQuery, @CurrentCaller() caller: Caller): Promise<Page<FacilitiesView>> {
    return this.service.list(caller, q);
  }

  @Get(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<FacilitiesView> {
    return this.service.get(caller, id);
  }
}
