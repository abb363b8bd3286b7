import { Controller, Get, Param, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { etagOf, UuidPipe } from '@vangnet/platform';
import { Response } from 'express';
import { PLAN_READERS } from '../plans/plans.controller';
import { PlanView } from './plan-view.dto';
import { PlanViewService } from './plan-view.service';

@Controller('v1/plans')
export class PlanViewController {
  constructor(private readonly service: PlanViewService) {}

  /** The plan as the caller may see it (consent applied); ETag for If-Match on PATCH. */
  @Get(':id')
  @Roles(...PLAN_READERS)
  async get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<PlanView> {
    const view = await this.service.get(caller, id);
    res.setHeader('ETag', etagOf(view.version));
    return view;
  }
}
