import { Role } from '@vangnet/contracts';
import { prefixed } from '@vangnet/messaging';
import { Clock, DEMO_REGION } from '@vangnet/platform';
import { expectSchemaMatchesEntities, publishEvent, TestContext, TestService, waitFor } from '@vangnet/testing';
import { randomUUID } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { createServer, IncomingHttpHeaders, Server } from 'http';
import { AddressInfo } from 'net';
import { DataSource } from 'typeorm';
import { tmpdir } from 'os';
import { join } from 'path';
import { AppModule } from '../src/app.module';
import { GATEWAY_OPTIONS } from '../src/gateway.app';
import { WebhookDispatcher } from '../src/webhooks/webhooks.dispatcher';
import { verifySignature } from '../src/webhooks/webhooks.rules';

const PROVIDER_A = '11111111';
const PROVIDER_B = '22222222';
const CORPORATION = '33333333';
const GRANTED = 'access.provision.granted.v1';
const CHANGED = 'access.provision.changed.v1';
const ENDED = 'access.provision.ended.v1';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A partner's webhook receiver on a local port: up (204), down (port closed), or hanging (never answers). */
class Receiver {
  readonly received: Received[] = [];
  hang = false;
  private server?: Server;
  port = 0;

  async up(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.hang && req.url?.startsWith('/slow')) return; // never answers
        const status = req.url?.startsWith('/fail') ? 503 : 204;
        this.received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  at(path: string): Array<Received & { event: { id: string; type: string; subject: string; data: Record<string, unknown> } }> {
    return this.received.filter((r) => r.path === path).map((r) => ({ ...r, event: JSON.parse(r.body) }));
  }
}

