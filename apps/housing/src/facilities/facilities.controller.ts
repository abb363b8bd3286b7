import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { etagOf, Page, UuidPipe } from '@vangnet/platform';
import type { Response } from 'express';
import { CreateFacilityRequest, FacilityDetailView, FacilityListQuery, FacilityView, PlaceListQuery, PlaceStatusRequest, PlaceView, UpdateFacilityRequest, UpdatePlaceRequest } from './facilities.dto';
import { FacilitiesService } from './facilities.service';

/** Facilities: municipal tokens read those of their municipalities, a provider those it runs. */
@Controller('v1/facilities')
export class FacilitiesController {
  constructor(private readonly service: FacilitiesService) {}

  /** Register a facility with its places. Answers with the ETag. */
  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  async create(@Body() body: CreateFacilityRequest, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<FacilityDetailView> {
    const view = await this.service.create(caller, body);
    res.setHeader('ETag', etagOf(view.version));
    res.setHeader('Location', `/api/housing/v1/facilities/${view.id}`);
    return view;
  }

  /** Facilities the caller may read: those of its municipalities, or for a provider those it runs. */
  @Get()
  list(@Query() q: FacilityListQuery, @CurrentCaller() caller: Caller): Promise<Page<FacilityView>> {
    return this.service.list(caller, q);
  }

  /** A facility with its places. Answers with the ETag for `If-Match`. */
  @Get(':id')
  async get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<FacilityDetailView> {
    const view = await this.service.get(caller, id);
    res.setHeader('ETag', etagOf(view.version));
    return view;
  }

  /** Capacity, name, neighbourhood, operator, owner, default features; `If-Match` with the ETag. */
  @Patch(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  async update(
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateFacilityRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FacilityDetailView> {
    const view = await this.service.update(caller, id, body, ifMatch);
    res.setHeader('ETag', etagOf(view.version));
    return view;
  }
}

/** Places of the facilities the caller may read; `/places/{id}/candidates` is the matching feature's. */
@Controller('v1/places')
export class PlacesController {
  constructor(private readonly service: FacilitiesService) {}

  /** Places of the facilities the caller may read (`?status=`, `?facilityType=` to filter). */
  @Get()
  list(@Query() q: PlaceListQuery, @CurrentCaller() caller: Caller): Promise<Page<PlaceView>> {
    return this.service.listPlaces(caller, q);
  }

  /** A place with its status and features. */
  @Get(':id')
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<PlaceView> {
    return this.service.getPlace(caller, id);
  }

  /** Change a place's features. */
  @Patch(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  update(@Param('id', UuidPipe) id: string, @Body() body: UpdatePlaceRequest, @CurrentCaller() caller: Caller): Promise<PlaceView> {
    return this.service.updatePlace(caller, id, body);
  }

  /** The facility's provider or a placement officer: blocked (with a reason) or free again. */
  @Post(':id/status')
  @HttpCode(200)
  @Roles(Role.PROVIDER, Role.HOUSING_PLACEMENT_OFFICER)
  report(@Param('id', UuidPipe) id: string, @Body() body: PlaceStatusRequest, @CurrentCaller() caller: Caller): Promise<PlaceView> {
    return this.service.reportStatus(caller, id, body);
  }
}
