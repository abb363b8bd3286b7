import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { etagOf, UuidPipe } from '@vangnet/platform';
import type { Response } from 'express';
import { CASE_READERS } from '../shared/case-readers';
import { LineageView, ProvisionChangeRequest, ProvisionEndRequest, ProvisionListQuery, ProvisionView } from './provisions.dto';
import { ProvisionsService } from './provisions.service';

@Controller('v1/provisions')
export class ProvisionsController {
  constructor(private readonly provisions: ProvisionsService) {}

  /** Current versions: `?personId=` for municipal readers; a provider gets its own assignments. */
  @Get()
  @Roles(...CASE_READERS, Role.PROVIDER)
  list(@Query() query: ProvisionListQuery, @CurrentCaller() caller: Caller): Promise<{ items: ProvisionView[] }> {
    return this.provisions.list(caller, query);
  }

  /** A provision lineage by a version's id or the lineage id, with its versions. */
  @Get(':id')
  @Roles(...CASE_READERS, Role.PROVIDER)
  async get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<LineageView> {
    const view = await this.provisions.get(caller, id);
    res.setHeader('ETag', etagOf(view.rowVersion));
    return view;
  }

  /** A new version from `validFrom`; the previous version stops the day before. */
  @Post(':id/changes')
  @Roles(Role.ACCESS_DECISION_MAKER)
  change(
    @Param('id', UuidPipe) id: string,
    @Body() body: ProvisionChangeRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentCaller() caller: Caller,
  ): Promise<ProvisionView> {
    return this.provisions.change(caller, id, body, ifMatch);
  }

  /** End the whole lineage on `endDate` (inclusive). */
  @Post(':id/end')
  @HttpCode(200)
  @Roles(Role.ACCESS_DECISION_MAKER)
  end(
    @Param('id', UuidPipe) id: string,
    @Body() body: ProvisionEndRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentCaller() caller: Caller,
  ): Promise<LineageView> {
    return this.provisions.end(caller, id, body, ifMatch);
  }
}