describe('gateway webhooks', () => {
  let ctx: TestContext;
  let gateway: TestService;
  let dataDir: string;
  let admin: string;
  let providerA: string;
  let providerB: string;
  let corporation: string;
  const receiver = new Receiver();
  const env = () => ({ VANGNET_DATA_DIR: dataDir, VANGNET_WEBHOOKS_DEVELOPMENT: 'true', VANGNET_WEBHOOKS_DISPATCH_INTERVAL_MS: '0', VANGNET_WEBHOOKS_TIMEOUT_MS: '3000' });

  beforeAll(async () => {
    ctx = await TestContext.create();
    dataDir = mkdtempSync(join(tmpdir(), 'vangnet-gw-webhooks-'));
    gateway = await ctx.start(AppModule, GATEWAY_OPTIONS, env());
    await receiver.up();
    admin = await ctx.token({ sub: 'rita', org: 'GM0546', roles: [Role.REGION_ADMINISTRATOR], municipalities: [...DEMO_REGION.municipalities] });
    const register = (org: string, scopes: string[]) =>
      gateway.http.post('/api/gateway/v1/partners').set('Authorization', `Bearer ${admin}`).send({ org, name: org, scopes }).expect(201);
    await register(`AGB:${PROVIDER_A}`, ['webhooks.assignments', 'webhooks.declarations']);
    await register(`AGB:${PROVIDER_B}`, ['webhooks.assignments']);
    await register(`CORP:${CORPORATION}`, ['webhooks.nominations']);
    providerA = await ctx.token({ org: `AGB:${PROVIDER_A}`, roles: [Role.PROVIDER] });
    providerB = await ctx.token({ org: `AGB:${PROVIDER_B}`, roles: [Role.PROVIDER] });
    corporation = await ctx.token({ org: `CORP:${CORPORATION}`, roles: [Role.CORPORATION] });
  });

  afterAll(async () => {
    await ctx.close();
    await receiver.down();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const subscribe = (token: string, body: object) => gateway.http.post('/api/gateway/v1/webhooks/subscriptions').set('Authorization', `Bearer ${token}`).send(body);
  const deliveries = async (token: string, id: string, status?: string) =>
    (await gateway.http.get(`/api/gateway/v1/webhooks/subscriptions/${id}/deliveries`).query(status ? { status, limit: 500 } : { limit: 500 }).set('Authorization', `Bearer ${token}`).expect(200)).body
      .items as Array<{ id: string; eventId: string; status: string; attempts: number; lastStatusCode: number | null }>;
  const PSEUDONYM = 'ab'.repeat(32);
  const grant = (type: string, lineageId: string, providerAgb: string) =>
    publishEvent(ctx, type, { provisionId: randomUUID(), lineageId, providerAgb, personId: randomUUID(), personPseudonym: PSEUDONYM, responsibleMunicipality: 'GM0546', endDate: '2027-12-31' }, { municipality: 'GM0546' });

  it('should have a schema that matches its entities', async () => {
    await expectSchemaMatchesEntities(gateway);
  });

  it('should deliver every event once, in order, signed, after the receiver was down 10 minutes and the gateway restarted; never another provider’s', async () => {
    const subA = await subscribe(providerA, { url: receiver.url('/a'), eventTypes: [GRANTED, CHANGED, ENDED] }).expect(201);
    expect(subA.body.secret).toMatch(/^whsec_/);
    expect(subA.headers['cache-control']).toBe('no-store');
    const subB = await subscribe(providerB, { url: receiver.url('/b'), eventTypes: [GRANTED, CHANGED] }).expect(201);
    const again = await gateway.http.get(`/api/gateway/v1/webhooks/subscriptions/${subA.body.id}`).set('Authorization', `Bearer ${providerA}`).expect(200);
    expect(again.body.secret).toBeUndefined();

    await receiver.down();
    let clock = gateway.app.get(Clock);
    let elapsed = 0;
    const advance = async (ms: number) => {
      clock.advance(ms);
      elapsed += ms;
      await gateway.app.get(WebhookDispatcher).settle();
    };

    const l1 = randomUUID();
    const l2 = randomUUID();
    const l3 = randomUUID();
    const sent = [await grant(GRANTED, l1, PROVIDER_A), await grant(GRANTED, l2, PROVIDER_B), await grant(CHANGED, l1, PROVIDER_A), await grant(GRANTED, l3, PROVIDER_A), await grant(ENDED, l1, PROVIDER_A)];
    await waitFor(async () => (await deliveries(providerA, subA.body.id)).length === 4, 10_000, 'A’s four deliveries stored');
    await waitFor(async () => (await deliveries(providerB, subB.body.id)).length === 1, 10_000, 'B’s delivery stored');

    // Down for five minutes: only the first of each subject is tried (the next waits for it).
    for (let t = 0; t < 10; t++) await advance(30_000);
    const trying = await deliveries(providerA, subA.body.id);
    const byEvent = new Map(trying.map((d) => [d.eventId, d]));
    expect(byEvent.get(sent[0].id)!.attempts).toBeGreaterThan(3);
    expect(byEvent.get(sent[3].id)!.attempts).toBeGreaterThan(3);
    expect(byEvent.get(sent[2].id)!.attempts).toBe(0);
    expect(byEvent.get(sent[4].id)!.attempts).toBe(0);
    expect(trying.every((d) => d.status === 'PENDING')).toBe(true);

    // The gateway restarts; events published meanwhile wait in JetStream.
    await gateway.close();
    sent.push(await grant(CHANGED, l3, PROVIDER_A), await grant(CHANGED, l2, PROVIDER_B));
    gateway = await ctx.start(AppModule, GATEWAY_OPTIONS, env());
    clock = gateway.app.get(Clock);
    clock.advance(elapsed);
    await waitFor(async () => (await deliveries(providerA, subA.body.id)).length === 5, 10_000, 'A’s delivery published during the restart');
    for (let t = 0; t < 10; t++) await advance(30_000);
    expect(receiver.received).toHaveLength(0);

    // Ten minutes on, the receiver is back: the next attempt delivers, and each subject continues in order.
    await receiver.up();
    for (let t = 0; t < 40 && receiver.at('/a').length + receiver.at('/b').length < 7; t++) await advance(30_000);

    const a = receiver.at('/a');
    const expectedA = [sent[0], sent[2], sent[3], sent[4], sent[5]].map((e) => e.id);
    expect(a.map((r) => r.event.id).sort()).toEqual([...expectedA].sort());
    const order = (lineage: string) => a.filter((r) => r.event.subject === `provisions/${lineage}`).map((r) => r.event.id);
    expect(order(l1)).toEqual([sent[0].id, sent[2].id, sent[4].id]);
    expect(order(l3)).toEqual([sent[3].id, sent[5].id]);
    for (const r of a) {
      expect(r.headers['content-type']).toBe('application/cloudevents+json');
      expect(r.headers['webhook-id']).toBe(r.event.id);
      expect(verifySignature(subA.body.secret, r.headers['webhook-signature'] as string, r.headers['webhook-timestamp'] as string, r.body, Number(r.headers['webhook-timestamp']))).toBe(true);
      expect(verifySignature(subB.body.secret, r.headers['webhook-signature'] as string, r.headers['webhook-timestamp'] as string, r.body, Number(r.headers['webhook-timestamp']))).toBe(false);
      expect(Object.keys(r.event).sort()).toEqual(['data', 'datacontenttype', 'id', 'source', 'specversion', 'subject', 'time', 'type']);
      expect(r.event.data.providerAgb).toBe(PROVIDER_A);
      expect(r.event.data.personId).toEqual(expect.any(String));
      expect(r.event.data).not.toHaveProperty('personPseudonym');
    }
    // Each delivered event about a resident is in the processing log, as read by the provider.
    const logged: Array<{ actor_org: string; resource_id: string }> = await gateway.app
      .get(DataSource)
      .query(`SELECT actor_org, resource_id FROM processing_log WHERE subject_pseudonym = $1 AND actor_org = $2`, [PSEUDONYM, `AGB:${PROVIDER_A}`]);
    expect(logged.map((l) => l.resource_id).sort()).toEqual([...expectedA].sort());
    expect(a[0].event).toMatchObject({ specversion: '1.0', source: 'urn:vangnet:access', datacontenttype: 'application/json' });

    const b = receiver.at('/b');
    expect(b.map((r) => r.event.id)).toEqual([sent[1].id, sent[6].id]);

    // The log pages by cursor without losing or repeating a delivery.
    const page1 = await gateway.http.get(`/api/gateway/v1/webhooks/subscriptions/${subA.body.id}/deliveries`).query({ limit: 3 }).set('Authorization', `Bearer ${providerA}`).expect(200);
    const page2 = await gateway.http.get(`/api/gateway/v1/webhooks/subscriptions/${subA.body.id}/deliveries`).query({ limit: 3, cursor: page1.body.nextCursor }).set('Authorization', `Bearer ${providerA}`).expect(200);
    expect(page2.body.nextCursor).toBeNull();
    expect([...page1.body.items, ...page2.body.items].map((d: { eventId: string }) => d.eventId).sort()).toEqual([...expectedA].sort());
    await gateway.http.get(`/api/gateway/v1/webhooks/subscriptions/${subA.body.id}/deliveries`).query({ cursor: 'bm9wZQ' }).set('Authorization', `Bearer ${providerA}`).expect(400);

    // The log: every delivery delivered, the first with its failed attempts before.
    const log = await deliveries(providerA, subA.body.id);
    expect(log.map((d) => d.status)).toEqual(['DELIVERED', 'DELIVERED', 'DELIVERED', 'DELIVERED', 'DELIVERED']);
    const first = log.find((d) => d.eventId === sent[0].id)!;
    const detail = await gateway.http.get(`/api/gateway/v1/webhooks/subscriptions/${subA.body.id}/deliveries/${first.id}`).set('Authorization', `Bearer ${providerA}`).expect(200);
    expect(detail.body.log.length).toBeGreaterThan(5);
    expect(detail.body.log.slice(0, -1).every((x: { outcome: string }) => x.outcome === 'NETWORK_ERROR')).toBe(true);
    expect(detail.body.log.at(-1)).toMatchObject({ outcome: 'DELIVERED', statusCode: 204 });
    expect(JSON.stringify(detail.body)).not.toContain('providerAgb');

    // Re-send: the same event id again, logged as one more attempt.
    await gateway.http.post(`/api/gateway/v1/webhooks/subscriptions/${subA.body.id}/deliveries/${first.id}/resend`).set('Authorization', `Bearer ${providerA}`).expect(202);
    await gateway.app.get(WebhookDispatcher).settle();
    expect(receiver.at('/a').filter((r) => r.event.id === sent[0].id)).toHaveLength(2);

    // Metrics without personal or per-partner labels.
    const metrics = (await gateway.http.get('/api/gateway/metrics').expect(200)).text;
    expect(metrics).toMatch(/vangnet_webhook_attempts_total\{[^}]*outcome="DELIVERED"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/vangnet_webhook_deliveries\{[^}]*status="PENDING"[^}]*\} \d+/);
    expect(metrics).not.toContain(PROVIDER_A);

    // After the retention, finished deliveries and their attempts go (bodies hold personal data).
    clock.advance(31 * 86_400_000);
    await expect(gateway.app.get(WebhookDispatcher).prune()).resolves.toBeGreaterThanOrEqual(5);
    expect(await deliveries(providerA, subA.body.id)).toEqual([]);
    expect(await gateway.app.get(DataSource).query('SELECT 1 FROM webhook_attempt WHERE delivery_id = $1', [first.id])).toEqual([]);

    // Another provider sees neither the subscription nor its log.
    await gateway.http.get(`/api/gateway/v1/webhooks/subscriptions/${subA.body.id}`).set('Authorization', `Bearer ${providerB}`).expect(404);
    await gateway.http.get(`/api/gateway/v1/webhooks/subscriptions/${subA.body.id}/deliveries`).set('Authorization', `Bearer ${providerB}`).expect(404);
    await gateway.http.post(`/api/gateway/v1/webhooks/subscriptions/${subA.body.id}/deliveries/${first.id}/resend`).set('Authorization', `Bearer ${providerB}`).expect(404);

    await gateway.http.delete(`/api/gateway/v1/webhooks/subscriptions/${subA.body.id}`).set('Authorization', `Bearer ${providerA}`).expect(204);
    await gateway.http.delete(`/api/gateway/v1/webhooks/subscriptions/${subB.body.id}`).set('Authorization', `Bearer ${providerB}`).expect(204);
  });

  it('should mark a delivery failed after 24 hours of retries, let its subject go on, and re-send it on request', async () => {
    const sub = await subscribe(providerA, { url: receiver.url('/fail-day'), eventTypes: [GRANTED, CHANGED] }).expect(201);
    const lineage = randomUUID();
    const first = await grant(GRANTED, lineage, PROVIDER_A);
    const second = await grant(CHANGED, lineage, PROVIDER_A);
    await waitFor(async () => (await deliveries(providerA, sub.body.id)).length === 2, 10_000, 'both stored');
    const dispatcher = gateway.app.get(WebhookDispatcher);
    const clock = gateway.app.get(Clock);
    await dispatcher.settle();
    for (let h = 0; h < 23; h++) {
      clock.advance(3_600_000);
      await dispatcher.settle();
    }
    const tries = (id: string) => receiver.at('/fail-day').filter((r) => r.event.id === id).length;
    expect((await deliveries(providerA, sub.body.id, 'FAILED')).length).toBe(0);
    expect(tries(second.id)).toBe(0);
    clock.advance(3_600_000);
    await dispatcher.settle();
    clock.advance(3_600_000);
    await dispatcher.settle();
    const failed = await deliveries(providerA, sub.body.id, 'FAILED');
    expect(failed.map((d) => d.eventId)).toEqual([first.id]);
    expect(failed[0].attempts).toBe(tries(first.id));
    expect(failed[0].attempts).toBeGreaterThan(20);
    expect(failed[0].lastStatusCode).toBe(503);
    // The next event of the subject is no longer held up by it.
    expect(tries(second.id)).toBeGreaterThan(0);
    const view = await gateway.http.get(`/api/gateway/v1/webhooks/subscriptions/${sub.body.id}`).set('Authorization', `Bearer ${providerA}`).expect(200);
    expect(view.body.deliveries).toMatchObject({ failed: 1, pending: 1 });
    const resent = await gateway.http.post(`/api/gateway/v1/webhooks/subscriptions/${sub.body.id}/deliveries/${failed[0].id}/resend`).set('Authorization', `Bearer ${providerA}`).expect(202);
    expect(resent.body).toMatchObject({ status: 'PENDING', attempts: failed[0].attempts });
    await dispatcher.settle();
    expect(tries(first.id)).toBe(failed[0].attempts + 1);
    await gateway.http.delete(`/api/gateway/v1/webhooks/subscriptions/${sub.body.id}`).set('Authorization', `Bearer ${providerA}`).expect(204);
  });

  it('should start at the creation, or at the replay date asked for', async () => {
    const before = randomUUID();
    const old = await grant(GRANTED, before, PROVIDER_A);
    await new Promise((r) => setTimeout(r, 20));
    const fresh = await subscribe(providerA, { url: receiver.url('/fresh'), eventTypes: [GRANTED] }).expect(201);
    const replay = await subscribe(providerA, { url: receiver.url('/replay'), eventTypes: [GRANTED], replayFrom: new Date(Date.parse(old.time) - 1000).toISOString() }).expect(201);
    const after = await grant(GRANTED, randomUUID(), PROVIDER_A);
    // The same event once more in the stream (as a redelivery after a crash before the ack would be): stored and sent once.
    await ctx.nc.jetstream().publish(prefixed(GRANTED), Buffer.from(JSON.stringify(after)), { msgID: randomUUID() });
    await waitFor(async () => {
      await gateway.app.get(WebhookDispatcher).settle();
      return receiver.at('/replay').length >= 2 && receiver.at('/fresh').length >= 1;
    }, 10_000, 'deliveries');
    await new Promise((r) => setTimeout(r, 300));
    await gateway.app.get(WebhookDispatcher).settle();
    // (Other tests' events of the second before may be replayed too: only this test's are counted.)
    const ours = (path: string) => receiver.at(path).filter((r) => [old.id, after.id].includes(r.event.id)).map((r) => r.event.id);
    expect(ours('/replay').sort()).toEqual([old.id, after.id].sort()); // two subjects: no order between them
    expect(receiver.at('/fresh').map((r) => r.event.id)).toEqual([after.id]);
    for (const s of [fresh, replay]) await gateway.http.delete(`/api/gateway/v1/webhooks/subscriptions/${s.body.id}`).set('Authorization', `Bearer ${providerA}`).expect(204);
  });

  it('should not let a receiver that never answers hold up other subscribers or the API', async () => {
    receiver.hang = true;
    try {
      const slow = await subscribe(providerA, { url: receiver.url('/slow'), eventTypes: [GRANTED] }).expect(201);
      const quick = await subscribe(providerA, { url: receiver.url('/quick'), eventTypes: [GRANTED] }).expect(201);
      const events = [];
      for (let i = 0; i < 6; i++) events.push(await grant(GRANTED, randomUUID(), PROVIDER_A));
      await waitFor(() => receiver.at('/quick').length === 6, 10_000, 'the quick receiver’s deliveries');
      // All delivered while the hanging receiver's requests are still open (none cut off and logged yet).
      expect((await deliveries(providerA, slow.body.id)).filter((d) => d.attempts > 0)).toEqual([]);
      const api = Date.now();
      await gateway.http.get('/api/gateway/v1/webhooks/subscriptions').set('Authorization', `Bearer ${providerA}`).expect(200);
      expect(Date.now() - api).toBeLessThan(2000);
      // The hanging receiver's requests are cut off at the timeout and logged as such.
      await waitFor(async () => (await deliveries(providerA, slow.body.id)).filter((d) => d.attempts > 0).length === 6, 15_000, 'timeouts logged');
      const d = (await deliveries(providerA, slow.body.id))[0];
      const detail = await gateway.http.get(`/api/gateway/v1/webhooks/subscriptions/${slow.body.id}/deliveries/${d.id}`).set('Authorization', `Bearer ${providerA}`).expect(200);
      expect(detail.body.log[0]).toMatchObject({ outcome: 'TIMEOUT', statusCode: null });
      expect(detail.body.log[0].latencyMs).toBeGreaterThanOrEqual(2900);
      for (const s of [slow, quick]) await gateway.http.delete(`/api/gateway/v1/webhooks/subscriptions/${s.body.id}`).set('Authorization', `Bearer ${providerA}`).expect(204);
    } finally {
      receiver.hang = false;
    }
  });

  it('should give a corporation only its own nominations and a municipality only its own municipalities’ events', async () => {
    const corp = await subscribe(corporation, { url: receiver.url('/corp'), eventTypes: ['housing.nomination.made.v1'] }).expect(201);
    const town = await ctx.token({ org: 'GM0547', roles: [Role.HOUSING_PLACEMENT_OFFICER], municipalities: ['GM0547'] });
    const muni = await subscribe(town, { url: receiver.url('/town'), eventTypes: ['housing.nomination.made.v1', GRANTED] }).expect(201);
    const nomination = (corp: string, municipality: string) =>
      publishEvent(ctx, 'housing.nomination.made.v1', { nominationId: randomUUID(), corporation: corp, municipality, quotaYear: 2027, scheme: 'QUOTA' }, { municipality });
    const mine = await nomination(CORPORATION, 'GM0546');
    const others = await nomination('44444444', 'GM0547');
    await waitFor(async () => {
      await gateway.app.get(WebhookDispatcher).settle();
      return receiver.at('/corp').length >= 1 && receiver.at('/town').length >= 1;
    }, 10_000, 'deliveries');
    await new Promise((r) => setTimeout(r, 300));
    await gateway.app.get(WebhookDispatcher).settle();
    expect(receiver.at('/corp').map((r) => r.event.id)).toEqual([mine.id]);
    expect(receiver.at('/town').map((r) => r.event.id)).toEqual([others.id]);
    for (const [t, s] of [[corporation, corp], [town, muni]] as const) await gateway.http.delete(`/api/gateway/v1/webhooks/subscriptions/${s.body.id}`).set('Authorization', `Bearer ${t}`).expect(204);
  });

  it('should deliver nothing of what a deactivated partner would have received', async () => {
    const sub = await subscribe(providerB, { url: receiver.url('/b-paused'), eventTypes: [GRANTED] }).expect(201);
    const path = `/api/gateway/v1/partners/${encodeURIComponent(`AGB:${PROVIDER_B}`)}`;
    const change = async (active: boolean) => {
      const current = await gateway.http.get(path).set('Authorization', `Bearer ${admin}`).expect(200);
      await gateway.http.put(path).set('Authorization', `Bearer ${admin}`).set('If-Match', current.headers.etag).send({ name: current.body.name, scopes: current.body.scopes, active }).expect(200);
    };
    await change(false);
    const during = await grant(GRANTED, randomUUID(), PROVIDER_B);
    await new Promise((r) => setTimeout(r, 500));
    await change(true);
    const after = await grant(GRANTED, randomUUID(), PROVIDER_B);
    await waitFor(async () => {
      await gateway.app.get(WebhookDispatcher).settle();
      return receiver.at('/b-paused').length >= 1;
    }, 10_000, 'the delivery after reactivation');
    expect(receiver.at('/b-paused').map((r) => r.event.id)).toEqual([after.id]);
    expect(during.id).not.toBe(after.id);
    await gateway.http.delete(`/api/gateway/v1/webhooks/subscriptions/${sub.body.id}`).set('Authorization', `Bearer ${providerB}`).expect(204);
  });

  it('should never send a partner an event about a resident with a safety flag, even one stored before the flag was set', async () => {
    const flag = async (personId: string) => {
      await publishEvent(ctx, 'access.person.safety-flag-changed.v1', { personId, personPseudonym: PSEUDONYM, safetyFlag: true, changedAt: '2027-01-01' }, { municipality: 'GM0546' });
      await waitFor(async () => (await gateway.app.get(DataSource).query('SELECT 1 FROM webhook_safety_flag WHERE person_id = $1 AND flagged', [personId])).length === 1, 10_000, 'the flag');
    };
    const about = (personId: string) =>
      publishEvent(ctx, GRANTED, { provisionId: randomUUID(), lineageId: randomUUID(), providerAgb: PROVIDER_A, personId, personPseudonym: PSEUDONYM, responsibleMunicipality: 'GM0546' }, { municipality: 'GM0546' });
    const flagged = randomUUID();
    await flag(flagged);
    const sub = await subscribe(providerA, { url: receiver.url('/held'), eventTypes: [GRANTED] }).expect(201);
    const failing = await subscribe(providerA, { url: receiver.url('/fail-held'), eventTypes: [GRANTED] }).expect(201);
    const hidden = await about(flagged);
    const shown = await about(randomUUID());
    await waitFor(async () => {
      await gateway.app.get(WebhookDispatcher).settle();
      return receiver.at('/held').length >= 1;
    }, 10_000, 'the unflagged resident’s delivery');
    expect(receiver.at('/held').map((r) => r.event.id)).toEqual([shown.id]);
    expect(receiver.at('/fail-held').map((r) => r.event.id)).not.toContain(hidden.id);

    // Stored and tried while the receiver failed; the flag is set before the next attempt: held, never sent again.
    const later = randomUUID();
    const event = await about(later);
    await waitFor(async () => {
      await gateway.app.get(WebhookDispatcher).settle();
      return receiver.at('/fail-held').some((r) => r.event.id === event.id);
    }, 10_000, 'a first failed attempt');
    await flag(later);
    const triesOf = () => receiver.at('/fail-held').filter((r) => r.event.id === event.id).length;
    const tried = triesOf();
    gateway.app.get(Clock).advance(60_000);
    await gateway.app.get(WebhookDispatcher).settle();
    expect(triesOf()).toBe(tried);
    expect(receiver.at('/fail-held').length).toBeGreaterThan(tried + 1); // the other delivery was tried again meanwhile
    const held: Array<{ status: string }> = await gateway.app.get(DataSource).query('SELECT status FROM webhook_delivery WHERE event_id = $1 AND subscription_id = $2', [event.id, failing.body.id]);
    expect(held).toEqual([{ status: 'HELD' }]);
    expect((await deliveries(providerA, failing.body.id)).map((d) => d.eventId)).not.toContain(event.id);
    for (const s of [sub, failing]) await gateway.http.delete(`/api/gateway/v1/webhooks/subscriptions/${s.body.id}`).set('Authorization', `Bearer ${providerA}`).expect(204);
  });

  it('should list the event types each subscriber may ask for', async () => {
    const types = async (token: string) =>
      ((await gateway.http.get('/api/gateway/v1/webhooks/event-types').set('Authorization', `Bearer ${token}`).expect(200)).body.items as Array<{ type: string }>).map((t) => t.type);
    expect(await types(providerA)).toEqual([GRANTED, CHANGED, ENDED, 'exchange.declaration.received.v1', 'finance.declaration.assessed.v1']);
    expect(await types(providerB)).toEqual([GRANTED, CHANGED, ENDED]);
    expect(await types(corporation)).toEqual(['housing.nomination.made.v1', 'housing.nomination.answered.v1']);
    await gateway.http.get('/api/gateway/v1/webhooks/event-types').expect(401);
  });

  it('should give a token without its kind’s role no webhooks at all', async () => {
    const roleless = await ctx.token({ org: `CORP:${CORPORATION}`, roles: [] });
    for (const path of ['/api/gateway/v1/webhooks/subscriptions', '/api/gateway/v1/webhooks/event-types']) {
      const res = await gateway.http.get(path).set('Authorization', `Bearer ${roleless}`).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    await subscribe(roleless, { url: 'https://hooks.example.org/in', eventTypes: ['housing.nomination.made.v1'] }).expect(403);
  });

  it('should refuse bad input as a 4xx problem naming the field', async () => {
    const problem = async (token: string, body: object, status: number, name: string, code: string, http = gateway, topCode = code) => {
      const res = await http.http.post('/api/gateway/v1/webhooks/subscriptions').set('Authorization', `Bearer ${token}`).send(body);
      expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status, type: expect.stringMatching(/^application\/problem\+json/) });
      expect({ code: res.body.code, params: res.body.invalidParams }).toEqual({ code: topCode, params: [expect.objectContaining({ name, code })] });
    };
    const url = 'https://partner.example.nl/hooks';
    await problem(providerA, { url, eventTypes: [GRANTED, 'access.nothing.happened.v1'] }, 400, 'eventTypes[1]', 'UNKNOWN_EVENT_TYPE');
    await problem(providerA, { url, eventTypes: ['access.decision.issued.v1'] }, 403, 'eventTypes[0]', 'EVENT_TYPE_NOT_ALLOWED');
    await problem(corporation, { url, eventTypes: [GRANTED] }, 403, 'eventTypes[0]', 'EVENT_TYPE_NOT_ALLOWED');
    await problem(providerB, { url, eventTypes: ['finance.declaration.assessed.v1'] }, 403, 'eventTypes[0]', 'SCOPE_MISSING');
    await problem(providerA, { url, eventTypes: [GRANTED], replayFrom: '2999-01-01T00:00:00Z' }, 400, 'replayFrom', 'REPLAY_IN_FUTURE');
    await problem(providerA, { url: `https://partner.example.nl/${'x'.repeat(2100)}`, eventTypes: [GRANTED] }, 400, 'url', 'INVALID_LENGTH', gateway, 'VALIDATION_FAILED');
    const keyed = await gateway.http.post('/api/gateway/v1/webhooks/subscriptions').set('Authorization', `Bearer ${providerA}`).set('Idempotency-Key', randomUUID()).send({ url, eventTypes: [GRANTED] }).expect(400);
    expect(keyed.body.invalidParams).toEqual([expect.objectContaining({ name: 'Idempotency-Key', code: 'IDEMPOTENCY_NOT_SUPPORTED' })]);
    const unknown = await ctx.token({ org: 'AGB:55555555', roles: [Role.PROVIDER] });
    const unregistered = await subscribe(unknown, { url, eventTypes: [GRANTED] }).expect(403);
    expect(unregistered.body.code).toBe('PARTNER_NOT_REGISTERED');
    const big = await subscribe(providerA, { url, eventTypes: [GRANTED], padding: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(big.headers['content-type']).toMatch(/^application\/problem\+json/);
    await gateway.http.get('/api/gateway/v1/webhooks/subscriptions/not-a-uuid').set('Authorization', `Bearer ${providerA}`).expect(400);
    const limited = await ctx.start(AppModule, GATEWAY_OPTIONS, { ...env(), VANGNET_WEBHOOKS_MAX_SUBSCRIPTIONS: '1' });
    try {
      const corpSub = await limited.http.post('/api/gateway/v1/webhooks/subscriptions').set('Authorization', `Bearer ${corporation}`).send({ url, eventTypes: ['housing.nomination.made.v1'] }).expect(201);
      const over = await limited.http.post('/api/gateway/v1/webhooks/subscriptions').set('Authorization', `Bearer ${corporation}`).send({ url, eventTypes: ['housing.nomination.made.v1'] }).expect(422);
      expect(over.body.code).toBe('TOO_MANY_SUBSCRIPTIONS');
      await limited.http.delete(`/api/gateway/v1/webhooks/subscriptions/${corpSub.body.id}`).set('Authorization', `Bearer ${corporation}`).expect(204);
    } finally {
      await limited.close();
    }

    // Production mode: https only, and no target inside the platform's networks.
    const production = await ctx.start(AppModule, GATEWAY_OPTIONS, { ...env(), VANGNET_WEBHOOKS_DEVELOPMENT: 'false' });
    try {
      await problem(providerA, { url: 'http://partner.example.nl/hooks', eventTypes: [GRANTED] }, 400, 'url', 'HTTPS_REQUIRED', production);
      await problem(providerA, { url: 'https://127.0.0.1:8443/hooks', eventTypes: [GRANTED] }, 400, 'url', 'PRIVATE_TARGET', production);
      await problem(providerA, { url: 'https://10.20.30.40/hooks', eventTypes: [GRANTED] }, 400, 'url', 'PRIVATE_TARGET', production);
      await problem(providerA, { url: 'https://169.254.169.254/latest/meta-data', eventTypes: [GRANTED] }, 400, 'url', 'PRIVATE_TARGET', production);
      await problem(providerA, { url: 'https://localhost/hooks', eventTypes: [GRANTED] }, 400, 'url', 'PRIVATE_TARGET', production);
      await problem(providerA, { url: 'https://[::1]/hooks', eventTypes: [GRANTED] }, 400, 'url', 'PRIVATE_TARGET', production);
    } finally {
      await production.close();
    }
  });
});
