import { infra } from '../src';
import { InboxConsumer, OutboxRelay } from '@vangnet/messaging';
import { DataSource } from 'typeorm';
import { TestContext, TestService, waitFor } from '../src';
import { behaviour, ConsumerModule, ProducerModule, WidgetService } from './support/widgets';

// These tests stop, kill and restart PostgreSQL and NATS: each runs on instances of its own.
describe('restarts lose nothing and apply nothing twice', () => {
  let nats: infra.NatsInstance;
  let pg: infra.PostgresInstance;
  let ctx: TestContext;
  let producer: TestService;
  let consumer: TestService;

  beforeAll(async () => {
    [nats, pg] = await Promise.all([infra.startNats(), infra.startPostgres({ fast: true })]);
    ctx = await TestContext.create({ adminUrl: pg.url, natsUrl: nats.url });
    producer = await ctx.start(ProducerModule, { service: 'housing' });
    consumer = await ctx.start(ConsumerModule, { service: 'finance' });
  });

  afterAll(async () => {
    await ctx?.close();
    await Promise.all([nats?.remove(), pg?.remove()]);
  });

  const consumerDb = () => consumer.app.get(DataSource);

  /** Exactly these names were applied, each once. */
  async function expectAppliedOnce(prefix: string, names: string[], timeoutMs = 30_000): Promise<void> {
    const sql = `SELECT name, count(*)::int AS n FROM applied WHERE name LIKE $1 GROUP BY name`;
    await waitFor(async () => (await consumerDb().query(sql, [`${prefix}%`])).length >= names.length, timeoutMs, `${names.length} ${prefix} events`);
    await new Promise((r) => setTimeout(r, 500));
    const rows: Array<{ name: string; n: number }> = await consumerDb().query(sql, [`${prefix}%`]);
    expect(rows.map((r) => r.name).sort()).toEqual([...names].sort());
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
  }

  /** Produce batches in the background, retrying a batch whose transaction failed; returns what committed. */
  function produce(prefix: string, batches: number, perBatch: number): { done: Promise<string[]> } {
    const svc = producer.app.get(WidgetService);
    const done = (async () => {
      const committed: string[] = [];
      for (let b = 0; b < batches; b++) {
        const names = Array.from({ length: perBatch }, (_, i) => `${prefix}${b}-${i}`);
        for (let attempt = 0; ; attempt++) {
          try {
            await svc.create(names);
            committed.push(...names);
            break;
          } catch (e) {
            if (attempt > 200) throw e;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      return committed;
    })();
    return { done };
  }

  it('should lose nothing when NATS restarts mid-stream', async () => {
    const run = produce('nats-', 40, 10);
    await waitFor(async () => (await consumerDb().query(`SELECT 1 FROM applied WHERE name LIKE 'nats-%' LIMIT 1`)).length > 0);
    await nats.restart();
    const committed = await run.done;
    expect(committed).toHaveLength(400);
    await expectAppliedOnce('nats-', committed);
  });

  it('should lose nothing and apply nothing twice when PostgreSQL is killed mid-stream', async () => {
    const run = produce('pg-', 40, 10);
    await waitFor(async () => (await consumerDb().query(`SELECT 1 FROM applied WHERE name LIKE 'pg-%' LIMIT 1`)).length > 0);
    await pg.kill();
    await new Promise((r) => setTimeout(r, 1000));
    await pg.start();
    const committed = await run.done;
    expect(committed).toHaveLength(400);
    await expectAppliedOnce('pg-', committed, 30_000);
    const [{ n }] = await consumerDb().query(`SELECT count(*)::int AS n FROM dead_letter WHERE payload LIKE '%pg-%'`);
    expect(n).toBe(0);
  });

  it('should apply an event once when its consumer dies between commit and ack', async () => {
    let release!: () => void;
    behaviour.gates.set('crash-between', new Promise<void>((r) => (release = r)));
    const reached = new Promise<void>((r) => (behaviour.onGate = () => r()));
    await producer.app.get(WidgetService).create(['crash-between']);
    await reached;
    // The consumer's NATS connection dies while the handler's transaction is open…
    const dying = consumer;
    const inbox = dying.app.get(InboxConsumer);
    await (inbox as unknown as { nc: { close(): Promise<void> } }).nc.close();
    // …then the transaction commits, but the ack can no longer reach the server.
    behaviour.gates.delete('crash-between');
    release();
    await waitFor(async () => (await consumerDb().query(`SELECT 1 FROM applied WHERE name = 'crash-between'`)).length === 1);
    await dying.close().catch(() => undefined);
    // A new instance gets the unacked event again; its inbox says it was applied.
    consumer = await ctx.start(ConsumerModule, { service: 'finance' });
    await producer.app.get(WidgetService).create(['after-crash']);
    await expectAppliedOnce('after-crash', ['after-crash']);
    await new Promise((r) => setTimeout(r, 2500)); // past the 2 s ack wait: the redelivery has come and gone
    await expectAppliedOnce('crash-between', ['crash-between']);
    expect(behaviour.attempts.get('crash-between')).toBe(1);
  });

  it('should publish what a producer committed but had not published when it died', async () => {
    const relay = producer.app.get(OutboxRelay);
    await relay.stop();
    await producer.app.get(WidgetService).create(['orphan-1', 'orphan-2', 'orphan-3']);
    // Dies without its shutdown flush.
    jest.spyOn(relay, 'beforeApplicationShutdown').mockResolvedValue(undefined);
    await producer.close();
    producer = await ctx.start(ProducerModule, { service: 'housing' });
    await expectAppliedOnce('orphan-', ['orphan-1', 'orphan-2', 'orphan-3']);
  });
});
