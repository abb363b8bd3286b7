import { Controller, Get, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page } from '@vangnet/platform';
import { HouseholdListQuery, HouseholdView, LifeDomainView } from './access-facts.dto';
import { AccessFactsService } from './access-facts.service';

/** The region's life domains and scales as care plans know them (goals are scored on these). */
@Controller('v1/life-domains')
export class LifeDomainsController {
  constructor(private readonly service: AccessFactsService) {}

  /** The life domains and scales goals are scored on, as access published them. */
  @Get()
  @Roles(Role.CARE_PLANS_COORDINATOR, Role.PROVIDER, Role.ACCESS_CASEWORKER)
  async list(): Promise<LifeDomainView[]> {
    return (await this.service.domains()).map((d) => ({ code: d.code, label: d.label, scaleMin: d.scaleMin, scaleMax: d.scaleMax, active: d.active, framework: d.framework }));
  }
}

/** Households of the caller's municipalities as access published them (no names): the ones a plan can be opened for. */
@Controller('v1/households')
export class HouseholdsController {
  constructor(private readonly service: AccessFactsService) {}

  /** Households in your municipalities a plan can be opened for (no names). */
  @Get()
  @Roles(Role.CARE_PLANS_COORDINATOR)
  list(@Query() q: HouseholdListQuery, @CurrentCaller() caller: Caller): Promise<Page<HouseholdView>> {
    return this.service.listHouseholds(caller, q);
  }
}
