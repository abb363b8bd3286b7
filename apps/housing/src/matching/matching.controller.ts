import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { CreateMatchingRequest, MatchingListQuery, MatchingView } from './matching.dto';
import { MatchingService } from './matching.service';

/** Thin: parse (the DTOs validate), call the service, return its view. */
@Controller('v1/matching')
export class MatchingController {
  constructor(private readonly service: MatchingService) {}

  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  create(@Body() body: CreateMatchingRequest, @CurrentCaller() caller: Caller): Promise<MatchingView> {
    return this.service.create(caller, body);
  }

  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  list(@Query() q: MatchingListQuery, @CurrentCaller() caller: Caller): Promise<Page<MatchingView>> {
    return this.service.list(caller, q);
  }

  @Get(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<MatchingView> {
    return this.service.get(caller, id);
  }
}
