import { Role } from '@vangnet/contracts';
import { DEMO_REGION } from '@vangnet/platform';
import { publishEvent, TestContext, TestService, waitFor } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { AddressInfo, createServer, Server } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { AppModule } from '../src/app.module';
import { GATEWAY_OPTIONS } from '../src/gateway.app';
import { WebhookDispatcher } from '../src/webhooks/webhooks.dispatcher';
import { WebhooksService } from '../src/webhooks/webhooks.service';

const PROVIDER = '11111111';
const GRANTED = 'access.provision.granted.v1';

/**
 * DNS rebinding (issue 18, "a private-range webhook target in production mode"): a name that
 * answers a public address when the gateway checks it and a private one when it connects. A
 * production gateway of its own (its own database), so no development-mode sender takes the
 * delivery.
 */
describe('gateway webhooks against DNS rebinding', () => {
  let ctx: TestContext;
  let gateway: TestService;
  let dataDir: string;
  let inside: Server;
  /** Who connected to the address inside. */
  const connections: string[] = [];

  beforeAll(async () => {
    ctx = await TestContext.create();
    dataDir = mkdtempSync(join(tmpdir(), 'vangnet-gw-rebinding-'));
    // Something inside the platform's network: it only counts who connects.
    inside = createServer((socket) => {
      connections.push(`${socket.remoteAddress}:${socket.remotePort}`);
      socket.destroy();
    });
    await new Promise<void>((resolve) => inside.listen(0, '127.0.0.1', resolve));
    gateway = await ctx.start(AppModule, GATEWAY_OPTIONS, {
      VANGNET_DATA_DIR: dataDir,
      VANGNET_DEV_IDP: 'true',
      VANGNET_WEBHOOKS_DEVELOPMENT: 'false',
      VANGNET_WEBHOOKS_DISPATCH_INTERVAL_MS: '0',
      VANGNET_WEBHOOKS_TIMEOUT_MS: '1000',
    });
  });

  afterAll(async () => {
    await ctx.close();
    await new Promise((resolve) => inside.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should send a delivery to the address it checked, not to the private one the name answers next', async () => {
    // `localhost` is what the system resolver answers for it (loopback): the rebound address. The
    // gateway's resolver answers a public one (TEST-NET-3) to its checks, then the private one.
    const lookups: string[] = [];
    let checks = 0;
    const rebinding = async (host: string) => {
      lookups.push(host);
      return (checks += 1) <= 2 ? ['203.0.113.7'] : ['127.0.0.1'];
    };
    gateway.app.get(WebhooksService).resolver = rebinding;
    gateway.app.get(WebhookDispatcher).resolver = rebinding;

    const admin = await ctx.token({ sub: 'rita', org: 'GM0546', roles: [Role.REGION_ADMINISTRATOR], municipalities: [...DEMO_REGION.municipalities] });
    await gateway.http.post('/api/gateway/v1/partners').set('Authorization', `Bearer ${admin}`).send({ org: `AGB:${PROVIDER}`, name: 'Zorg', scopes: ['webhooks.assignments'] }).expect(201);
    const provider = await ctx.token({ org: `AGB:${PROVIDER}`, roles: [Role.PROVIDER] });
    const port = (inside.address() as AddressInfo).port;
    const sub = await gateway.http
      .post('/api/gateway/v1/webhooks/subscriptions')
      .set('Authorization', `Bearer ${provider}`)
      .send({ url: `https://localhost:${port}/hooks`, eventTypes: [GRANTED] })
      .expect(201);

    await publishEvent(
      ctx,
      GRANTED,
      { provisionId: randomUUID(), lineageId: randomUUID(), providerAgb: PROVIDER, personId: randomUUID(), personPseudonym: 'ab'.repeat(32), responsibleMunicipality: 'GM0546', endDate: '2027-12-31' },
      { municipality: 'GM0546' },
    );
    const deliveries = async () =>
      (await gateway.http.get(`/api/gateway/v1/webhooks/subscriptions/${sub.body.id}/deliveries`).set('Authorization', `Bearer ${provider}`).expect(200)).body.items as Array<{ status: string; attempts: number }>;
    await waitFor(async () => (await deliveries()).length === 1, 10_000, 'the delivery stored');
    await gateway.app.get(WebhookDispatcher).settle();

    // Checked twice (subscribing, sending), each time the public address; the request went there
    // (and found nobody), not to the loopback address the name stood for a moment later.
    expect(lookups).toEqual(['localhost', 'localhost']);
    expect(await deliveries()).toEqual([expect.objectContaining({ status: 'PENDING', attempts: 1 })]);
    expect(connections).toHaveLength(0);
  });
});
