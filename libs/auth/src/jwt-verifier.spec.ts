import { exportJWK, generateKeyPair, KeyLike, SignJWT } from 'jose';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { JwtVerifier } from './jwt-verifier';

// `cached` answers only for a token `verify` accepted, and only until it expires: the gateway's
// edge relies on it to pass a known token on without waiting (ADR 0062).
describe('JwtVerifier.cached', () => {
  let server: Server;
  let key: KeyLike;
  const saved = { ...process.env };

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => res.end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    Object.assign(process.env, {
      VANGNET_JWKS_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`,
      VANGNET_JWT_ISSUER: 'urn:test:issuer',
      VANGNET_JWT_AUDIENCE: 'vangnet',
    });
    delete process.env.VANGNET_TRUSTED_ISSUERS;
  });

  afterAll(async () => {
    process.env = saved;
    await new Promise<void>((r) => server.close(() => r()));
  });

  const token = (expiresAt: number, issuer = 'urn:test:issuer') =>
    new SignJWT({ org: 'GM0546', roles: ['auditor'], municipalities: ['GM0546'] })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('u1')
      .setIssuer(issuer)
      .setAudience('vangnet')
      .setExpirationTime(expiresAt)
      .sign(key);

  it('should know a token only once verified, and forget it when it expires', async () => {
    const verifier = new JwtVerifier();
    const expiresAt = Math.floor(Date.now() / 1000) + 2;
    const t = await token(expiresAt);
    expect(verifier.cached(t)).toBeUndefined();
    const caller = await verifier.verify(t);
    expect(caller).toMatchObject({ sub: 'u1', org: 'GM0546', municipalities: ['GM0546'] });
    expect(verifier.cached(t)).toBe(caller);
    await new Promise((r) => setTimeout(r, expiresAt * 1000 - Date.now() + 50));
    expect(verifier.cached(t)).toBeUndefined();
  });

  it('should never know a token it refused', async () => {
    const verifier = new JwtVerifier();
    const inAMinute = Math.floor(Date.now() / 1000) + 60;
    const foreign = await token(inAMinute, 'urn:someone:else');
    await expect(verifier.verify(foreign)).rejects.toThrow();
    expect(verifier.cached(foreign)).toBeUndefined();
    const t = await token(inAMinute);
    const tampered = `${t.slice(0, -4)}AAAA`;
    await expect(verifier.verify(tampered)).rejects.toThrow();
    expect(verifier.cached(tampered)).toBeUndefined();
  });
});
