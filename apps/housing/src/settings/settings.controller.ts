import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { FacilityTypeMappingView, FacilityTypeParam, MappingKeyQuery, PutFacilityTypeMappingRequest, PutReferenceStayRequest, ReferenceStayView, SettingsView } from './settings.dto';
import { requirePolicyReader } from '../shared/region-policy';
import { SettingsService } from './settings.service';

/** The region's housing settings: read by municipal tokens and the regional analyst, changed for the whole region. */
@Controller('v1/settings')
export class SettingsController {
  constructor(private readonly service: SettingsService) {}

  @Get()
  get(@CurrentCaller() caller: Caller): Promise<SettingsView> {
    requirePolicyReader(caller);
    return this.service.get();
  }

  @Put('facility-type-mappings')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  putMapping(@Body() body: PutFacilityTypeMappingRequest, @CurrentCaller() caller: Caller): Promise<FacilityTypeMappingView> {
    return this.service.putMapping(caller, body);
  }

  @Delete('facility-type-mappings')
  @HttpCode(204)
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  deleteMapping(@Query() q: MappingKeyQuery, @CurrentCaller() caller: Caller): Promise<void> {
    return this.service.deleteMapping(caller, q.category, q.productCode);
  }

  @Put('reference-stays/:facilityType')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  putStay(@Param() p: FacilityTypeParam, @Body() body: PutReferenceStayRequest, @CurrentCaller() caller: Caller): Promise<ReferenceStayView> {
    return this.service.putReferenceStay(caller, p.facilityType, body.days);
  }

  @Delete('reference-stays/:facilityType')
  @HttpCode(204)
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  deleteStay(@Param() p: FacilityTypeParam, @CurrentCaller() caller: Caller): Promise<void> {
    return this.service.deleteReferenceStay(caller, p.facilityType);
  }
}
