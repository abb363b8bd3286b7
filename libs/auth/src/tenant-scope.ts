import { CommonErrorCode, DomainError, InvalidParam, OrgKind, Role } from '@vangnet/contracts';
import { AuthError } from './auth.errors';
import { Caller, hasRole, providerAgbOf } from './caller';

// The one tenant scope (ARCHITECTURE §6). A caller reads and acts for the municipalities its token
// lists; a care provider reads what is assigned to its own AGB, a corporation what is its own.
// Two answers for "not yours": OUT_OF_SCOPE (403, naming the field that chose the tenant) when
// the request names a tenant the caller may not use; a 404 when a record of another tenant is
// looked up by id, so nobody learns what other municipalities hold (`foundOr404` in the platform).

/** A request named a tenant the caller may not act for or read: 403 OUT_OF_SCOPE. */
export class ScopeError extends DomainError<CommonErrorCode.OUT_OF_SCOPE> {
  constructor(message: string, invalidParams: InvalidParam[]) {
    super(CommonErrorCode.OUT_OF_SCOPE, message, 403, invalidParams);
  }

  /** Naming the field(s) that chose the tenant, each with the same reason. */
  static of(fields: string | readonly string[], reason: string): ScopeError {
    const names = typeof fields === 'string' ? [fields] : fields;
    return new ScopeError(reason, names.map((name) => ({ name, code: CommonErrorCode.OUT_OF_SCOPE, reason })));
  }
}

/** What a record belongs to: any one municipality in scope is enough to read it. */
export interface Tenancy {
  municipalities?: ReadonlyArray<string | null | undefined>;
  /** The care provider it is assigned to. */
  providerAgb?: string | null;
  /** The housing corporation (KvK number) it belongs to. */
  corporation?: string | null;
}

/** Whose data a caller reads. */
export interface TenantScope {
  /** The municipalities it reads (empty for a provider or a corporation). */
  municipalities: string[];
  /** A provider reads only what is assigned to this AGB. */
  providerAgb?: string;
  /** A corporation reads only what is its own. */
  corporation?: string;
  /** Reads every municipality of the region (a regional analyst's aggregates). */
  regionWide: boolean;
}

/**
 * Who reads a kind of data (ARCHITECTURE §6). With no rule, the token's municipalities decide for
 * whoever passed the route's role check: "may this caller read this municipality".
 */
export interface ReadRule {
  /** Org kinds that read by the municipalities their token lists (default: every kind not in `ownOnly`). */
  byMunicipality?: readonly OrgKind[];
  /** Org kinds that read only what is their own: a provider by its AGB, a corporation by its KvK. */
  ownOnly?: readonly OrgKind[];
  /** The caller must also hold one of these roles (personal data behind a route open to more roles). */
  roles?: readonly Role[];
  /** Holders of these roles read every municipality (a regional analyst's aggregates). */
  regionWide?: readonly Role[];
}

/** The token's municipalities, for any org that passed the route's role check. */
export const TOKEN_MUNICIPALITIES: ReadRule = {};
/** Personal data in general: municipalities and partner teams by their municipalities; a provider or corporation what is its own. */
export const PERSONAL_DATA: ReadRule = { byMunicipality: [OrgKind.MUNICIPALITY, OrgKind.PARTNER], ownOnly: [OrgKind.PROVIDER, OrgKind.CORPORATION] };
/** Non-personal data of its own municipalities (contracts, tariffs, catalogue): municipal tokens; a provider its own. */
export const NON_PERSONAL_DATA: ReadRule = { byMunicipality: [OrgKind.MUNICIPALITY], ownOnly: [OrgKind.PROVIDER] };
/** Aggregates without persons (budgets, spend, settlements): municipal tokens for their municipalities; a regional analyst everywhere. */
export const AGGREGATES: ReadRule = { byMunicipality: [OrgKind.MUNICIPALITY], regionWide: [Role.REGIONAL_ANALYST] };

/** The caller's AGB when it acts as a care provider: a provider org holding the provider role. */
export function actingProviderAgb(caller: Caller): string | undefined {
  return hasRole(caller, Role.PROVIDER) ? providerAgbOf(caller) : undefined;
}

/** The AGB of a caller acting as a care provider; FORBIDDEN for anyone else. */
export function requireActingProvider(caller: Caller): string {
  const agb = actingProviderAgb(caller);
  if (agb === undefined) throw AuthError.forbidden('only a care provider may do this');
  return agb;
}

/** Whose data the caller reads under `rule`; FORBIDDEN when its kind of org reads none of it. */
export function tenantScopeOf(caller: Caller, rule: ReadRule = TOKEN_MUNICIPALITIES): TenantScope {
  const scope = scopeOrUndefined(caller, rule);
  if (!scope) throw AuthError.forbidden(`a ${caller.orgKind.toLowerCase()} token reads none of this`);
  return scope;
}

