import { Body, Controller, Get, Headers, HttpCode, Module, Post, Req } from '@nestjs/common';
import { Public } from '@vangnet/auth';
import { PlatformModule } from '@vangnet/platform';
import { TestContext, TestService } from '@vangnet/testing';
import type { Request } from 'express';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AppModule } from '../src/app.module';
import { GATEWAY_OPTIONS } from '../src/gateway.app';
import { canonicalPath, isInternalOnly } from '../src/proxy/proxy';
import { raw } from './raw-request';

@Controller('v1/echo')
@Public()
class EchoController {
  @Get()
  headers(@Headers() headers: Record<string, string>, @Req() req: Request) {
    return { headers, url: req.url, remotePort: req.socket.remotePort };
  }

  @Post()
  @HttpCode(200)
  body(@Body() body: unknown, @Headers('content-length') length: string) {
    return { body, length };
  }
}

@Module({ imports: [PlatformModule.forService({ service: 'finance' })], controllers: [EchoController] })
class EchoServiceModule {}

describe('gateway proxy', () => {
  let ctx: TestContext;
  let gateway: TestService;
  let service: TestService;
  let dataDir: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    dataDir = mkdtempSync(join(tmpdir(), 'vangnet-gw-proxy-'));
    service = await ctx.start(EchoServiceModule, { service: 'finance' }, { VANGNET_OPENAPI: 'true' });
    gateway = await ctx.start(AppModule, GATEWAY_OPTIONS, { VANGNET_DEV_IDP: 'true', VANGNET_DATA_DIR: dataDir, VANGNET_FINANCE_URL: service.url, VANGNET_ACCESS_URL: 'http://127.0.0.1:9' });
  });

  afterAll(async () => {
    await ctx.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should keep a service’s metrics and OpenAPI pages inside the cluster, however the path is spelled', async () => {
    // Reachable on the service's own port...
    await service.http.get('/api/finance/metrics').expect(200);
    await service.http.get('/api/finance/docs-json').expect(200);
    // ...not through the gateway.
    for (const path of [
      '/api/finance/metrics',
      '/api/finance/metrics?x=1',
      '/api/finance/metrics/',
      '/api/finance/METRICS',
      '/api/finance//metrics',
      '/api/finance/v1/../metrics',
      '/api/finance/%6detrics',
      '/api/finance/%252e%252e/finance/metrics',
      '/api/finance/docs',
      '/api/finance/docs/',
      '/api/finance/docs-json',
      '/api/finance/docs/swagger-ui-init.js',
      '/api/finance/Docs-JSON',
    ]) {
      const res = await raw(gateway.url, 'GET', path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).not.toMatch(/vangnet_http_request_duration|openapi/);
    }
    // Health stays reachable (the probes of an outside load balancer use it).
    await gateway.http.get('/api/finance/health/live').expect(200);
  });

  it('should decide what is internal on the path a service would route', () => {
    expect(canonicalPath('/api/finance/x/%2e%2e/Metrics/')).toBe('/api/finance/metrics');
    expect(isInternalOnly('/api/finance', '/api/finance/v1/metrics-report')).toBe(false);
    expect(isInternalOnly('/api/finance', '/api/finance/v1/payment-batches')).toBe(false);
    expect(isInternalOnly('/api/finance', '/api/finance/../access/v1/x')).toBe(true);
    expect(isInternalOnly('/api/finance', '/api/finance/docs-yaml')).toBe(true);
  });

  it('should forward the trace context and X-Forwarded-*, and drop hop-by-hop headers', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const res = await gateway.http
      .get('/api/finance/v1/echo?q=1')
      .set('traceparent', traceparent)
      .set('tracestate', 'vendor=abc')
      .set('Connection', 'keep-alive, x-secret-hop')
      .set('X-Secret-Hop', 'drop me')
      .set('Keep-Alive', 'timeout=5')
      .set('X-Correlation-Id', 'corr-1')
      .expect(200);
    const h = res.body.headers as Record<string, string>;
    expect(h.traceparent).toBe(traceparent);
    expect(h.tracestate).toBe('vendor=abc');
    expect(h['x-correlation-id']).toBe('corr-1');
    expect(h['x-forwarded-for']).toMatch(/127\.0\.0\.1/);
    expect(h['x-forwarded-proto']).toBe('http');
    expect(h['x-forwarded-host']).toBeDefined();
    expect(h['x-secret-hop']).toBeUndefined();
    expect(h['keep-alive']).toBeUndefined();
    expect(res.body.url).toBe('/api/finance/v1/echo?q=1');
    const minted = await gateway.http.get('/api/finance/v1/echo').expect(200);
    expect(minted.body.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should reuse a kept-alive connection to the service', async () => {
    const a = await gateway.http.get('/api/finance/v1/echo').expect(200);
    const b = await gateway.http.get('/api/finance/v1/echo').expect(200);
    expect(b.body.remotePort).toBe(a.body.remotePort);
  });

  it('should keep a flat set of kept-alive upstream connections under concurrent load', async () => {
    const token = await ctx.token({ org: 'GM0546', roles: ['auditor'], municipalities: ['GM0546'] });
    const ports = new Set<number>();
    // 8 in flight, 80 requests, with a municipality's token (the edge passes a known one on at once).
    for (let round = 0; round < 10; round++) {
      const answers = await Promise.all(Array.from({ length: 8 }, () => gateway.http.get('/api/finance/v1/echo').set('Authorization', `Bearer ${token}`).expect(200)));
      for (const a of answers) {
        // What the gateway asked of the service (the test client itself closes its own connections).
        expect(a.body.headers.connection).toBe('keep-alive');
        ports.add(a.body.remotePort);
      }
    }
    expect(ports.size).toBeLessThanOrEqual(8);
  });

  it('should stream a body through, chunked or with its length', async () => {
    const body = { lines: Array.from({ length: 2000 }, (_, i) => ({ i, text: 'x'.repeat(20) })) };
    const sized = await gateway.http.post('/api/finance/v1/echo').send(body).expect(200);
    expect(sized.body.body).toEqual(body);
    const chunked = await raw(gateway.url, 'POST', '/api/finance/v1/echo', { 'content-type': 'application/json' }, [JSON.stringify(body).slice(0, 1000), JSON.stringify(body).slice(1000)]);
    expect(chunked.status).toBe(200);
    expect(JSON.parse(chunked.body).body).toEqual(body);
  });
});
