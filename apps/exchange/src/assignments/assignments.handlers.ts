import { Injectable } from '@nestjs/common';
import { PROVISION_CHANGED_V1, PROVISION_ENDED_V1, PROVISION_GRANTED_V1, ProvisionChangedV1, ProvisionEndedV1, ProvisionGrantedV1 } from '@vangnet/contracts';
import { OnEvent } from '@vangnet/messaging';
import { AssignmentsService } from './assignments.service';

/** Access's provisions, each applied once (the inbox): every grant, change or end of an in-kind provision gives a 301. */
@Injectable()
export class AssignmentsHandlers {
  constructor(private readonly service: AssignmentsService) {}

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
    return this.service.applyEnd(data);
  }
}
