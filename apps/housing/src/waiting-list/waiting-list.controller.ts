import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { etagOf, UuidPipe } from '@vangnet/platform';
import type { Response } from 'express';
import { CreateEntryRequest, DirectListQuery, EntryListQuery, EntryView, ExplanationView, LeaveRequest, RankedPage, UpdateEntryRequest, WhatIfQuery, WhatIfView, WhatIfWeightsRequest, WhatIfWeightsView } from './waiting-list.dto';
import { WaitingListService } from './waiting-list.service';

/** The by-name waiting list, for placement officers of the entries' municipalities. */
@Controller('v1/waitlist')
export class WaitingListController {
  constructor(private readonly service: WaitingListService) {}

  /** Put a resident on the waiting list for a facility type. Answers with the ETag. */
  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  async create(@Body() body: CreateEntryRequest, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<EntryView> {
    const view = await this.service.create(caller, body);
    res.setHeader('ETag', etagOf(view.version));
    res.setHeader('Location', `/api/housing/v1/waitlist/${view.id}`);
    return view;
  }

  /** Open entries in ranking order per facility type (`?status=PLACED|LEFT` for closed ones). */
  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  list(@Query() q: EntryListQuery, @CurrentCaller() caller: Caller): Promise<RankedPage> {
    return this.service.list(caller, q);
  }

  /** A waiting-list entry. Answers with the ETag for `If-Match`. */
  @Get(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  async get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<EntryView> {
    const view = await this.service.get(caller, id);
    res.setHeader('ETag', etagOf(view.version));
    return view;
  }

  /** Urgency, needs, interim support, re-assessment date, …; `If-Match` with the ETag. */
  @Patch(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  async update(
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateEntryRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EntryView> {
    const view = await this.service.update(caller, id, body, ifMatch);
    res.setHeader('ETag', etagOf(view.version));
    return view;
  }

  /** Take the entry off the list, with the reason. */
  @Post(':id/leave')
  @HttpCode(200)
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  leave(@Param('id', UuidPipe) id: string, @Body() body: LeaveRequest, @CurrentCaller() caller: Caller): Promise<EntryView> {
    return this.service.leave(caller, id, body);
  }

  /** Why the entry ranks where it does: each factor and its weight. */
  @Get(':entryId/explanation')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  explanation(@Param('entryId', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<ExplanationView> {
    return this.service.explain(caller, id);
  }
}

/** How a scheme, or weights tried in the page, would move every entry before anything is activated. */
@Controller('v1/priority-schemes')
export class WhatIfController {
  constructor(private readonly service: WaitingListService) {}

  /** Weights tried without storing a scheme (the same rules as a new version); nothing is stored. `order: MOVE`: who moves most first. */
  @Post('what-if')
  @HttpCode(200)
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  whatIfWeights(@Body() body: WhatIfWeightsRequest, @CurrentCaller() caller: Caller): Promise<WhatIfWeightsView> {
    return this.service.whatIfWeights(caller, body);
  }

  /** How a stored scheme version would move every entry, before it is activated. */
  @Get(':id/what-if')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  whatIf(@Param('id', UuidPipe) id: string, @Query() q: WhatIfQuery, @CurrentCaller() caller: Caller): Promise<WhatIfView> {
    return this.service.whatIf(caller, id, q);
  }
}

/** Emergency-shelter provisions (category 17): placed directly, never on the list. */
@Controller('v1/direct-placements')
export class DirectPlacementsController {
  constructor(private readonly service: WaitingListService) {}

  /** Emergency-shelter entries (category 17), placed directly, never on the list. */
  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  list(@Query() q: DirectListQuery, @CurrentCaller() caller: Caller): Promise<{ items: EntryView[]; nextCursor: string | null }> {
    return this.service.direct(caller, q);
  }
}
