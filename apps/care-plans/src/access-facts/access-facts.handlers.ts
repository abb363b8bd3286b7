import { Injectable } from '@nestjs/common';
import {
  HOUSEHOLD_CHANGED_V1,
  HouseholdChangedV1,
  LIFE_DOMAIN_CHANGED_V1,
  LifeDomainChangedV1,
  PROVISION_CHANGED_V1,
  PROVISION_ENDED_V1,
  PROVISION_GRANTED_V1,
  ProvisionChangedV1,
  ProvisionEndedV1,
  ProvisionGrantedV1,
} from '@vangnet/contracts';
import { OnEvent } from '@vangnet/messaging';
import { AccessFactsService } from './access-facts.service';

/** Access's facts, each applied once and in any order: households, life domains, provisions. */
@Injectable()
export class AccessFactsHandlers {
  constructor(private readonly service: AccessFactsService) {}

  @OnEvent(HOUSEHOLD_CHANGED_V1, HouseholdChangedV1)
  household(data: HouseholdChangedV1): Promise<void> {
    return this.service.applyHousehold(data);
  }

  @OnEvent(LIFE_DOMAIN_CHANGED_V1, LifeDomainChangedV1)
  lifeDomain(data: LifeDomainChangedV1): Promise<void> {
    return this.service.applyLifeDomain(data);
  }

  @OnEvent(PROVISION_GRANTED_V1, ProvisionGrantedV1)
  granted(data: ProvisionGrantedV1): Promise<void> {
    return this.service.applyProvision(data);
  }

  @OnEvent(PROVISION_CHANGED_V1, ProvisionChangedV1)
  changed(data: ProvisionChangedV1): Promise<void> {
    return this.service.applyProvision(data);
  }

  @OnEvent(PROVISION_ENDED_V1, ProvisionEndedV1)
  ended(data: ProvisionEndedV1): Promise<void> {
    return this.service.applyProvisionEnd(data);
  }
}
