import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { exportJWK, generateKeyPair, importJWK, JWK, KeyLike, SignJWT, calculateJwkThumbprint } from 'jose';
import { mkdirSync, readFileSync, writeFileSync, existsSync, chmodSync } from 'fs';
import { dirname, join, resolve } from 'path';

import { devIssuerFromEnv } from '@vangnet/auth';
import { authorizationCodeMetadata } from './authorization-code';

export const DEV_AUDIENCE = 'vangnet';
export const DEV_TOKEN_SECONDS = 3600;

export function devIdpEnabled(): boolean {
  return process.env.VANGNET_DEV_IDP === 'true';
}

export function dataDir(): string {
  return resolve(process.env.VANGNET_DATA_DIR ?? '.vangnet');
}

export interface DevTokenClaims {
  sub: string;
  org: string;
  roles: string[];
  municipalities: string[];
  /** Client-credentials tokens: the OAuth2 client and the scopes granted. */
  clientId?: string;
  scope?: string;
}

/** The issuer's identifier must be the URL discovery is served under: http(s), no path, query or fragment. */
export function checkIssuerUrl(issuer: string): void {
  let ok = false;
  try {
    const u = new URL(issuer);
    ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.pathname === '/' && !u.search && !u.hash && !u.username;
  } catch {
    ok = false;
  }
  if (!ok) throw new Error(`VANGNET_DEV_IDP_ISSUER must be the URL the gateway is reached at (http(s)://host[:port], no path or query: discovery is served at its root), not "${issuer}"`);
}

/** Where the development issuer's endpoints are, under its identifier (its URL). */
export function openIdConfiguration(issuer: string, scopes: string[]): Record<string, unknown> {
  return {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    token_endpoint: `${issuer}/api/gateway/oauth/token`,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    response_types_supported: ['token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_signing_alg_values_supported: ['RS256'],
    scopes_supported: scopes,
    claims_supported: ['sub', 'org', 'roles', 'municipalities', 'scope', 'client_id'],
    ...authorizationCodeMetadata(issuer),
  };
}

/**
 * The development identity provider: an RS256 key kept in the data directory (so tokens survive
 * restarts), its JWKS, and tokens for whatever claims a developer asks. Only when
 * VANGNET_DEV_IDP=true; in production the municipality's IdP issues tokens.
 */
@Injectable()
export class DevIdpService implements OnModuleInit {
  private readonly logger = new Logger('DevIdp');
  private privateKey?: KeyLike | Uint8Array;
  private publicJwk?: JWK;

  async onModuleInit(): Promise<void> {
    if (!devIdpEnabled()) return;
    checkIssuerUrl(this.issuer());
    const file = join(dataDir(), 'dev-idp', 'signing-key.json');
    let privateJwk: JWK;
    if (existsSync(file)) {
      privateJwk = JSON.parse(readFileSync(file, 'utf8'));
    } else {
      const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
      privateJwk = await exportJWK(privateKey);
      privateJwk.kid = await calculateJwkThumbprint(privateJwk);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(privateJwk));
      chmodSync(file, 0o600);
      this.logger.log(`created a development signing key in ${file}`);
    }
    this.privateKey = await importJWK(privateJwk, 'RS256');
    const { kty, n, e, kid } = privateJwk;
    this.publicJwk = { kty, n, e, kid, alg: 'RS256', use: 'sig' };
  }

  enabled(): boolean {
    return devIdpEnabled() && !!this.privateKey;
  }

  /** Its identifier: its URL (`VANGNET_DEV_IDP_ISSUER`, default http://localhost:8080), where discovery is served. */
  issuer(): string {
    return devIssuerFromEnv();
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.publicJwk ? [this.publicJwk] : [] };
  }

  async issue(claims: DevTokenClaims): Promise<string> {
    if (!this.privateKey || !this.publicJwk) throw new Error('the development issuer is not enabled');
    const extra = claims.clientId ? { client_id: claims.clientId, scope: claims.scope ?? '' } : {};
    return new SignJWT({ org: claims.org, roles: claims.roles, municipalities: claims.municipalities, ...extra })
      .setProtectedHeader({ alg: 'RS256', kid: this.publicJwk.kid, typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(this.issuer())
      .setAudience(process.env.VANGNET_JWT_AUDIENCE ?? DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${DEV_TOKEN_SECONDS}s`)
      .sign(this.privateKey);
  }
}
