import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, JWTPayload, JWTVerifyGetKey } from 'jose';
import { AuthError } from './auth.errors';
import { Caller, callerFromClaims, InvalidClaimsError } from './caller';

/** The development issuer's old identifier: still trusted beside its URL for one version (ADR 0060). */
export const LEGACY_DEV_ISSUER = 'urn:vangnet:dev-idp';
/** The development issuer's identifier: its URL, where its OIDC discovery document is served. */
export const DEFAULT_DEV_ISSUER = 'http://localhost:8080';

/** The development issuer's identifier (`VANGNET_DEV_IDP_ISSUER`, default http://localhost:8080). */
export function devIssuerFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return (env.VANGNET_DEV_IDP_ISSUER || DEFAULT_DEV_ISSUER).replace(/\/+$/, '');
}

/**
 * Where one of our claims comes from in an issuer's token: a dotted path into its payload
 * (`realm_access.roles`), or a fixed value for every token of that issuer (`{ "value": "GM0546" }`).
 */
export type ClaimSource = string | { value: string | string[] };

/** One issuer the services trust (an element of `VANGNET_TRUSTED_ISSUERS`). */
export interface TrustedIssuer {
  /** The exact `iss` of its tokens. */
  issuer: string;
  jwksUrl: string;
  /** The `aud` its tokens must carry (default `VANGNET_JWT_AUDIENCE`, else `vangnet`). */
  audience?: string;
  /** Where our claims are in its tokens; a claim not named is read under our own name. */
  claims?: Partial<Record<'sub' | 'org' | 'roles' | 'municipalities', ClaimSource>>;
  /** Its role names to ours (`{ "wmo-consulent": "access.caseworker" }`); unmapped roles pass as they are. */
  roleMap?: Record<string, string | string[]>;
  /** The `org` values it may assert (exact, or `AGB:*` for a whole kind); absent: any. */
  orgs?: string[];
  /** The municipalities its tokens may grant; others in a token are dropped. Absent: any. */
  municipalities?: string[];
}

export interface JwtSettings {
  audience: string;
  issuers: TrustedIssuer[];
}

export class TrustedIssuersConfigError extends Error {}

/**
 * Which issuers to trust. `VANGNET_TRUSTED_ISSUERS` (a JSON array of `TrustedIssuer`) lists them
 * all; otherwise the single-issuer form `VANGNET_JWT_ISSUER` + `VANGNET_JWKS_URL`. Where the
 * development issuer is trusted (no issuer configured, or either of its identifiers named), both
 * its URL and its old URN are, with the same keys, for one version.
 */
export function jwtSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): JwtSettings {
  const audience = env.VANGNET_JWT_AUDIENCE || 'vangnet';
  const raw = env.VANGNET_TRUSTED_ISSUERS?.trim();
  if (raw) return { audience, issuers: parseTrustedIssuers(raw) };
  const jwksUrl = env.VANGNET_JWKS_URL || 'http://localhost:8080/.well-known/jwks.json';
  const issuer = env.VANGNET_JWT_ISSUER || undefined;
  const devUrl = devIssuerFromEnv(env);
  if (issuer === undefined || issuer === LEGACY_DEV_ISSUER || issuer === devUrl) {
    return { audience, issuers: [{ issuer: devUrl, jwksUrl }, { issuer: LEGACY_DEV_ISSUER, jwksUrl }] };
  }
  return { audience, issuers: [{ issuer, jwksUrl }] };
}

