import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { CreateMonitorRequest, MonitorListQuery, MonitorView } from './monitor.dto';
import { MonitorService } from './monitor.service';

/** Thin: parse (the DTOs validate), call the service, return its view. */
@Controller('v1/monitor')
export class MonitorController {
  constructor(private readonly service: MonitorService) {}

  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  create(@Body() body: CreateMonitorRequest, @CurrentCaller() caller: Caller): Promise<MonitorView> {
    return this.service.create(caller, body);
  }

  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  list(@Query() q: MonitorListQuery, @CurrentCaller() caller: Caller): Promise<Page<MonitorView>> {
    return this.service.list(caller, q);
  }

  @Get(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<MonitorView> {
    return this.service.get(caller, id);
  }
}
