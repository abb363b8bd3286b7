import { DomainError, parseOrg, PartnerKind, PartnerSnapshotV1 } from '@vangnet/contracts';
import { PartnerEntity } from './partners.entity';
import { PartnerErrorCode } from './partners.errors';

/**
 * The scopes a partner may be given, and which kinds of partner may hold each: `api.<service>`
 * lets its tokens call that service's API through the gateway (the service still checks roles
 * and tenancy), `webhooks.<topic>` lets it subscribe to those events (once webhooks exist).
 * A corporation never gets a care scope; a provider never a housing one.
 */
export const PARTNER_SCOPES: Readonly<Record<string, readonly PartnerKind[]>> = {
  'api.access': [PartnerKind.ORG],
  'api.care-plans': [PartnerKind.ORG, PartnerKind.AGB],
  'api.procurement': [PartnerKind.AGB],
  'api.finance': [PartnerKind.AGB],
  'api.exchange': [PartnerKind.AGB],
  'api.housing': [PartnerKind.CORP],
  'webhooks.assignments': [PartnerKind.AGB],
  'webhooks.declarations': [PartnerKind.AGB],
  'webhooks.nominations': [PartnerKind.CORP],
  'webhooks.eviction-signals': [PartnerKind.CORP],
};

/** A partner's org: `ORG:`, `AGB:` or `CORP:` with a valid id (a municipality is no partner). 400 naming `field` otherwise. */
export function partnerKindOf(org: unknown, field = 'org'): PartnerKind {
  const prefix = typeof org === 'string' ? org.split(':')[0] : '';
  if (typeof org !== 'string' || !parseOrg(org) || !Object.values<string>(PartnerKind).includes(prefix)) {
    throw DomainError.invalidField(PartnerErrorCode.INVALID_ORG, field, 'must be a partner organisation: ORG:<KvK>, AGB:<8 digits> or CORP:<KvK>');
  }
  return prefix as PartnerKind;
}

/** Every scope known and allowed for the kind; access-team municipalities only for an ORG: team, and only members of the region. */
export function checkPartner(kind: PartnerKind, scopes: readonly string[], accessTeamFor: readonly string[], regionMembers: readonly string[]): void {
  scopes.forEach((scope, i) => {
    const kinds = PARTNER_SCOPES[scope];
    if (!kinds) {
      throw DomainError.invalidField(PartnerErrorCode.UNKNOWN_SCOPE, `scopes[${i}]`, `unknown scope "${scope}"; known: ${Object.keys(PARTNER_SCOPES).join(', ')}`);
    }
    if (!kinds.includes(kind)) throw DomainError.invalidField(PartnerErrorCode.SCOPE_NOT_FOR_KIND, `scopes[${i}]`, `a ${kind}: partner may not hold ${scope}`);
  });
  if (kind !== PartnerKind.ORG && accessTeamFor.length > 0) {
    throw DomainError.invalidField(PartnerErrorCode.ACCESS_TEAM_ONLY_FOR_ORG, 'accessTeamFor', 'only an ORG: partner team works for municipalities as an access team');
  }
  accessTeamFor.forEach((m, i) => {
    if (!regionMembers.includes(m)) throw DomainError.invalidField(PartnerErrorCode.NOT_A_MEMBER, `accessTeamFor[${i}]`, `${m} is not a member municipality of the region`);
  });
}

/** The event's payload: the whole partner at its revision. */
export function partnerSnapshot(p: PartnerEntity): PartnerSnapshotV1 {
  return {
    org: p.org,
    kind: p.kind as PartnerKind,
    name: p.name,
    scopes: [...p.scopes],
    accessTeamFor: [...p.accessTeamFor],
    active: p.active,
    revision: p.revision,
  };
}
