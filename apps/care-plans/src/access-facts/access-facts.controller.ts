import { Controller, Get } from '@nestjs/common';
import { Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { AccessFactsService } from './access-facts.service';

export interface LifeDomainView {
  code: string;
  label: string;
  scaleMin: number;
  scaleMax: number;
  active: boolean;
  framework: string | null;
}

/** The region's life domains and scales as care plans know them (goals are scored on these). */
@Controller('v1/life-domains')
export class AccessFactsController {
  constructor(private readonly service: AccessFactsService) {}

  @Get()
  @Roles(Role.CARE_PLANS_COORDINATOR, Role.PROVIDER, Role.ACCESS_CASEWORKER)
  async list(): Promise<LifeDomainView[]> {
    return (await this.service.domains()).map((d) => ({ code: d.code, label: d.label, scaleMin: d.scaleMin, scaleMax: d.scaleMax, active: d.active, framework: d.framework }));
  }
}
