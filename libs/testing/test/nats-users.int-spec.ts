import { Logger, Module } from '@nestjs/common';
import { PROVISION_GRANTED_V1, streamNameOf } from '@vangnet/contracts';
import { ensureDurableConsumer, ensureStream, inboxPrefixOf, NATS_CONNECTION, natsServerAuthorization, NatsUser, natsUsers, RpcClient } from '@vangnet/messaging';
import { PlatformModule } from '@vangnet/platform';
import { connect, headers, NatsConnection, StringCodec } from 'nats';
import { infra, newTestPrefix, TestContext } from '../src';
import type { NatsInstance } from '../infra/infra';

// O5 (ARCHITECTURE §6, issue 13): every service its own NATS user, allowed only its own subjects
// and the requests and streams it consumes, on a private nats-server with the generated users.

@Module({ imports: [PlatformModule.forService({ service: 'access' })] })
class AccessShellModule {}

@Module({ imports: [PlatformModule.forService({ service: 'finance' })] })
class FinanceShellModule {}

describe('every service its own NATS user', () => {
  let nats: NatsInstance;
  let users: NatsUser[];
  let prefix: string;
  let ctx: TestContext;
  const open: NatsConnection[] = [];

  // As the services connect (NatsModule): replies and deliveries under the service's own inbox prefix.
  const as = async (name: string, inboxPrefix = inboxPrefixOf(name)) => {
    const u = users.find((x) => x.user === name) as NatsUser;
    const nc = await connect({ servers: nats.url, user: u.user, pass: u.password, name: `test-${name}`, inboxPrefix });
    open.push(nc);
    return nc;
  };
  const credentials = (name: string) => {
    const u = users.find((x) => x.user === name) as NatsUser;
    return { NATS_USER: u.user, NATS_PASSWORD: u.password };
  };

  beforeAll(async () => {
    prefix = newTestPrefix();
    users = natsUsers(prefix);
    nats = await infra.startNats({ config: natsServerAuthorization(users) });
    const operator = users.find((u) => u.user === 'vangnet-operator') as NatsUser;
    ctx = await TestContext.create({ natsUrl: nats.url, natsUser: operator, prefix });
  });

  afterAll(async () => {
    for (const nc of open) await nc.close().catch(() => undefined);
    await ctx?.close();
    await nats?.remove();
  });

  it('should refuse a connection without credentials or with a wrong password', async () => {
    await expect(connect({ servers: nats.url, reconnect: false })).rejects.toThrow(/Authorization/i);
    await expect(connect({ servers: nats.url, user: 'access', pass: 'guess', reconnect: false })).rejects.toThrow(/Authorization/i);
  });

  it('should let access publish access.provision.granted and refuse it to every other service’s user', async () => {
    const access = await as('access');
    await ensureStream(await access.jetstreamManager(), 'access');
    const subject = `${prefix}${PROVISION_GRANTED_V1}`;
    const h = () => {
      const x = headers();
      x.set('Nats-Msg-Id', `${Math.random()}`);
      return x;
    };
    await expect(access.jetstream().publish(subject, new TextEncoder().encode('{}'), { headers: h() })).resolves.toMatchObject({ seq: 1 });
    for (const other of ['finance', 'housing', 'exchange', 'care-plans', 'procurement', 'gateway']) {
      const nc = await as(other);
      const err = await nc
        .jetstream()
        .publish(subject, new TextEncoder().encode('{}'), { headers: h(), timeout: 1500 })
        .then(() => undefined)
        .catch((e: Error) => e);
      expect(err?.message).toMatch(/permission|timeout|503|no responders/i);
    }
    const jsm = await ctx.nc.jetstreamManager();
    const info = await jsm.streams.info(`${prefix.replace(/\./g, '_').toUpperCase()}${streamNameOf('access')}`);
    expect(info.state.messages).toBe(1);
  });

  it('should refuse a service answering or reading another’s subjects, and let it call the requests it consumes', async () => {
    const finance = await as('finance');
    const violations: string[] = [];
    void (async () => {
      for await (const s of finance.status()) if (s.type === 'error') violations.push(String(s.data));
    })();
    // Answering access's requests (a queue subscription on its subject) is refused.
    const answering = finance.subscribe(`${prefix}access.person.resolve`, { queue: 'access' });
    const reading = finance.subscribe(`${prefix}access.person.identity.get`);
    // Deleting another service's stream is refused.
    const denied = await (await finance.jetstreamManager()).streams.delete(`${prefix.replace(/\./g, '_').toUpperCase()}ACCESS`).catch((e: Error) => e);
    expect(denied).toBeInstanceOf(Error);
    await finance.flush();
    await new Promise((r) => setTimeout(r, 300));
    expect(violations.filter((v) => v === 'PERMISSIONS_VIOLATION').length).toBeGreaterThanOrEqual(2);
    // The refused subscription answers nothing: access's request has no responder at all.
    const unanswered = await ctx.nc.request(`${prefix}access.person.resolve`, new TextEncoder().encode('{}'), { timeout: 500 }).catch((e: Error) => e);
    expect(String((unanswered as Error).message)).toMatch(/503|no responders/i);
    expect(answering.getReceived() + reading.getReceived()).toBe(0);
    // finance consumes procurement.tariff.get: the request goes out (nobody serves it here).
    const asked = await finance.request(`${prefix}procurement.tariff.get`, new TextEncoder().encode('{}'), { timeout: 500 }).catch((e: Error) => e);
    expect(String((asked as Error).message)).toMatch(/503|no responders/i);
  });

  const violationsOf = (nc: NatsConnection) => {
    const seen: string[] = [];
    void (async () => {
      for await (const s of nc.status()) if (s.type === 'error' && s.permissionContext) seen.push(`${s.permissionContext.operation} ${s.permissionContext.subject}`);
    })();
    return seen;
  };
  const settle = async (...ncs: NatsConnection[]) => {
    for (const nc of ncs) await nc.flush();
    await new Promise((r) => setTimeout(r, 300));
  };
  const sc = StringCodec();

  it('should deliver a reply only to the caller’s own inbox: another service can neither subscribe there nor forge it', async () => {
    const tariffs = ctx.nc.subscribe(`${prefix}procurement.tariff.get`, { callback: (_e, m) => m.respond(sc.encode('tariff 4200')) });
    await ctx.nc.flush();
    try {
      const finance = await as('finance');
      const access = await as('access');
      const refused = violationsOf(access);
      const snooping = [access.subscribe(`${inboxPrefixOf('finance')}.>`), access.subscribe('_INBOX.>')];
      access.publish(`${inboxPrefixOf('finance')}.forged`, sc.encode('tariff 0'));
      await settle(access);
      // finance consumes procurement.tariff.get: asked and answered through its own inbox.
      const answer = await finance.request(`${prefix}procurement.tariff.get`, sc.encode('{}'), { timeout: 2000 });
      expect(sc.decode(answer.data)).toBe('tariff 4200');
      await settle(access);
      expect(snooping.map((sub) => sub.getReceived())).toEqual([0, 0]);
      expect(refused).toEqual(
        expect.arrayContaining([`subscription ${inboxPrefixOf('finance')}.>`, 'subscription _INBOX.>', `publish ${inboxPrefixOf('finance')}.forged`]),
      );
      // Without its prefix a service cannot even receive its own replies: the shared inbox is closed.
      const unprefixed = await as('finance', '_INBOX');
      const err = await unprefixed.request(`${prefix}procurement.tariff.get`, sc.encode('{}'), { timeout: 1000 }).catch((e: Error) => e);
      expect((err as Error).message).toMatch(/permission/i);
    } finally {
      tariffs.unsubscribe();
    }
  });

  it('should let a service read another’s stream through its own consumer, and refuse updating that stream or using another’s consumer', async () => {
    const access = await as('access');
    const stream = await ensureStream(await access.jetstreamManager(), 'access');
    const h = headers();
    h.set('Nats-Msg-Id', `reads-${Date.now()}`);
    await access.jetstream().publish(`${prefix}${PROVISION_GRANTED_V1}`, sc.encode('{"n":1}'), { headers: h });
    const finance = await as('finance');
    const refused = violationsOf(finance);
    const jsm = await finance.jetstreamManager({ timeout: 1500 });
    // A consumer's start (the inbox consumer's path): the stream as it is, its own durable, a pull.
    expect(await ensureStream(jsm, 'access', undefined, false)).toBe(stream);
    await ensureDurableConsumer(jsm, { stream, durable: 'finance', filterSubject: `${prefix}access.>` });
    const consumer = await finance.jetstream().consumers.get(stream, 'finance');
    const fetched: string[] = [];
    for await (const m of await consumer.fetch({ max_messages: 1, expires: 1500 })) {
      fetched.push(m.subject);
      m.ack();
    }
    expect(fetched).toEqual([`${prefix}${PROVISION_GRANTED_V1}`]);
    const before = (await (await ctx.nc.jetstreamManager()).streams.info(stream)).config;
    const attempts = await Promise.all([
      jsm.streams.update(stream, { ...before, max_age: 1_000_000_000 }).catch((e: Error) => e),
      jsm.streams.purge(stream).catch((e: Error) => e),
      jsm.consumers.add(stream, { durable_name: 'housing', filter_subject: `${prefix}access.>` }).catch((e: Error) => e),
      jsm.consumers.info(stream, 'gateway').catch((e: Error) => e),
    ]);
    for (const a of attempts) expect(a).toBeInstanceOf(Error);
    await settle(finance);
    expect(refused).toEqual(
      expect.arrayContaining([`publish $JS.API.STREAM.UPDATE.${stream}`, `publish $JS.API.STREAM.PURGE.${stream}`, `publish $JS.API.CONSUMER.INFO.${stream}.gateway`]),
    );
    const after = await (await ctx.nc.jetstreamManager()).streams.info(stream);
    expect(after.config.max_age).toBe(before.max_age);
    expect(after.state.messages).toBeGreaterThanOrEqual(1);
    // The gateway names a consumer per webhook subscription, but may not take over finance's.
    const gateway = await (await as('gateway')).jetstreamManager({ timeout: 1500 });
    await expect(gateway.consumers.add(stream, { durable_name: 'webhook_test', filter_subject: `${prefix}access.>` })).resolves.toMatchObject({ name: 'webhook_test' });
    await expect(gateway.consumers.info(stream, 'finance')).rejects.toThrow();
  });

  it('should run real services with their own users: ready, and their requests confined', async () => {
    const access = await ctx.start(AccessShellModule, { service: 'access' }, credentials('access'));
    const finance = await ctx.start(FinanceShellModule, { service: 'finance' }, credentials('finance'));
    for (const [svc, name] of [[access, 'access'], [finance, 'finance']] as const) {
      const ready = await svc.http.get(`/api/${name}/health/ready`).expect(200);
      expect(ready.body.info.nats.status).toBe('up');
    }
    // access may not ask finance-only or unknown subjects: the request is refused, never answered.
    const err = await access.app.get(RpcClient).request('procurement.tariff.get', {}, { timeoutMs: 500 }).catch((e: Error & { code?: string }) => e);
    expect((err as { code?: string }).code).toMatch(/NO_RESPONDER|TIMEOUT|FORBIDDEN|UNAVAILABLE/);
    // finance's own requests are answered into its prefixed inbox.
    await ctx.stub('procurement.tariff.get', { reply: { tariff: 4200 } });
    await expect(finance.app.get(RpcClient).request('procurement.tariff.get', {}, { timeoutMs: 2000 })).resolves.toEqual({ tariff: 4200 });
  });

  it('should log a refused subscription or publish, naming the subject', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    try {
      const finance = await ctx.start(FinanceShellModule, { service: 'finance' }, credentials('finance'));
      const nc = finance.app.get<NatsConnection>(NATS_CONNECTION);
      nc.subscribe(`${prefix}access.person.identity.get`);
      nc.publish(`${prefix}access.provision.granted.v1`, sc.encode('{"bsn":"999990019"}'));
      await settle(nc);
      const logged = errors.mock.calls.map((c) => String(c[0]));
      expect(logged).toEqual(
        expect.arrayContaining([
          `NATS permissions violation: subscription to "${prefix}access.person.identity.get" refused`,
          `NATS permissions violation: publish to "${prefix}access.provision.granted.v1" refused`,
        ]),
      );
      expect(logged.join('\n')).not.toContain('999990019');
      await finance.close();
    } finally {
      errors.mockRestore();
    }
  });
});
