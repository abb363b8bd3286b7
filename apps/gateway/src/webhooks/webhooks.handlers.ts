import { Injectable } from '@nestjs/common';
import { PERSON_SAFETY_FLAG_CHANGED_V1, PersonSafetyFlagChangedV1 } from '@vangnet/contracts';
import { OnEvent } from '@vangnet/messaging';
import { WebhooksRepository } from './webhooks.repository';

/** access.person.safety-flag-changed: who must never appear in what partners receive (ARCHITECTURE §6). */
@Injectable()
export class WebhookHandlers {
  constructor(private readonly repo: WebhooksRepository) {}

  @OnEvent(PERSON_SAFETY_FLAG_CHANGED_V1, PersonSafetyFlagChangedV1)
  safetyFlagChanged(data: PersonSafetyFlagChangedV1): Promise<void> {
    return this.repo.setSafetyFlag(data.personId, data.safetyFlag);
  }
}
