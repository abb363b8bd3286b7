import { Injectable, Logger } from '@nestjs/common';
import { AuthError, Caller, hasRole, ScopeError } from '@vangnet/auth';
import { OrgKind, PartnerKind, PartnerSnapshotV1, Role } from '@vangnet/contracts';
import { PartnerTeamsRepository } from './partner-teams.repository';

/**
 * Issue 13, O1 (ARCHITECTURE §6, ADR 0052, 0017): `access.caseworker` held by an `ORG:` partner
 * team counts only while the gateway's partner registry has that org active and registered as an
 * access team, and only for the municipalities it is registered for — in every service that
 * honours the role, each from its own copy of the registry. Municipalities and their own tokens
 * are not looked up; providers and corporations never hold an access role (`ROLE_ORG_KINDS` drops
 * it when the token is read).
 */
@Injectable()
export class PartnerTeamsService {
  private readonly logger = new Logger(PartnerTeamsService.name);

  constructor(private readonly partners: PartnerTeamsRepository) {}

  /** A registry event (in the inbox's transaction): kept unless an equal or newer revision is. */
  async apply(p: PartnerSnapshotV1): Promise<void> {
    const stored = await this.partners.apply(p);
    if (!stored) this.logger.log(`partner ${p.org} revision ${p.revision} ignored: this service holds that revision or a newer one`);
  }

  /**
   * The caller as the service lets it act: an `ORG:` caller acts only for the municipalities its
   * token claims and the registry lists as its access-team municipalities. One holding
   * `access.caseworker` is refused when it is not an active access team (FORBIDDEN) or none of its
   * claimed municipalities is registered (OUT_OF_SCOPE). Every other caller is returned as it is.
   */
  async effectiveCaller(caller: Caller): Promise<Caller> {
    if (caller.orgKind !== OrgKind.PARTNER) return caller;
    const team = await this.partners.byOrg(caller.org);
    const registered = team && team.kind === PartnerKind.ORG && team.active ? team.accessTeamFor : [];
    const municipalities = caller.municipalities.filter((m) => registered.includes(m));
    if (hasRole(caller, Role.ACCESS_CASEWORKER)) {
      if (!team) throw AuthError.forbidden(`${caller.org} is not registered in the partner registry, so it may not work as an access team`);
      if (!team.active) throw AuthError.forbidden(`${caller.org} was deactivated in the partner registry, so it may not work as an access team`);
      if (!registered.length) throw AuthError.forbidden(`${caller.org} is not registered as an access team of any municipality`);
      if (!municipalities.length) {
        throw ScopeError.of('municipalities', `${caller.org} is registered as an access team for ${registered.join(', ')} only, not for ${caller.municipalities.join(', ') || 'the municipalities its token claims'}`);
      }
    }
    return { ...caller, municipalities };
  }
}