/** May a caller with this scope read a record of this tenancy? */
export function scopeAllows(scope: TenantScope, tenancy: Tenancy): boolean {
  if (scope.regionWide) return true;
  if (scope.providerAgb !== undefined) return tenancy.providerAgb === scope.providerAgb;
  if (scope.corporation !== undefined) return tenancy.corporation === scope.corporation;
  return (tenancy.municipalities ?? []).some((m) => !!m && scope.municipalities.includes(m));
}

/** May the caller read a record of this tenancy under `rule`? (False, never an error: answer 404.) */
export function mayRead(caller: Caller, tenancy: Tenancy, rule: ReadRule = TOKEN_MUNICIPALITIES): boolean {
  const scope = scopeOrUndefined(caller, rule);
  return !!scope && scopeAllows(scope, tenancy);
}

/** 403 OUT_OF_SCOPE naming `field` unless the caller may read what the request names. */
export function requireRead(caller: Caller, tenancy: Tenancy, field: string | readonly string[], rule: ReadRule = TOKEN_MUNICIPALITIES): void {
  if (mayRead(caller, tenancy, rule)) return;
  throw ScopeError.of(field, `this token may not read the data of ${describe(tenancy)}`);
}

/** May the caller act for (write on behalf of) every one of these municipalities? */
export function mayActFor(caller: Caller, municipalities: string | readonly string[]): boolean {
  return (typeof municipalities === 'string' ? [municipalities] : municipalities).every((m) => caller.municipalities.includes(m));
}

/**
 * 403 OUT_OF_SCOPE unless the caller may act for every municipality: the field is named as it
 * is (`municipality`), or per element for a list (`municipalities[1]`).
 */
export function requireActFor(caller: Caller, municipalities: string | readonly string[], field: string): void {
  if (typeof municipalities === 'string') {
    if (!mayActFor(caller, municipalities)) throw ScopeError.of(field, `this token does not grant ${municipalities}`);
    return;
  }
  const missing = municipalities.map((m, i) => ({ m, i })).filter(({ m }) => !caller.municipalities.includes(m));
  if (!missing.length) return;
  throw new ScopeError(
    `this token does not grant ${missing.map(({ m }) => m).join(', ')}`,
    missing.map(({ m, i }) => ({ name: `${field}[${i}]`, code: CommonErrorCode.OUT_OF_SCOPE, reason: `this token does not grant ${m}` })),
  );
}

/** A provider may only name itself: 403 OUT_OF_SCOPE naming `field` when it names another AGB. */
export function requireOwnAgb(caller: Caller, agb: string, field: string): void {
  const own = providerAgbOf(caller);
  if (own !== undefined && own !== agb) throw ScopeError.of(field, `a provider may only name its own AGB (${own}), not ${agb}`);
}

/**
 * A list query narrowed to the scope: a provider's own AGB (undefined when it asked for another),
 * or the asked municipalities that are in scope (all of the scope's when none were asked).
 */
export function narrowToScope(scope: TenantScope, asked: { municipalities?: readonly string[]; providerAgb?: string }): { municipalities?: string[]; providerAgb?: string } | undefined {
  if (scope.providerAgb !== undefined) {
    if (asked.providerAgb !== undefined && asked.providerAgb !== scope.providerAgb) return undefined;
    return { municipalities: asked.municipalities ? [...asked.municipalities] : undefined, providerAgb: scope.providerAgb };
  }
  if (scope.regionWide) return { municipalities: asked.municipalities ? [...asked.municipalities] : undefined, providerAgb: asked.providerAgb };
  return { municipalities: (asked.municipalities ?? scope.municipalities).filter((m) => scope.municipalities.includes(m)), providerAgb: asked.providerAgb };
}

function scopeOrUndefined(caller: Caller, rule: ReadRule): TenantScope | undefined {
  if (rule.regionWide?.length && hasRole(caller, ...rule.regionWide)) return { municipalities: [...caller.municipalities], regionWide: true };
  if (rule.roles?.length && !hasRole(caller, ...rule.roles)) return undefined;
  if (rule.ownOnly?.includes(caller.orgKind)) {
    if (caller.orgKind === OrgKind.PROVIDER) return { municipalities: [], providerAgb: caller.orgId, regionWide: false };
    if (caller.orgKind === OrgKind.CORPORATION) return { municipalities: [], corporation: caller.orgId, regionWide: false };
    return undefined;
  }
  if (rule.byMunicipality && !rule.byMunicipality.includes(caller.orgKind)) return undefined;
  return { municipalities: [...caller.municipalities], regionWide: false };
}

function describe(t: Tenancy): string {
  return [...(t.municipalities ?? []).filter(Boolean), t.providerAgb && `AGB ${t.providerAgb}`, t.corporation && `corporation ${t.corporation}`].filter(Boolean).join(', ') || 'this tenant';
}
