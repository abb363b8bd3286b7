import { Controller, Get, Module, Param } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { Public } from '@vangnet/auth';
import { PlatformModule } from '@vangnet/platform';
import { TestContext, TestService } from '@vangnet/testing';
import { mkdtempSync, rmSync } from 'fs';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { AppModule } from '../src/app.module';
import { GATEWAY_OPTIONS } from '../src/gateway.app';
import { PROXIED_SERVICES } from '../src/proxy/proxy';

@Controller('v1/budgets')
@Public()
class BudgetsController {
  @Get(':year')
  @ApiOkResponse({ description: 'A year’s budget' })
  one(@Param('year') year: string) {
    return { year };
  }
}

@Module({ imports: [PlatformModule.forService({ service: 'finance' })], controllers: [BudgetsController] })
class FinanceModule {}

describe('gateway API catalogue', () => {
  let ctx: TestContext;
  let gateway: TestService;
  let finance: TestService;
  let broken: Server;
  let dataDir: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    dataDir = mkdtempSync(join(tmpdir(), 'vangnet-gw-catalogue-'));
    finance = await ctx.start(FinanceModule, { service: 'finance' }, { VANGNET_OPENAPI: 'true' });
    // A housing service that answers, but not with its document.
    broken = createServer((_req, res) => {
      res.statusCode = 500;
      res.end('boom');
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    // Every other service is down (nothing listens on the discard port).
    const urls = Object.fromEntries(PROXIED_SERVICES.map((s) => [`VANGNET_${s.toUpperCase().replace(/-/g, '_')}_URL`, 'http://127.0.0.1:9']));
    gateway = await ctx.start(AppModule, GATEWAY_OPTIONS, {
      ...urls,
      VANGNET_DEV_IDP: 'true',
      VANGNET_DATA_DIR: dataDir,
      VANGNET_FINANCE_URL: finance.url,
      VANGNET_HOUSING_URL: `http://127.0.0.1:${(broken.address() as AddressInfo).port}`,
    });
  });

  afterAll(async () => {
    await ctx.close();
    await new Promise((resolve) => broken.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should serve each service’s own document as the service serves it', async () => {
    const own = await finance.http.get('/api/finance/docs-json').expect(200);
    const served = await gateway.http.get('/api/docs/finance.json').expect(200);
    expect(served.headers['content-type']).toMatch(/^application\/json/);
    expect(served.body).toEqual(own.body);
    expect(Object.keys(served.body.paths)).toContain('/api/finance/v1/budgets/{year}');
  });

  it('should answer 404 for a service it does not know and 502 naming a service without its document', async () => {
    const unknown = await gateway.http.get('/api/docs/payroll.json').expect(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', detail: expect.stringContaining('payroll') });

    const down = await gateway.http.get('/api/docs/access.json').expect(502);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'access', detail: 'access did not answer for its API document' });

    const wrong = await gateway.http.get('/api/docs/housing.json').expect(502);
    expect(wrong.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'housing', detail: 'housing answered 500 for its API document' });
  });

  it('should list every service’s document in the index and offer them in Swagger UI', async () => {
    const index = await gateway.http.get('/api/docs/index.json').expect(200);
    const services = index.body.services as Array<{ service: string; document: string; operations: number }>;
    expect(services.map((s) => s.service)).toEqual([...PROXIED_SERVICES, 'gateway'].sort());
    for (const s of services) expect(s.document).toBe(`/api/docs/${s.service}.json`);
    const own = (await finance.http.get('/api/finance/docs-json').expect(200)).body as { paths: Record<string, object> };
    const operations = Object.values(own.paths).reduce((n, item) => n + Object.keys(item).length, 0);
    expect(services.find((s) => s.service === 'finance')).toMatchObject({ operations });
    expect(index.body.unavailable).toEqual(expect.arrayContaining(['access', 'housing']));
    expect(index.body.unavailable).not.toContain('finance');

    // The page's options, as Swagger UI reads them: the aggregate first, then each service's own.
    const init = await gateway.http.get('/api/docs/swagger-ui-init.js').expect(200);
    const options = JSON.parse(/let options = (\{[\s\S]*?\n\});/.exec(init.text)?.[1] ?? '{}') as { customOptions: { urls: Array<{ name: string; url: string }>; 'urls.primaryName': string } };
    expect(options.customOptions.urls).toEqual([{ name: 'All services', url: '/api/docs/openapi.json' }, ...services.map((s) => ({ name: s.service, url: s.document }))]);
    expect(options.customOptions['urls.primaryName']).toBe('All services');
  });
});
