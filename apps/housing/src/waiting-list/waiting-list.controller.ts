import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { CreateWaitingListRequest, WaitingListListQuery, WaitingListView } from './waiting-list.dto';
import { WaitingListService } from './waiting-list.service';

/** Thin: parse (the DTOs validate), call the service, return its view. */
@Controller('v1/waiting-list')
export class WaitingListController {
  constructor(private readonly service: WaitingListService) {}

  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  create(@Body() body: CreateWaitingListRequest, @CurrentCaller() caller: Caller): Promise<WaitingListView> {
    return this.service.create(caller, body);
  }

  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  list(@Query() q: WaitingListListQuery, @CurrentCaller() caller: Caller): Promise<Page<WaitingListView>> {
    return this.service.list(caller, q);
  }

  @Get(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<WaitingListView> {
    return this.service.get(caller, id);
  }
}
