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

  /** The region's housing settings: facility-type mappings and reference stays. */
  @Get()
  get(@CurrentCaller() caller: Caller): Promise<SettingsView> {
    requirePolicyReader(caller);
    return this.service.get();
  }

  /** Map a housing product category to a facility type. Category 15–18, or one product code of it, for the whole region. */
  @Put('facility-type-mappings')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  putMapping(@Body() body: PutFacilityTypeMappingRequest, @CurrentCaller() caller: Caller): Promise<FacilityTypeMappingView> {
    return this.service.putMapping(caller, body);
  }

  /** Remove a facility-type mapping, for the whole region. */
  @Delete('facility-type-mappings')
  @HttpCode(204)
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  deleteMapping(@Query() q: MappingKeyQuery, @CurrentCaller() caller: Caller): Promise<void> {
    return this.service.deleteMapping(caller, q.category, q.productCode);
  }

  /** Set the reference stay of a facility type, for the whole region. */
  @Put('reference-stays/:facilityType')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  putStay(@Param() p: FacilityTypeParam, @Body() body: PutReferenceStayRequest, @CurrentCaller() caller: Caller): Promise<ReferenceStayView> {
    return this.service.putReferenceStay(caller, p.facilityType, body.days);
  }

  /** Remove the reference stay of a facility type, for the whole region. */
  @Delete('reference-stays/:facilityType')
  @HttpCode(204)
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  deleteStay(@Param() p: FacilityTypeParam, @CurrentCaller() caller: Caller): Promise<void> {
    return this.service.deleteReferenceStay(caller, p.facilityType);
  }
}
