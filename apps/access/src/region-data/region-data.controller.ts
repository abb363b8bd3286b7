import { Controller, Get, Query } from '@nestjs/common';
import { Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page } from '@vangnet/platform';
import { RegionDataChangeQuery, RegionDataChangeView } from './region-data.dto';
import { RegionDataChanges } from './region-data.service';

/** Who changed the region's master data, when, and what it was before and after. */
@Controller('v1/region-data')
export class RegionDataController {
  constructor(private readonly changes: RegionDataChanges) {}

  /** Changes to the region's master data, newest first: who, when, before and after. */
  @Get('changes')
  @Roles(Role.AUDITOR, Role.REGION_ADMINISTRATOR)
  list(@Query() query: RegionDataChangeQuery): Promise<Page<RegionDataChangeView>> {
    return this.changes.list(query);
  }
}
