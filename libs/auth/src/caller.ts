import { isMunicipalityCode, OrgKind, parseOrg, Role, ROLE_ORG_KINDS } from '@vangnet/contracts';
import { AuthError } from './auth.errors';

/** Who is asking: from a verified token. Available to services through `CallerContext`. */
export interface Caller {
  sub: string;
  /** The raw `org` claim. */
  org: string;
  orgKind: OrgKind;
  /** The org id without its prefix (municipality code, AGB code, KvK number). */
  orgId: string;
  /** Roles that count: those the org kind may hold. */
  roles: Role[];
  /** The tenants the caller may act for. */
  municipalities: string[];
}

export class InvalidClaimsError extends Error {}

export function callerFromClaims(claims: Record<string, unknown>): Caller {
  const sub = claims.sub;
  const org = claims.org;
  if (typeof sub !== 'string' || !sub) throw new InvalidClaimsError('the token has no sub');
  if (typeof org !== 'string') throw new InvalidClaimsError('the token has no org');
  const parsed = parseOrg(org);
  if (!parsed) throw new InvalidClaimsError(`the token's org "${org}" is not GMxxxx, AGB:, CORP: or ORG:`);
  const rawRoles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
  const municipalities = Array.isArray(claims.municipalities) ? claims.municipalities.filter(isMunicipalityCode) : [];
  const roles = rawRoles.filter((r): r is Role => (ROLE_ORG_KINDS[r as Role] ?? []).includes(parsed.kind));
  return { sub, org, orgKind: parsed.kind, orgId: parsed.id, roles, municipalities };
}

export function hasRole(caller: Caller, ...roles: Role[]): boolean {
  return roles.some((r) => caller.roles.includes(r));
}

export function isMunicipal(caller: Caller): boolean {
  return caller.orgKind === OrgKind.MUNICIPALITY;
}

/** The caller's AGB code when it is a care provider. */
export function providerAgbOf(caller: Caller): string | undefined {
  return caller.orgKind === OrgKind.PROVIDER ? caller.orgId : undefined;
}

/** How a change is attributed in the tables: the token's organisation and subject. */
export function actorOf(caller: Caller): string {
  return `${caller.org}/${caller.sub}`;
}

/** 403 FORBIDDEN unless the caller holds one of the roles (as the guard does for `@Roles`). */
export function requireRole(caller: Caller, ...roles: Role[]): void {
  if (!hasRole(caller, ...roles)) throw AuthError.forbidden(`this needs one of the roles ${roles.join(', ')}`);
}
