import { readdirSync } from 'fs';
import { join } from 'path';
import { RunningPlatform, SERVICES } from './platform';

// Every service's loader in tools/demo (NN-<service>.mjs), in the order the launcher runs them.
const DEMO_LOADERS = readdirSync(join(__dirname, '..', '..', 'tools', 'demo'))
  .filter((f) => /^\d+-[\w-]+\.mjs$/.test(f))
  .sort();

describe('the platform as npm start runs it, demo data included', () => {
  let platform: RunningPlatform;

  beforeAll(async () => {
    platform = await RunningPlatform.start({ demo: true });
  }, 200_000);

  afterAll(() => platform?.stop());

  it.each(SERVICES)('should have %s ready behind the gateway, with metrics and OpenAPI on its own port', async (service) => {
    const ready = await platform.request('GET', `/api/${service}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body.info).toMatchObject({ database: { status: 'up' }, nats: { status: 'up' } });
    const metrics = await platform.direct(service, 'GET', `/api/${service}/metrics`);
    expect(metrics.body).toContain('vangnet_http_request_duration_seconds');
    const docs = await platform.direct(service, 'GET', `/api/${service}/docs-json`);
    expect(docs.status).toBe(200);
    expect(docs.body.openapi).toMatch(/^3\./);
    // Towards the outside the gateway serves neither (ARCHITECTURE §5).
    if (service !== 'gateway') {
      expect((await platform.request('GET', `/api/${service}/metrics`)).status).toBe(404);
      expect((await platform.request('GET', `/api/${service}/docs-json`)).status).toBe(404);
    }
  });

  it('should serve one API catalogue and the event catalogue at the gateway, for partners', async () => {
    const catalogue = await platform.request('GET', '/api/docs/openapi.json');
    expect(catalogue.status).toBe(200);
    expect(catalogue.body.info['x-unavailable']).toBeUndefined();
    expect(catalogue.body.tags.map((t: { name: string }) => t.name).sort()).toEqual([...SERVICES].sort());
    expect(catalogue.body.paths['/api/procurement/v1/providers'].get.operationId).toBe('procurement_Providers_list');
    const index = await platform.request('GET', '/api/docs/index.json');
    expect(index.body.services.find((s: { service: string }) => s.service === 'access').operations).toBeGreaterThan(30);
    // Each service's own document too, as the service serves it, listed in the index.
    expect(index.body.services.map((s: { document: string }) => s.document)).toEqual([...SERVICES].sort().map((s) => `/api/docs/${s}.json`));
    for (const service of SERVICES) {
      const own = await platform.request('GET', `/api/docs/${service}.json`);
      expect({ service, status: own.status }).toEqual({ service, status: 200 });
      expect(own.body).toEqual((await platform.direct(service, 'GET', `/api/${service}/docs-json`)).body);
    }
    expect((await platform.request('GET', '/api/docs/payroll.json')).status).toBe(404);
    const ui = await fetch(`${platform.gateway}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
    const events = await platform.request('GET', '/api/docs/events');
    expect(events.status).toBe(200);
    expect(events.body.asyncapi).toMatch(/^3\./);
    expect(Object.keys(events.body.channels).length).toBeGreaterThan(30);
  });

  it('should have loaded every service’s demo data through the public APIs', () => {
    const lines = platform.output().split('\n').filter((l) => l.includes('demo data'));
    expect(DEMO_LOADERS.length).toBeGreaterThanOrEqual(5);
    expect(lines.map((l) => /demo data (\S+?):/.exec(l)?.[1])).toEqual(DEMO_LOADERS);
  });

  it('should answer without a token with a 401 problem, and accept the development issuer’s tokens', async () => {
    const anonymous = await platform.request('GET', '/api/procurement/v1/providers');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const token = await platform.token({ org: 'GM0546', roles: ['procurement.contract-manager'], municipalities: ['GM0546'] });
    await expect(platform.request('GET', '/api/procurement/v1/providers', { token })).resolves.toMatchObject({ status: 200 });
    const auditor = await platform.token({ org: 'GM0546', roles: ['auditor'], municipalities: ['GM0546'] });
    await expect(platform.request('GET', '/api/access/v1/processing-log?bsn=999990019', { token: auditor })).resolves.toMatchObject({ status: 200, body: { items: [] } });
  });
});
