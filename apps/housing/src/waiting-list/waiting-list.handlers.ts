import { Injectable } from '@nestjs/common';
import {
  HOUSEHOLD_CHANGED_V1,
  HouseholdChangedV1,
  PERSON_SAFETY_FLAG_CHANGED_V1,
  PersonSafetyFlagChangedV1,
  PROVISION_CHANGED_V1,
  PROVISION_ENDED_V1,
  PROVISION_GRANTED_V1,
  ProvisionChangedV1,
  ProvisionEndedV1,
  ProvisionGrantedV1,
} from '@vangnet/contracts';
import { OnEvent } from '@vangnet/messaging';
import { WaitingListService } from './waiting-list.service';

/**
 * Access's facts, each applied once (the inbox) and in any order (lineage versions, household
 * versions, the flag's date): a granted or changed in-kind protected-housing or shelter provision
 * puts its resident on the list (or, for emergency shelter, up for direct placement); an end takes
 * them off; households give the household factors; safety flags narrow who sees an entry.
 */
@Injectable()
export class WaitingListHandlers {
  constructor(private readonly service: WaitingListService) {}

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

  @OnEvent(HOUSEHOLD_CHANGED_V1, HouseholdChangedV1)
  household(data: HouseholdChangedV1): Promise<void> {
    return this.service.applyHousehold(data);
  }

  @OnEvent(PERSON_SAFETY_FLAG_CHANGED_V1, PersonSafetyFlagChangedV1)
  safetyFlag(data: PersonSafetyFlagChangedV1): Promise<void> {
    return this.service.applySafetyFlag(data);
  }
}
