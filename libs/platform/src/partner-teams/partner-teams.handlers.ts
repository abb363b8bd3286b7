import { Injectable } from '@nestjs/common';
import { PARTNER_CHANGED_V1, PARTNER_REGISTERED_V1, PartnerChangedV1, PartnerRegisteredV1 } from '@vangnet/contracts';
import { OnEvent } from '@vangnet/messaging';
import { PartnerTeamsService } from './partner-teams.service';

/**
 * The gateway's partner registry, kept as the service's read model through its own inbox (the
 * service's durable consumer, so the catalogue must list it as a consumer of both events); a
 * revision not above the stored one changes nothing.
 */
@Injectable()
export class PartnerTeamsHandlers {
  constructor(private readonly partners: PartnerTeamsService) {}

  @OnEvent(PARTNER_REGISTERED_V1, PartnerRegisteredV1)
  registered(data: PartnerRegisteredV1): Promise<void> {
    return this.partners.apply(data);
  }

  @OnEvent(PARTNER_CHANGED_V1, PartnerChangedV1)
  changed(data: PartnerChangedV1): Promise<void> {
    return this.partners.apply(data);
  }
}
