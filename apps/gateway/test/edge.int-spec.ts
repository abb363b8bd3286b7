import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { Caller, CurrentCaller, Public } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { DEMO_REGION, PlatformModule } from '@vangnet/platform';
import { TestContext, TestService } from '@vangnet/testing';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AppModule } from '../src/app.module';
import { edgeConfigFromEnv } from '../src/edge/edge.config';
import { EdgeService } from '../src/edge/edge.service';
import { GATEWAY_OPTIONS } from '../src/gateway.app';
import { raw } from './raw-request';

@Controller('v1')
class BehindController {
  @Get('whoami')
  who(@CurrentCaller() caller: Caller) {
    return { org: caller.org };
  }

  @Post('echo')
  @Public()
  @HttpCode(200)
  echo(@Body() body: { text?: string }) {
    return { length: body.text?.length ?? 0 };
  }

  @Post('declarations')
  @Public()
  @HttpCode(200)
  declarations(@Body() body: { text?: string }) {
    return { length: body.text?.length ?? 0 };
  }
}

@Module({ imports: [PlatformModule.forService({ service: 'finance' })], controllers: [BehindController] })
class BehindTheGatewayModule {}

describe('gateway edge: body limits, partner rate limits, CORS, RED metrics', () => {
  let ctx: TestContext;
  let gateway: TestService;
  let service: TestService;
  let dataDir: string;
  let admin: string;
  let now = 1_000_000_000;

  beforeAll(async () => {
    ctx = await TestContext.create();
    dataDir = mkdtempSync(join(tmpdir(), 'vangnet-gw-edge-'));
    // Finance's own limit for bulk declarations, read by finance and the gateway alike.
    ctx.applyEnv({ FINANCE_DECLARATION_BODY_LIMIT: '1mb' });
    service = await ctx.start(BehindTheGatewayModule, { service: 'finance', bodyLimits: [{ path: '/v1/declarations', limit: '1mb' }] });
    gateway = await ctx.start(AppModule, GATEWAY_OPTIONS, {
      VANGNET_DATA_DIR: dataDir,
      VANGNET_FINANCE_URL: service.url,
      VANGNET_ACCESS_URL: 'http://127.0.0.1:9',
      VANGNET_CORS_ORIGINS: 'https://portal.example.nl, http://localhost:4200',
      VANGNET_GATEWAY_PARTNER_RATE_LIMIT: '1000',
    });
    gateway.app.get(EdgeService).setTimeSource(() => now);
    admin = await ctx.token({ sub: 'rita', org: 'GM0546', roles: [Role.REGION_ADMINISTRATOR], municipalities: [...DEMO_REGION.municipalities] });
  });

  afterAll(async () => {
    await ctx.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should refuse a body over the route’s limit as 413 problem+json naming the limit, declared or streamed', async () => {
    const text = (n: number) => ({ text: 'x'.repeat(n) });
    await gateway.http.post('/api/finance/v1/echo').send(text(200_000)).expect(200);
    const big = await gateway.http.post('/api/finance/v1/echo').send(text(300_000)).expect(413);
    expect(big.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(big.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limitBytes: 262144 });
    expect(big.body.detail).toContain('256 KiB');
    // Finance's bulk declarations take finance's limit, and no more.
    expect((await gateway.http.post('/api/finance/v1/declarations').send(text(600_000)).expect(200)).body.length).toBe(600_000);
    const tooMany = await gateway.http.post('/api/finance/v1/declarations').send(text(1_100_000)).expect(413);
    expect(tooMany.body.detail).toContain('1 MiB');
    // A chunked body (no Content-Length) is counted as it streams.
    const body = JSON.stringify(text(400_000));
    const chunks = Array.from({ length: 8 }, (_, i) => body.slice((i * body.length) / 8, ((i + 1) * body.length) / 8));
    const streamed = await raw(gateway.url, 'POST', '/api/finance/v1/echo', { 'content-type': 'application/json' }, chunks);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body).code).toBe('PAYLOAD_TOO_LARGE');
    // The exchange mailbox takes an iStandaarden file (25 MiB, and the 1 MiB exchange allows above it).
    const edge = gateway.app.get(EdgeService);
    expect(edge.bodyLimit('/api/exchange/v1/mailbox')).toBe(26 * 1024 * 1024);
    expect(edge.bodyLimit('/api/exchange/v1/messages')).toBe(256 * 1024);
    expect(edge.bodyLimit('/api/finance/v1/declarations/bulk')).toBe(1024 * 1024);
  });

  it('should hold a partner to its limit with 429 and Retry-After, per partner, and apply a deactivation at once', async () => {
    await gateway.http.post('/api/gateway/v1/partners').set('Authorization', `Bearer ${admin}`).send({ org: 'AGB:12345678', name: 'Zorg BV', scopes: ['api.finance'], rateLimitPerMinute: 3 }).expect(201);
    const zorg = await ctx.token({ org: 'AGB:12345678', roles: [Role.PROVIDER] });
    const other = await ctx.token({ org: 'AGB:87654321', roles: [Role.PROVIDER] });
    const municipal = await ctx.token({ org: 'GM0546', roles: [Role.FINANCE_CONTROLLER], municipalities: ['GM0546'] });
    const call = (token: string) => gateway.http.get('/api/finance/v1/whoami').set('Authorization', `Bearer ${token}`);
    for (let i = 0; i < 3; i++) await call(zorg).expect(200);
    const limited = await call(zorg).expect(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.headers['retry-after']).toBe('20');
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', limitPerMinute: 3, retryAfterSeconds: 20 });
    // Another partner (unregistered: the default limit) and municipal staff are not held by it.
    await call(other).expect(200);
    for (let i = 0; i < 5; i++) await call(municipal).expect(200);
    now += 20_000;
    await call(zorg).expect(200);
    await call(zorg).expect(429);

    await gateway.http
      .put('/api/gateway/v1/partners/AGB:12345678')
      .set('Authorization', `Bearer ${admin}`)
      .set('If-Match', 'W/"1"')
      .send({ name: 'Zorg BV', scopes: ['api.finance'], active: false, rateLimitPerMinute: 3 })
      .expect(200);
    now += 60_000;
    const inactive = await call(zorg).expect(403);
    expect(inactive.body.code).toBe('PARTNER_INACTIVE');
  });

  it('should answer CORS for the configured origins only', async () => {
    const preflight = await gateway.http
      .options('/api/finance/v1/whoami')
      .set('Origin', 'https://portal.example.nl')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://portal.example.nl');
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(preflight.headers.vary).toMatch(/Origin/);
    const refused = await gateway.http.options('/api/finance/v1/whoami').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET').expect(403);
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const token = await ctx.token({ org: 'GM0546', roles: [Role.FINANCE_CONTROLLER], municipalities: ['GM0546'] });
    const proxied = await gateway.http.get('/api/finance/v1/whoami').set('Origin', 'http://localhost:4200').set('Authorization', `Bearer ${token}`).expect(200);
    expect(proxied.headers['access-control-allow-origin']).toBe('http://localhost:4200');
    expect(proxied.headers['access-control-expose-headers']).toMatch(/Retry-After/);
    const own = await gateway.http.get('/api/gateway/health/live').set('Origin', 'https://portal.example.nl').expect(200);
    expect(own.headers['access-control-allow-origin']).toBe('https://portal.example.nl');
    const foreign = await gateway.http.get('/api/finance/v1/whoami').set('Origin', 'https://evil.example').set('Authorization', `Bearer ${token}`).expect(200);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect(() => edgeConfigFromEnv({ VANGNET_CORS_ORIGINS: 'https://portal.example.nl/app' })).toThrow(/VANGNET_CORS_ORIGINS/);
    expect(() => edgeConfigFromEnv({ VANGNET_GATEWAY_BODY_LIMIT: 'lots' })).toThrow(/VANGNET_GATEWAY_BODY_LIMIT/);
  });

  it('should count what it proxies per service: requests, errors, upstream latency, refusals; no path, organisation or person in a label', async () => {
    await gateway.http.get('/api/access/v1/persons?bsn=123456782').expect(502);
    await gateway.http.get('/api/finance/metrics').expect(404);
    const text = (await gateway.http.get('/api/gateway/metrics').expect(200)).text;
    expect(text).toMatch(/vangnet_gateway_requests_total\{service="finance",method="GET",status="200"[^}]*\} [1-9]/);
    expect(text).toMatch(/vangnet_gateway_requests_total\{service="finance",method="POST",status="200"[^}]*\} [1-9]/);
    expect(text).toMatch(/vangnet_gateway_upstream_errors_total\{service="access",kind="unreachable"[^}]*\} 1/);
    expect(text).toMatch(/vangnet_gateway_upstream_duration_seconds_count\{service="finance",method="GET"[^}]*\} [1-9]/);
    expect(text).toMatch(/vangnet_gateway_refused_total\{service="finance",reason="rate_limited"[^}]*\} [1-9]/);
    expect(text).toMatch(/vangnet_gateway_refused_total\{service="finance",reason="body_too_large"[^}]*\} [1-9]/);
    expect(text).toMatch(/vangnet_gateway_refused_total\{service="finance",reason="internal_only"[^}]*\} 1/);
    const gatewayLines = text.split('\n').filter((l) => l.startsWith('vangnet_gateway_'));
    expect(gatewayLines.join('\n')).not.toMatch(/AGB:|GM0546|123456782|\/v1\/|whoami/);
  });
});
