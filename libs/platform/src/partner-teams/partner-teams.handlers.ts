import { Injectable } from '@nestjs/common';
import { PARTNER_CHANGED_V1, PARTNER_REGISTERED_V1, PartnerChangedV1, PartnerRegisteredV1 } from '@vangnet/contracts';
import { OnEvent } from '@vangnet/messaging';
import { PartnerTeamsService } from './partner-teams.service';

/**
 * The gateway's partner registry into the service's copy of it, through its inbox (O1; ADR 0017):
 * a revision not above the stored one changes nothing. A service that keeps partner teams
 * (`PlatformModule.forService({ partnerTeams: true })`) lists this class among its own providers,
 * so its app module says that it consumes the registry's events (the catalogue's checks and the
 * generated docs read that, as the tag tells the contracts' source scan); one that forgot refuses
 * every team rather than trusting it.
 * @registeredVia PartnerTeamsHandlers
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