export function parseTrustedIssuers(raw: string): TrustedIssuer[] {
  const fail = (why: string) => new TrustedIssuersConfigError(`VANGNET_TRUSTED_ISSUERS ${why}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw fail('must be a JSON array of { issuer, jwksUrl, audience?, claims?, roleMap?, orgs?, municipalities? }');
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw fail('must be a non-empty JSON array');
  const seen = new Set<string>();
  return parsed.map((entry: unknown, i) => {
    const at = `[${i}]`;
    if (!entry || typeof entry !== 'object') throw fail(`${at} must be an object`);
    const e = entry as Record<string, unknown>;
    const known = ['issuer', 'jwksUrl', 'audience', 'claims', 'roleMap', 'orgs', 'municipalities'];
    const unknown = Object.keys(e).filter((k) => !known.includes(k));
    if (unknown.length) throw fail(`${at} has unknown fields ${unknown.join(', ')}`);
    if (typeof e.issuer !== 'string' || !e.issuer) throw fail(`${at}.issuer must be the issuer's identifier`);
    if (seen.has(e.issuer)) throw fail(`names ${e.issuer} twice`);
    seen.add(e.issuer);
    if (typeof e.jwksUrl !== 'string' || !/^https?:\/\//.test(e.jwksUrl)) throw fail(`${at}.jwksUrl must be an http(s) URL`);
    try {
      new URL(e.jwksUrl);
    } catch {
      throw fail(`${at}.jwksUrl must be an http(s) URL`);
    }
    if (e.audience !== undefined && (typeof e.audience !== 'string' || !e.audience)) throw fail(`${at}.audience must be a string`);
    if (e.claims !== undefined) {
      if (!e.claims || typeof e.claims !== 'object' || Array.isArray(e.claims)) throw fail(`${at}.claims must be an object`);
      for (const [ours, source] of Object.entries(e.claims as Record<string, unknown>)) {
        if (!['sub', 'org', 'roles', 'municipalities'].includes(ours)) throw fail(`${at}.claims.${ours} is not one of sub, org, roles, municipalities`);
        const fixed = source && typeof source === 'object' && 'value' in source ? (source as { value: unknown }).value : undefined;
        const ok = (typeof source === 'string' && source.length > 0) || typeof fixed === 'string' || (Array.isArray(fixed) && fixed.every((v) => typeof v === 'string'));
        if (!ok) throw fail(`${at}.claims.${ours} must be a claim path or { "value": ... }`);
      }
    }
    if (e.roleMap !== undefined) {
      if (!e.roleMap || typeof e.roleMap !== 'object' || Array.isArray(e.roleMap)) throw fail(`${at}.roleMap must be an object`);
      for (const [k, v] of Object.entries(e.roleMap as Record<string, unknown>)) {
        if (typeof v !== 'string' && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) throw fail(`${at}.roleMap.${k} must be a role or a list of roles`);
      }
    }
    for (const list of ['orgs', 'municipalities'] as const) {
      if (e[list] !== undefined && !(Array.isArray(e[list]) && (e[list] as unknown[]).every((v) => typeof v === 'string'))) throw fail(`${at}.${list} must be a list of strings`);
    }
    return e as unknown as TrustedIssuer;
  });
}

