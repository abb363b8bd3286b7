import { Controller, Get, Module } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { PlatformModule } from '@vangnet/platform';
import { infra, TestContext, TestService } from '@vangnet/testing';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import supertest from 'supertest';
import { AppModule } from '../src/app.module';
import { GATEWAY_OPTIONS } from '../src/gateway.app';

@Controller('v1/whoami')
class WhoAmIController {
  @Get()
  @Roles(Role.FINANCE_CONTROLLER)
  who(@CurrentCaller() caller: Caller) {
    return { sub: caller.sub, org: caller.org, municipalities: caller.municipalities };
  }
}

@Module({ imports: [PlatformModule.forService({ service: 'finance' })], controllers: [WhoAmIController] })
class BehindTheGatewayModule {}

describe('gateway', () => {
  let ctx: TestContext;
  let gateway: TestService;
  let service: TestService;
  let dataDir: string;

  let gatewayEnv: Record<string, string>;

  beforeAll(async () => {
    ctx = await TestContext.create();
    dataDir = mkdtempSync(join(tmpdir(), 'vangnet-gw-'));
    const port = String(await infra.freePort());
    // Services trust the gateway's development issuer, as in the local run.
    ctx.applyEnv({ VANGNET_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`, VANGNET_JWT_ISSUER: 'urn:vangnet:dev-idp' });
    service = await ctx.start(BehindTheGatewayModule, { service: 'finance' });
    gatewayEnv = { PORT: port, VANGNET_DEV_IDP: 'true', VANGNET_DATA_DIR: dataDir, VANGNET_FINANCE_URL: service.url, VANGNET_ACCESS_URL: 'http://127.0.0.1:9' };
    gateway = await ctx.start(AppModule, GATEWAY_OPTIONS, gatewayEnv);
  });

  afterAll(async () => {
    await ctx.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const devToken = async (claims: object) =>
    (await gateway.http.post('/api/gateway/v1/dev/token').send(claims).expect(200)).body.access_token as string;

  it('should serve its JWKS at /.well-known and under /api/gateway, with the same key', async () => {
    const root = await gateway.http.get('/.well-known/jwks.json').expect(200);
    const prefixed = await gateway.http.get('/api/gateway/.well-known/jwks.json').expect(200);
    expect(root.body).toEqual(prefixed.body);
    expect(root.body.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) });
    expect(root.body.keys[0].d).toBeUndefined();
  });

  it('should issue a token a service accepts, reached through the proxy', async () => {
    const token = await devToken({ sub: 'anne', org: 'GM0546', roles: ['finance.controller'], municipalities: ['GM0546', 'GM0547'] });
    const res = await gateway.http.get('/api/finance/v1/whoami').set('Authorization', `Bearer ${token}`).expect(200);
    expect(res.body).toEqual({ sub: 'anne', org: 'GM0546', municipalities: ['GM0546', 'GM0547'] });
    await gateway.http.get('/api/finance/health/ready').expect(200);
    const denied = await gateway.http.get('/api/finance/v1/whoami').expect(401);
    expect(denied.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('should refuse a token request with bad claims, naming the fields', async () => {
    const res = await gateway.http.post('/api/gateway/v1/dev/token').send({ sub: '', org: 'Leiden', roles: ['king'], municipalities: ['0546'] }).expect(400);
    expect(res.body.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual(['municipalities', 'org', 'roles', 'sub']);
  });

  it('should keep the key across restarts so issued tokens stay valid', async () => {
    const token = await devToken({ sub: 'bert', org: 'GM0546', roles: ['finance.controller'], municipalities: ['GM0546'] });
    const before = (await gateway.http.get('/.well-known/jwks.json')).body;
    await gateway.close();
    gateway = await ctx.start(AppModule, GATEWAY_OPTIONS, gatewayEnv);
    expect((await gateway.http.get('/.well-known/jwks.json')).body).toEqual(before);
    await gateway.http.get('/api/finance/v1/whoami').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('should answer 502 problem+json when a service does not answer', async () => {
    const res = await supertest(gateway.url).get('/api/access/v1/persons').expect(502);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('should not issue tokens or serve a JWKS when the development issuer is off', async () => {
    await gateway.close();
    gateway = await ctx.start(AppModule, GATEWAY_OPTIONS, { ...gatewayEnv, VANGNET_DEV_IDP: 'false' });
    const res = await gateway.http.post('/api/gateway/v1/dev/token').send({ sub: 'x', org: 'GM0546', roles: [], municipalities: [] }).expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
    await gateway.http.get('/.well-known/jwks.json').expect(404);
  });
});
