import { Controller, Get, Module } from '@nestjs/common';
import { Caller, CurrentCaller } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { DEMO_REGION, PlatformModule } from '@vangnet/platform';
import { infra, TestContext, TestService } from '@vangnet/testing';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { createServer, Server } from 'http';
import { decodeJwt, exportJWK, generateKeyPair, importJWK, JWK, JWTPayload, KeyLike, SignJWT } from 'jose';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { GATEWAY_OPTIONS } from '../src/gateway.app';

@Controller('v1/whoami')
class WhoAmIController {
  @Get()
  who(@CurrentCaller() caller: Caller) {
    return { sub: caller.sub, org: caller.org, roles: caller.roles, municipalities: caller.municipalities };
  }
}

@Module({ imports: [PlatformModule.forService({ service: 'finance' })], controllers: [WhoAmIController] })
class BehindTheGatewayModule {}

/** Another organisation's IdP: its own key and JWKS, its own claim names. */
class ForeignIssuer {
  private constructor(
    private readonly server: Server,
    private readonly key: KeyLike,
    readonly issuer: string,
    readonly jwksUrl: string,
  ) {}

  static async start(issuer: string): Promise<ForeignIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'foreign', alg: 'ES256', use: 'sig' };
    const server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new ForeignIssuer(server, privateKey, issuer, `http://127.0.0.1:${(server.address() as AddressInfo).port}/keys`);
  }

  sign(payload: JWTPayload, audience = 'vangnet'): Promise<string> {
    return new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: 'foreign' }).setIssuer(this.issuer).setAudience(audience).setIssuedAt().setExpirationTime('5m').sign(this.key);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('gateway tokens and trusted issuers', () => {
  let ctx: TestContext;
  let gateway: TestService;
  let service: TestService;
  let dataDir: string;
  let devIssuer: string;
  let partnerIdp: ForeignIssuer;
  let stranger: ForeignIssuer;
  let corporationIdp: ForeignIssuer;
  let admin: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    dataDir = mkdtempSync(join(tmpdir(), 'vangnet-gw-tokens-'));
    const port = await infra.freePort();
    devIssuer = `http://127.0.0.1:${port}`;
    partnerIdp = await ForeignIssuer.start('https://login.zorg-zuid.example');
    stranger = await ForeignIssuer.start('https://evil.example');
    corporationIdp = await ForeignIssuer.start('https://login.woonstichting.example');
    const trusted = [
      { issuer: devIssuer, jwksUrl: `${devIssuer}/.well-known/jwks.json` },
      { issuer: 'urn:vangnet:dev-idp', jwksUrl: `${devIssuer}/.well-known/jwks.json` },
      { issuer: 'urn:vangnet:test-idp', jwksUrl: ctx.idp.jwksUrl },
      {
        issuer: partnerIdp.issuer,
        jwksUrl: partnerIdp.jwksUrl,
        claims: { sub: 'preferred_username', org: { value: 'AGB:12345678' }, roles: 'realm_access.roles' },
        roleMap: { zorgaanbieder: 'provider' },
        orgs: ['AGB:12345678'],
      },
      { issuer: corporationIdp.issuer, jwksUrl: corporationIdp.jwksUrl, orgs: ['CORP:*'] },
    ];
    ctx.applyEnv({ VANGNET_TRUSTED_ISSUERS: JSON.stringify(trusted), VANGNET_DEV_IDP_ISSUER: devIssuer });
    service = await ctx.start(BehindTheGatewayModule, { service: 'finance' });
    gateway = await ctx.start(AppModule, GATEWAY_OPTIONS, { PORT: String(port), VANGNET_DEV_IDP: 'true', VANGNET_DATA_DIR: dataDir, VANGNET_FINANCE_URL: service.url });
    admin = await ctx.token({ sub: 'rita', org: 'GM0546', roles: [Role.REGION_ADMINISTRATOR], municipalities: [...DEMO_REGION.municipalities] });
  });

  afterAll(async () => {
    await ctx.close();
    await partnerIdp.stop();
    await stranger.stop();
    await corporationIdp.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const register = (org: string, scopes: string[], accessTeamFor: string[] = []) =>
    gateway.http.post('/api/gateway/v1/partners').set('Authorization', `Bearer ${admin}`).send({ org, name: org, scopes, accessTeamFor }).expect(201);
  const newClient = async (org: string) => (await gateway.http.post(`/api/gateway/v1/partners/${org}/clients`).set('Authorization', `Bearer ${admin}`).expect(201)).body as { clientId: string; clientSecret: string };
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
  const tokenRequest = () => gateway.http.post('/api/gateway/oauth/token').type('form');

  it('should name itself by its URL and serve OIDC discovery there', async () => {
    const doc = (await gateway.http.get('/.well-known/openid-configuration').expect(200)).body;
    expect(doc).toMatchObject({
      issuer: devIssuer,
      jwks_uri: `${devIssuer}/.well-known/jwks.json`,
      token_endpoint: `${devIssuer}/api/gateway/oauth/token`,
      grant_types_supported: ['client_credentials', 'authorization_code'],
    });
    expect(doc.scopes_supported).toContain('api.finance');
    expect((await gateway.http.get('/api/gateway/.well-known/openid-configuration').expect(200)).body).toEqual(doc);
    const devToken = (await gateway.http.post('/api/gateway/v1/dev/token').send({ sub: 'anne', org: 'GM0546', roles: ['finance.controller'], municipalities: ['GM0546'] }).expect(200)).body.access_token;
    expect(decodeJwt(devToken).iss).toBe(devIssuer);
    await gateway.http.get('/api/finance/v1/whoami').set('Authorization', `Bearer ${devToken}`).expect(200);
  });

  it('should issue client-credentials tokens to a registered partner’s client, which the services accept', async () => {
    await register('AGB:12345678', ['api.finance', 'webhooks.declarations']);
    const client = await newClient('AGB:12345678');
    expect(client.clientSecret.length).toBeGreaterThanOrEqual(40);
    // The secret is kept hashed, never as it was given.
    // An Idempotency-Key would have the platform store the answer, secret and all: refused.
    const keyed = await gateway.http.post('/api/gateway/v1/partners/AGB:12345678/clients').set('Authorization', `Bearer ${admin}`).set('Idempotency-Key', 'k1').expect(400);
    expect(keyed.body.invalidParams).toEqual([expect.objectContaining({ name: 'Idempotency-Key', code: 'IDEMPOTENCY_NOT_SUPPORTED' })]);
    await tokenRequest().set('Idempotency-Key', 'k2').send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }).expect(400);
    const rows: Array<{ secret_hash: string }> = await gateway.app.get(DataSource).query('SELECT secret_hash FROM partner_client WHERE client_id = $1', [client.clientId]);
    expect(rows[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].secret_hash).not.toContain(client.clientSecret);

    const res = await tokenRequest().set('Authorization', basic(client.clientId, client.clientSecret)).send({ grant_type: 'client_credentials', scope: 'api.finance' }).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'api.finance' });
    expect(decodeJwt(res.body.access_token)).toMatchObject({ iss: devIssuer, sub: client.clientId, org: 'AGB:12345678', roles: ['provider'], client_id: client.clientId, scope: 'api.finance' });
    const who = await gateway.http.get('/api/finance/v1/whoami').set('Authorization', `Bearer ${res.body.access_token}`).expect(200);
    expect(who.body).toEqual({ sub: client.clientId, org: 'AGB:12345678', roles: ['provider'], municipalities: [] });

    // A token whose scopes do not name a service does not reach it.
    const narrow = await tokenRequest().set('Authorization', basic(client.clientId, client.clientSecret)).send({ grant_type: 'client_credentials', scope: 'webhooks.declarations' }).expect(200);
    const outOfScope = await gateway.http.get('/api/finance/v1/whoami').set('Authorization', `Bearer ${narrow.body.access_token}`).expect(403);
    expect(outOfScope.body.code).toBe('SCOPE_MISSING');

    // client_secret_post, JSON too; no scope asked: every scope it holds.
    const posted = await gateway.http.post('/api/gateway/oauth/token').send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }).expect(200);
    expect(posted.body.scope).toBe('api.finance webhooks.declarations');
  });

  it('should give an ORG: access team a caseworker token for the municipalities it works for', async () => {
    await register('ORG:55556666', ['api.access'], ['GM0547']);
    const client = await newClient('ORG:55556666');
    const res = await tokenRequest().send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }).expect(200);
    expect(decodeJwt(res.body.access_token)).toMatchObject({ org: 'ORG:55556666', roles: ['access.caseworker'], municipalities: ['GM0547'] });
  });

  it('should refuse bad token requests as OAuth2 errors in problem+json', async () => {
    await register('CORP:70001111', ['api.housing']);
    const client = await newClient('CORP:70001111');
    const wrong = await tokenRequest().set('Authorization', basic(client.clientId, 'not-the-secret')).send({ grant_type: 'client_credentials' }).expect(401);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong.body).toMatchObject({ error: 'invalid_client', status: 401 });
    const grant = await tokenRequest().send({ grant_type: 'password', client_id: client.clientId, client_secret: client.clientSecret }).expect(400);
    expect(grant.body).toMatchObject({ error: 'unsupported_grant_type', invalidParams: [expect.objectContaining({ name: 'grant_type' })] });
    const scope = await tokenRequest().send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret, scope: 'api.housing api.finance' }).expect(400);
    expect(scope.body).toMatchObject({ error: 'invalid_scope', invalidParams: [expect.objectContaining({ name: 'scope' })] });
    await tokenRequest().send({ grant_type: 'client_credentials', client_id: 'vgc_000000000000000000000000', client_secret: 'x' }).expect(401);

    // A revoked client, and a deactivated partner's client, get nothing.
    await gateway.http.delete(`/api/gateway/v1/partners/CORP:70001111/clients/${client.clientId}`).set('Authorization', `Bearer ${admin}`).expect(204);
    await tokenRequest().send({ grant_type: 'client_credentials', client_id: client.clientId, client_secret: client.clientSecret }).expect(401);
    const second = await newClient('CORP:70001111');
    await tokenRequest().send({ grant_type: 'client_credentials', client_id: second.clientId, client_secret: second.clientSecret }).expect(200);
    await gateway.http.put('/api/gateway/v1/partners/CORP:70001111').set('Authorization', `Bearer ${admin}`).set('If-Match', 'W/"1"').send({ name: 'CORP', scopes: ['api.housing'], active: false }).expect(200);
    await tokenRequest().send({ grant_type: 'client_credentials', client_id: second.clientId, client_secret: second.clientSecret }).expect(401);
    const listed = await gateway.http.get('/api/gateway/v1/partners/CORP:70001111/clients').set('Authorization', `Bearer ${admin}`).expect(200);
    expect(listed.body.items).toHaveLength(2);
    expect(JSON.stringify(listed.body)).not.toContain(second.clientSecret);
  });

  it('should accept a second issuer’s token through its own JWKS and claim mapping, and refuse an issuer it does not trust', async () => {
    const token = await partnerIdp.sign({ preferred_username: 'jan@zorg-zuid', realm_access: { roles: ['zorgaanbieder', 'offline_access'] } });
    const who = await gateway.http.get('/api/finance/v1/whoami').set('Authorization', `Bearer ${token}`).expect(200);
    // Its own scopes are not the registry's: they do not stop it at the edge.
    const withOidcScopes = await partnerIdp.sign({ preferred_username: 'jan@zorg-zuid', realm_access: { roles: ['zorgaanbieder'] }, scope: 'openid profile' });
    await gateway.http.get('/api/finance/v1/whoami').set('Authorization', `Bearer ${withOidcScopes}`).expect(200);
    expect(who.body).toEqual({ sub: 'jan@zorg-zuid', org: 'AGB:12345678', roles: ['provider'], municipalities: [] });
    // The gateway's own routes verify the same way.
    await gateway.http.get('/api/gateway/v1/partners').set('Authorization', `Bearer ${token}`).expect(403);

    const strangers = await stranger.sign({ sub: 'mallory', org: 'GM0546', roles: ['finance.controller'], municipalities: ['GM0546'] });
    const refused = await gateway.http.get('/api/finance/v1/whoami').set('Authorization', `Bearer ${strangers}`).expect(401);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.detail).toMatch(/issuer is not trusted/);
    // A trusted issuer signing as another, or with another's key, is refused too.
    const forged = await new SignJWT({ preferred_username: 'x', realm_access: { roles: ['zorgaanbieder'] } })
      .setProtectedHeader({ alg: 'ES256', kid: 'foreign' })
      .setIssuer(partnerIdp.issuer)
      .setAudience('vangnet')
      .setExpirationTime('5m')
      .sign((await generateKeyPair('ES256')).privateKey);
    await gateway.http.get('/api/finance/v1/whoami').set('Authorization', `Bearer ${forged}`).expect(401);
  });

  it('should refuse an issuer’s token for an organisation it may not speak for', async () => {
    const own = await corporationIdp.sign({ sub: 'wim', org: 'CORP:30000001', roles: ['corporation'] });
    expect((await gateway.http.get('/api/finance/v1/whoami').set('Authorization', `Bearer ${own}`).expect(200)).body.org).toBe('CORP:30000001');
    const municipal = await corporationIdp.sign({ sub: 'wim', org: 'GM0546', roles: ['finance.controller'], municipalities: ['GM0546'] });
    const refused = await gateway.http.get('/api/finance/v1/whoami').set('Authorization', `Bearer ${municipal}`).expect(401);
    expect(refused.body.detail).toMatch(/may not speak for GM0546/);
  });

  it('should still accept the development issuer’s old URN, signed with its key', async () => {
    const jwk = JSON.parse(readFileSync(join(dataDir, 'dev-idp', 'signing-key.json'), 'utf8')) as JWK;
    const legacy = await new SignJWT({ org: 'GM0546', roles: ['finance.controller'], municipalities: ['GM0546'] })
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
      .setSubject('old-timer')
      .setIssuer('urn:vangnet:dev-idp')
      .setAudience('vangnet')
      .setExpirationTime('5m')
      .sign(await importJWK(jwk, 'RS256'));
    const who = await gateway.http.get('/api/finance/v1/whoami').set('Authorization', `Bearer ${legacy}`).expect(200);
    expect(who.body.sub).toBe('old-timer');
  });
});
