import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { CreateQuotasRequest, QuotasListQuery, QuotasView } from './quotas.dto';
import { QuotasService } from './quotas.service';

/** Thin: parse (the DTOs validate), call the service, return its view. */
@Controller('v1/quotas')
export class QuotasController {
  constructor(private readonly service: QuotasService) {}

  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  create(@Body() body: CreateQuotasRequest, @CurrentCaller() caller: Caller): Promise<QuotasView> {
    return this.service.create(caller, body);
  }

  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  list(@Query() q: QuotasListQuery, @CurrentCaller() caller: Caller): Promise<Page<QuotasView>> {
    return this.service.list(caller, q);
  }

  @Get(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<QuotasView> {
    return this.service.get(caller, id);
  }
}
