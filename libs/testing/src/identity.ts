import { Role } from '@vangnet/contracts';
import { exportJWK, generateKeyPair, JWK, KeyLike, SignJWT } from 'jose';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';

export interface TokenClaims {
  sub?: string;
  org: string;
  roles: Array<Role | string>;
  municipalities?: string[];
}

/**
 * An identity provider for tests: serves a JWKS on a local port and signs tokens the services
 * accept (set `env()` before starting them). `expired` and `wrongAudience` make bad tokens.
 */
export class TestIdentityProvider {
  private constructor(
    private readonly server: Server,
    private readonly privateKey: KeyLike,
    private readonly jwk: JWK,
    readonly jwksUrl: string,
  ) {}

  static readonly ISSUER = 'urn:vangnet:test-idp';
  static readonly AUDIENCE = 'vangnet';

  static async start(): Promise<TestIdentityProvider> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    const server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new TestIdentityProvider(server, privateKey, jwk, `http://127.0.0.1:${port}/jwks.json`);
  }

  env(): Record<string, string> {
    return {
      VANGNET_JWKS_URL: this.jwksUrl,
      VANGNET_JWT_ISSUER: TestIdentityProvider.ISSUER,
      VANGNET_JWT_AUDIENCE: TestIdentityProvider.AUDIENCE,
    };
  }

  async token(claims: TokenClaims, opts: { expired?: boolean; audience?: string; expiresInSeconds?: number } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ org: claims.org, roles: claims.roles, municipalities: claims.municipalities ?? [] })
      .setProtectedHeader({ alg: 'RS256', kid: this.jwk.kid })
      .setSubject(claims.sub ?? `user-${claims.org}`)
      .setIssuer(TestIdentityProvider.ISSUER)
      .setAudience(opts.audience ?? TestIdentityProvider.AUDIENCE)
      .setIssuedAt(now - 10)
      .setExpirationTime(opts.expired ? now - 5 : now + (opts.expiresInSeconds ?? 3600))
      .sign(this.privateKey);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
