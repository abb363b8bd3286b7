import { Injectable } from '@nestjs/common';
import { PARTNER_CHANGED_V1, PARTNER_REGISTERED_V1, PartnerChangedV1, PartnerRegisteredV1 } from '@vangnet/contracts';
import { OnEvent } from '@vangnet/messaging';
import { PartnerTeamsService } from '@vangnet/platform';

/**
 * The gateway's partner registry into this service's copy of it, through its inbox (O1; ADR 0017):
 * the platform keeps it (a revision not above the stored one changes nothing) and checks every
 * `ORG:` caller against it.
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
