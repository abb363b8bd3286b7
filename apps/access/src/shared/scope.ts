import { AuthError, Caller, canActFor, hasRole, providerAgbOf } from '@vangnet/auth';
import { DomainError, OrgKind, Role } from '@vangnet/contracts';
import { AccessErrorCode } from './access.errors';

/** Roles that may read case data of their municipalities. */
export const CASE_READERS = [Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER, Role.AUDITOR] as const;

/**
 * A write for a tenant the caller may not act for: 403 naming the field that chose the tenant.
 * (Reads out of scope are 404s: the caller learns nothing about other municipalities' cases.)
 */
export function requireActFor(caller: Caller, municipality: string, field: string): void {
  if (canActFor(caller, municipality)) return;
  throw new DomainError(AccessErrorCode.MUNICIPALITY_NOT_ALLOWED, `you may not act for ${municipality}`, 403, [
    { name: field, code: AccessErrorCode.MUNICIPALITY_NOT_ALLOWED, reason: `the token does not grant ${municipality}` },
  ]);
}

/** Whether any of the row's municipalities is one of the caller's. */
export function inScope(caller: Caller, municipalities: readonly (string | null | undefined)[]): boolean {
  return municipalities.some((m) => !!m && caller.municipalities.includes(m));
}

/** Municipal (or partner) case readers see their municipalities; anything else sees no cases. */
export function requireCaseReader(caller: Caller): void {
  if (!hasRole(caller, ...CASE_READERS)) throw AuthError.forbidden(`this needs one of the roles ${CASE_READERS.join(', ')}`);
}

/** The AGB of a provider caller holding the provider role (it sees only what is assigned to it). */
export function providerScope(caller: Caller): string | undefined {
  return caller.orgKind === OrgKind.PROVIDER && hasRole(caller, Role.PROVIDER) ? providerAgbOf(caller) : undefined;
}
