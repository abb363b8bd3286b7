import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, JWTVerifyGetKey } from 'jose';
import { AuthError } from './auth.errors';
import { Caller, callerFromClaims, InvalidClaimsError } from './caller';

export interface JwtSettings {
  jwksUrl: string;
  issuer: string;
  audience: string;
}

export function jwtSettingsFromEnv(): JwtSettings {
  return {
    jwksUrl: process.env.VANGNET_JWKS_URL ?? 'http://localhost:8080/.well-known/jwks.json',
    issuer: process.env.VANGNET_JWT_ISSUER ?? 'urn:vangnet:dev-idp',
    audience: process.env.VANGNET_JWT_AUDIENCE ?? 'vangnet',
  };
}

/** Verifies bearer JWTs against the issuer's JWKS (RS256 or ES256; iss, aud and exp checked). */
@Injectable()
export class JwtVerifier {
  private readonly settings = jwtSettingsFromEnv();
  private readonly jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(this.settings.jwksUrl), {
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
    timeoutDuration: 5000,
  });

  // Verified tokens, until they expire: an RS256 check per request is measurable, and a partner
  // sends the same token many times. Bounded, oldest first out.
  private readonly verified = new Map<string, { caller: Caller; expiresAtMs: number }>();
  private static readonly CACHE_SIZE = 10_000;

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
    try {
      const { payload } = await jwtVerify(token, this.jwks, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ['RS256', 'ES256'],
        requiredClaims: ['exp', 'sub'],
      });
      return { caller: callerFromClaims(payload), expiresAtMs: (payload.exp as number) * 1000 };
    } catch (e) {
      if (e instanceof InvalidClaimsError) throw AuthError.unauthenticated(e.message);
      if (e instanceof errors.JWTExpired) throw AuthError.unauthenticated('the token has expired');
      if (e instanceof errors.JWKSTimeout || e instanceof errors.JOSEError && e.code === 'ERR_JWKS_TIMEOUT') {
        throw AuthError.unauthenticated('the token issuer’s keys could not be fetched');
      }
      throw AuthError.unauthenticated(`the token is not valid: ${(e as Error).message}`);
    }
  }
}
