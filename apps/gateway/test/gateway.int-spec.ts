import { Controller, Get, Module } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { PlatformModule } from '@vangnet/platform';
import { infra, TestContext, TestService } from '@vangnet/testing';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { connect } from 'net';
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

  it('should refuse deeply nested JSON and a NUL on its own token route as 400, never 500', async () => {
    const deep = '{"sub":'.repeat(2400) + '1' + '}'.repeat(2400);
    const res = await gateway.http.post('/api/gateway/v1/dev/token').set('Content-Type', 'application/json').send(deep).expect(400);
    expect(res.body.code).toBe('TOO_DEEP');
    const nul = await gateway.http.post('/api/gateway/v1/dev/token').send({ sub: 'a\u0000', org: 'GM0546', roles: [], municipalities: [] }).expect(400);
    expect(nul.body.invalidParams).toEqual([expect.objectContaining({ name: 'sub', code: 'INVALID_CHARACTER' })]);
    const proto = await gateway.http
      .post('/api/gateway/v1/dev/token')
      .set('Content-Type', 'application/json')
      .send('{"sub":"x","org":"GM0546","roles":[],"municipalities":[],"__proto__":{"admin":true}}')
      .expect(400);
    expect(proto.body.invalidParams).toEqual([expect.objectContaining({ name: '__proto__', code: 'UNKNOWN_FIELD' })]);
  });

  it('should route on the path without the query, and answer a bare service prefix', async () => {
    const token = await devToken({ sub: 'anne', org: 'GM0546', roles: ['finance.controller'], municipalities: ['GM0546'] });
    await gateway.http.get('/api/finance/v1/whoami?x=1&bsn=123456782').set('Authorization', `Bearer ${token}`).expect(200);
    const bare = await gateway.http.get('/api/finance?x=1');
    expect(bare.status).toBe(404);
    expect(bare.headers['content-type']).toMatch(/^application\/problem\+json/);
    const down = await gateway.http.get('/api/access?x=1').expect(502);
    expect(down.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(down.body.detail).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|:9\b/);
    expect(down.body.instance).toBe('/api/access');
  });

  it('should route an absolute-form request target on its path, and never leak an internal message', async () => {
    const token = await devToken({ sub: 'anne', org: 'GM0546', roles: ['finance.controller'], municipalities: ['GM0546'] });
    const raw = (target: string, headers = '') =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(Number(new URL(gateway.url).port), '127.0.0.1', () =>
          socket.write(`GET ${target} HTTP/1.1\r\nHost: localhost\r\n${headers}Connection: close\r\n\r\n`),
        );
        let data = '';
        socket.on('data', (d) => (data += d.toString()));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
    const absolute = await raw(`http://localhost${new URL(gateway.url).port ? ':' + new URL(gateway.url).port : ''}/api/finance/v1/whoami?x=1`, `Authorization: Bearer ${token}\r\n`);
    expect(absolute).toMatch(/^HTTP\/1\.1 200/);
    expect(absolute).toContain('"sub":"anne"');
    const elsewhere = await raw('http://evil.example/api/access?x=1');
    expect(elsewhere).toMatch(/^HTTP\/1\.1 (4\d\d|502)/);
    expect(elsewhere).toMatch(/application\/problem\+json/);
    expect(elsewhere).not.toMatch(/TypeError|Cannot read|undefined|ECONNREFUSED/);
    for (const target of ['/api/access', '/api/accessx?y=1', '//api/finance/v1/whoami', '/api/finance/../gateway/v1/dev/token', '*']) {
      const res = await raw(target);
      expect(res).not.toMatch(/^HTTP\/1\.1 5(?!02)/);
      expect(res).not.toMatch(/TypeError|Cannot read|ECONNREFUSED/);
    }
  });

  it('should not issue tokens or serve a JWKS when the development issuer is off', async () => {
    await gateway.close();
    gateway = await ctx.start(AppModule, GATEWAY_OPTIONS, { ...gatewayEnv, VANGNET_DEV_IDP: 'false' });
    const res = await gateway.http.post('/api/gateway/v1/dev/token').send({ sub: 'x', org: 'GM0546', roles: [], municipalities: [] }).expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
    await gateway.http.get('/.well-known/jwks.json').expect(404);
  });
});
