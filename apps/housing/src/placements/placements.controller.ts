import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { CreatePlacementsRequest, PlacementsListQuery, PlacementsView } from './placements.dto';
import { PlacementsService } from './placements.service';

/** Thin: parse (the DTOs validate), call the service, return its view. */
@Controller('v1/placements')
export class PlacementsController {
  constructor(private readonly service: PlacementsService) {}

  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  create(@Body() body: CreatePlacementsRequest, @CurrentCaller() caller: Caller): Promise<PlacementsView> {
    return this.service.create(caller, body);
  }

  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  list(@Query() q: PlacementsListQuery, @CurrentCaller() caller: Caller): Promise<Page<PlacementsView>> {
    return this.service.list(caller, q);
  }

  @Get(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<PlacementsView> {
    return this.service.get(caller, id);
  }
}
