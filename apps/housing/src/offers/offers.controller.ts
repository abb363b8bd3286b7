import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { CreateOffersRequest, OffersListQuery, OffersView } from './offers.dto';
import { OffersService } from './offers.service';

/** Thin: parse (the DTOs validate), call the service, return its view. */
@Controller('v1/offers')
export class OffersController {
  constructor(private readonly service: OffersService) {}

  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  create(@Body() body: CreateOffersRequest, @CurrentCaller() caller: Caller): Promise<OffersView> {
    return this.service.create(caller, body);
  }

  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  list(@Query() q: OffersListQuery, @CurrentCaller() caller: Caller): Promise<Page<OffersView>> {
    return this.service.list(caller, q);
  }

  @Get(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<OffersView> {
    return this.service.get(caller, id);
  }
}
