import { Module } from '@nestjs/common';
import { PROVISION_GRANTED_V1, streamNameOf } from '@vangnet/contracts';
import { ensureStream, natsServerAuthorization, NatsUser, natsUsers, RpcClient } from '@vangnet/messaging';
import { PlatformModule } from '@vangnet/platform';
import { connect, headers, NatsConnection } from 'nats';
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

  const as = async (name: string) => {
    const u = users.find((x) => x.user === name) as NatsUser;
    const nc = await connect({ servers: nats.url, user: u.user, pass: u.password, name: `test-${name}` });
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
  });
});
