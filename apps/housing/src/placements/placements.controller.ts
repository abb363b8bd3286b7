import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { CreatePlacementRequest, EndPlacementRequest, PlacementListQuery, PlacementView } from './placements.dto';
import { PlacementsService } from './placements.service';

/** Placement officers of the placements' municipalities; a provider reads those in its own facilities. */
@Controller('v1/placements')
export class PlacementsController {
  constructor(private readonly service: PlacementsService) {}

  /** Start a placement of a waiting entry in a place. */
  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  start(@Body() body: CreatePlacementRequest, @CurrentCaller() caller: Caller): Promise<PlacementView> {
    return this.service.start(caller, body);
  }

  /** Placements the caller may read (`?overstay=true`: running placements beyond their type's reference stay). */
  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER, Role.PROVIDER)
  list(@Query() q: PlacementListQuery, @CurrentCaller() caller: Caller): Promise<Page<PlacementView>> {
    return this.service.list(caller, q);
  }

  /** A placement with its place, start and (when ended) end. */
  @Get(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER, Role.PROVIDER)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<PlacementView> {
    return this.service.get(caller, id);
  }

  /** End a placement on a date, with the reason. */
  @Post(':id/end')
  @HttpCode(200)
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  end(@Param('id', UuidPipe) id: string, @Body() body: EndPlacementRequest, @CurrentCaller() caller: Caller): Promise<PlacementView> {
    return this.service.end(caller, id, body);
  }
}
