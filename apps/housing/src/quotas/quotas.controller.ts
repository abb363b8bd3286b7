import { Body, Controller, Get, Put, Query, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page } from '@vangnet/platform';
import type { Response } from 'express';
import { PutQuotaRequest, QuotaListQuery, QuotaView } from './quotas.dto';
import { QuotasService } from './quotas.service';

@Controller('v1/quotas')
export class QuotasController {
  constructor(private readonly service: QuotasService) {}

  /** Set the homes of a corporation's quota for a municipality and year: 201 when new, 200 when changed. */
  @Put()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  async put(@Body() body: PutQuotaRequest, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<QuotaView> {
    const { view, created } = await this.service.put(caller, body);
    res.status(created ? 201 : 200);
    return view;
  }

  /** Corporations' housing quotas per municipality and year; a corporation sees its own. */
  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER, Role.CORPORATION)
  list(@Query() q: QuotaListQuery, @CurrentCaller() caller: Caller): Promise<Page<QuotaView>> {
    return this.service.list(caller, q);
  }
}
