import { Caller, canActFor, providerAgbOf } from '@vangnet/auth';
import { CommonErrorCode, DomainError, OrgKind } from '@vangnet/contracts';

/**
 * What a caller may read. Procurement data is not personal: a municipal token reads what concerns
 * its own municipalities, a provider only what is its own; other organisations read nothing here.
 */
export type ReadScope = { kind: 'municipalities'; municipalities: string[] } | { kind: 'provider'; agb: string };

export function readScopeOf(caller: Caller): ReadScope {
  if (caller.orgKind === OrgKind.MUNICIPALITY) return { kind: 'municipalities', municipalities: caller.municipalities };
  const agb = providerAgbOf(caller);
  if (agb) return { kind: 'provider', agb };
  throw new DomainError(CommonErrorCode.FORBIDDEN, 'procurement data is for municipalities and providers', 403);
}

/** May this scope see something that concerns `agb` in any of `municipalities`? */
export function scopeAllows(scope: ReadScope, agb: string, municipalities: readonly string[]): boolean {
  return scope.kind === 'provider' ? scope.agb === agb : municipalities.some((m) => scope.municipalities.includes(m));
}

/** Writes: the caller (already holding the role) must act for every municipality concerned. */
export function requireActingFor(caller: Caller, municipalities: readonly string[]): void {
  const missing = municipalities.filter((m) => !canActFor(caller, m));
  if (missing.length) {
    throw new DomainError(CommonErrorCode.FORBIDDEN, `this needs a token that may act for ${missing.join(', ')}`, 403);
  }
}

/** How a change is attributed: organisation and subject of the token. */
export function actorOf(caller: Caller): string {
  return `${caller.org}/${caller.sub}`;
}
