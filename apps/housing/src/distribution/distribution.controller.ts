import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { CreateDistributionRequest, DistributionListQuery, DistributionView } from './distribution.dto';
import { DistributionService } from './distribution.service';

/** Thin: parse (the DTOs validate), call the service, return its view. */
@Controller('v1/distribution')
export class DistributionController {
  constructor(private readonly service: DistributionService) {}

  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  create(@Body() body: CreateDistributionRequest, @CurrentCaller() caller: Caller): Promise<DistributionView> {
    return this.service.create(caller, body);
  }

  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  list(@Query() q: DistributionListQuery, @CurrentCaller() caller: Caller): Promise<Page<DistributionView>> {
    return this.service.list(caller, q);
  }

  @Get(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<DistributionView> {
    return this.service.get(caller, id);
  }
}