/** A claim path (`a.b.c`) in a payload. */
function at(payload: JWTPayload, path: string): unknown {
  let v: unknown = payload;
  for (const key of path.split('.')) {
    if (!v || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** The issuer's claims as ours (then checked by `callerFromClaims`). */
export function mapClaims(issuer: TrustedIssuer, payload: JWTPayload): Record<string, unknown> {
  const read = (ours: 'sub' | 'org' | 'roles' | 'municipalities'): unknown => {
    const source = issuer.claims?.[ours] ?? ours;
    return typeof source === 'string' ? at(payload, source) : source.value;
  };
  const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : []);
  const roles = asList(read('roles')).flatMap((r) => {
    const mapped = typeof r === 'string' ? issuer.roleMap?.[r] : undefined;
    return mapped === undefined ? [r] : Array.isArray(mapped) ? mapped : [mapped];
  });
  let municipalities = asList(read('municipalities'));
  if (issuer.municipalities) municipalities = municipalities.filter((m) => typeof m === 'string' && issuer.municipalities?.includes(m));
  return { sub: read('sub'), org: read('org'), roles, municipalities };
}

function orgAllowed(issuer: TrustedIssuer, org: string): boolean {
  if (!issuer.orgs) return true;
  return issuer.orgs.some((o) => (o.endsWith(':*') ? org.startsWith(o.slice(0, -1)) : o === org));
}

/**
 * Verifies bearer JWTs (RS256 or ES256; iss, aud and exp checked) against the issuer that signed
 * them: each trusted issuer with its own JWKS and its claims mapped to ours. A token of an issuer
 * not trusted is 401.
 */
@Injectable()
export class JwtVerifier {
  private readonly settings = jwtSettingsFromEnv();
  private readonly issuers = new Map<string, { config: TrustedIssuer; jwks: JWTVerifyGetKey }>();

  constructor() {
    // Issuers sharing a JWKS URL (the development issuer's two names) share its key cache.
    const sets = new Map<string, JWTVerifyGetKey>();
    for (const config of this.settings.issuers) {
      let jwks = sets.get(config.jwksUrl);
      if (!jwks) {
        jwks = createRemoteJWKSet(new URL(config.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000, timeoutDuration: 5000 });
        sets.set(config.jwksUrl, jwks);
      }
      this.issuers.set(config.issuer, { config, jwks });
    }
  }

  /** The issuers trusted, by identifier. */
  trustedIssuers(): string[] {
    return [...this.issuers.keys()];
  }

  // Verified tokens, until they expire: an RS256 check per request is measurable, and a partner
  // sends the same token many times. Bounded, oldest first out.
  private readonly verified = new Map<string, { caller: Caller; expiresAtMs: number }>();
  private static readonly CACHE_SIZE = 10_000;

  /**
   * The caller of a token verified before and not yet expired, without waiting: the gateway's edge
   * decides most requests in the same turn (ADR 0062). Undefined means `verify` must be asked.
   */
  cached(token: string): Caller | undefined {
    const hit = this.verified.get(token);
    return hit && hit.expiresAtMs > Date.now() ? hit.caller : undefined;
  }

  async verify(token: string): Promise<Caller> {
    const hit = this.verified.get(token);
    if (hit) {
      if (hit.expiresAtMs > Date.now()) return hit.caller;
      this.verified.delete(token);
    }
    const { caller, expiresAtMs } = await this.verifyFresh(token);
    if (this.verified.size >= JwtVerifier.CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { caller, expiresAtMs });
    return caller;
  }

  private async verifyFresh(token: string): Promise<{ caller: Caller; expiresAtMs: number }> {
    let iss: unknown;
    try {
      iss = decodeJwt(token).iss;
    } catch {
      throw AuthError.unauthenticated('the token is not a JWT');
    }
    const trusted = typeof iss === 'string' ? this.issuers.get(iss) : undefined;
    if (!trusted) throw AuthError.unauthenticated('the token’s issuer is not trusted');
    try {
      const { payload } = await jwtVerify(token, trusted.jwks, {
        issuer: trusted.config.issuer,
        audience: trusted.config.audience ?? this.settings.audience,
        algorithms: ['RS256', 'ES256'],
        requiredClaims: ['exp'],
      });
      const caller = callerFromClaims(mapClaims(trusted.config, payload));
      if (!orgAllowed(trusted.config, caller.org)) throw new InvalidClaimsError(`the token’s issuer may not speak for ${caller.org}`);
      return { caller, expiresAtMs: (payload.exp as number) * 1000 };
    } catch (e) {
      if (e instanceof InvalidClaimsError) throw AuthError.unauthenticated(e.message);
      if (e instanceof errors.JWTExpired) throw AuthError.unauthenticated('the token has expired');
      if (e instanceof errors.JWKSTimeout || (e instanceof errors.JOSEError && e.code === 'ERR_JWKS_TIMEOUT')) {
        throw AuthError.unauthenticated('the token issuer’s keys could not be fetched');
      }
      throw AuthError.unauthenticated(`the token is not valid: ${(e as Error).message}`);
    }
  }
}
