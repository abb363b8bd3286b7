import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, PageQuery, UuidPipe } from '@vangnet/platform';
import { ActivatePrioritySchemeRequest, CreatePrioritySchemeRequest, PrioritySchemeView } from './priority-schemes.dto';
import { requirePolicyReader } from '../shared/region-policy';
import { PrioritySchemesService } from './priority-schemes.service';

/**
 * The region's priority schemes. A scheme is published to every municipal token and the regional
 * analyst, so they can recompute the list's order from it (README "Ranking"); a provider or a
 * corporation reads none (ARCHITECTURE §6).
 */
@Controller('v1/priority-schemes')
export class PrioritySchemesController {
  constructor(private readonly service: PrioritySchemesService) {}

  /** Create a priority scheme version (its weights); it ranks nothing until activated. */
  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  create(@Body() body: CreatePrioritySchemeRequest, @CurrentCaller() caller: Caller): Promise<PrioritySchemeView> {
    return this.service.create(caller, body);
  }

  /** Activate a drafted scheme version: the waiting list is ranked by it from now on. */
  @Post(':id/activate')
  @HttpCode(200)
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  activate(@Param('id', UuidPipe) id: string, @Body() body: ActivatePrioritySchemeRequest, @CurrentCaller() caller: Caller): Promise<PrioritySchemeView> {
    return this.service.activate(caller, id, body.activeFrom);
  }

  /** The priority schemes, every version. */
  @Get()
  list(@Query() q: PageQuery, @CurrentCaller() caller: Caller): Promise<Page<PrioritySchemeView>> {
    requirePolicyReader(caller);
    return this.service.list(q);
  }

  /** A priority scheme version with its weights. */
  @Get(':id')
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<PrioritySchemeView> {
    requirePolicyReader(caller);
    return this.service.get(id);
  }
}
