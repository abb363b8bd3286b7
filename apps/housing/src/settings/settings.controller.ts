import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { CreateSettingsRequest, SettingsListQuery, SettingsView } from './settings.dto';
import { SettingsService } from './settings.service';

/** Thin: parse (the DTOs validate), call the service, return its view. */
@Controller('v1/settings')
export class SettingsController {
  constructor(private readonly service: SettingsService) {}

  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  create(@Body() body: CreateSettingsRequest, @CurrentCaller() caller: Caller): Promise<SettingsView> {
    return this.service.create(caller, body);
  }

  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  list(@Query() q: SettingsListQuery, @CurrentCaller() caller: Caller): Promise<Page<SettingsView>> {
    return this.service.list(caller, q);
  }

  @Get(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<SettingsView> {
    return this.service.get(caller, id);
  }
}
