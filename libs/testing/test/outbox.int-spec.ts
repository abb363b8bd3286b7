import { OutboxRelay, prefixed } from '@vangnet/messaging';
import { DataSource } from 'typeorm';
import { TestContext, TestService, waitFor } from '../src';
import { ProducerModule, WIDGET_CREATED_V1, WidgetService } from './support/widgets';

const PRODUCER = { service: 'housing' as const };

describe('outbox', () => {
  let ctx: TestContext;
  let producer: TestService;
  let db: DataSource;

  beforeAll(async () => {
    ctx = await TestContext.create();
    producer = await ctx.start(ProducerModule, PRODUCER);
    db = producer.app.get(DataSource);
  });

  afterAll(() => ctx.close());

  const outboxRows = (name: string) =>
    db.query(`SELECT id, published_at FROM outbox WHERE envelope->'data'->>'name' = $1`, [name]);

  it('should leave no outbox row and publish nothing when the transaction rolls back', async () => {
    const probe = await ctx.probe(WIDGET_CREATED_V1);
    await expect(producer.app.get(WidgetService).create(['rolled-back'], { rollback: true })).rejects.toThrow('rolled back on purpose');
    await expect(outboxRows('rolled-back')).resolves.toEqual([]);
    await expect(db.query(`SELECT * FROM widget WHERE name = 'rolled-back'`)).resolves.toEqual([]);
    // A committed event after it shows the relay ran past the rolled-back one.
    await producer.app.get(WidgetService).create(['after-rollback']);
    await probe.next((e) => (e.data as { name: string }).name === 'after-rollback');
    expect(probe.matching((e) => (e.data as { name: string }).name === 'rolled-back')).toHaveLength(0);
  });

  it('should publish exactly the committed rows, each once, with msgID = event id', async () => {
    const probe = await ctx.probe(WIDGET_CREATED_V1);
    const svc = producer.app.get(WidgetService);
    await svc.create(['c1', 'c2']);
    await expect(svc.create(['r1', 'r2'], { rollback: true })).rejects.toThrow();
    await svc.create(['c3']);
    const committed = await waitFor(async () => {
      const rows = await db.query(`SELECT id FROM outbox WHERE envelope->'data'->>'name' IN ('c1','c2','c3') AND published_at IS NOT NULL`);
      return rows.length === 3 ? rows.map((r: { id: string }) => r.id).sort() : undefined;
    });
    await probe.next((e) => (e.data as { name: string }).name === 'c3');
    const seen = probe.matching((e) => ['c1', 'c2', 'c3', 'r1', 'r2'].includes((e.data as { name: string }).name));
    expect(seen.map((e) => e.id).sort()).toEqual(committed);
    const js = ctx.nc.jetstream();
    const msg = await (await js.consumers.get(`${ctx.prefix.replace(/\./g, '_').toUpperCase()}HOUSING`)).next();
    expect(msg?.headers?.get('Nats-Msg-Id')).toBe(JSON.parse(Buffer.from(msg!.data).toString()).id);
    expect(msg?.subject).toBe(prefixed(WIDGET_CREATED_V1));
  });

  it('should let JetStream drop the copy when the relay crashes between publish and mark', async () => {
    const relay = producer.app.get(OutboxRelay);
    await relay.stop();
    try {
      await producer.app.get(WidgetService).create(['crash-once']);
      const [row] = await outboxRows('crash-once');
      // The relay claims and publishes, then dies before marking: its transaction rolls back.
      await expect(
        db.transaction(async (m) => {
          const claimed = await relay.claim(m);
          expect(claimed.map((r) => r.id)).toContain(row.id);
          const result = await relay.publish(claimed.filter((r) => r.id === row.id));
          expect(result.duplicates).toBe(0);
          throw new Error('relay crashed');
        }),
      ).rejects.toThrow('relay crashed');
      await expect(outboxRows('crash-once')).resolves.toEqual([{ id: row.id, published_at: null }]);
      // The next relay run publishes it again; JetStream recognises the msgID.
      const publish = jest.spyOn(relay, 'publish');
      await relay.drainOnce();
      const again = await publish.mock.results[0].value;
      expect(again.duplicates).toBe(1);
      const [after] = await outboxRows('crash-once');
      expect(after.published_at).not.toBeNull();
      const probe = await ctx.probe(WIDGET_CREATED_V1);
      await probe.next((e) => e.id === row.id);
      await new Promise((r) => setTimeout(r, 300));
      expect(probe.matching((e) => e.id === row.id)).toHaveLength(1);
      publish.mockRestore();
    } finally {
      relay.start();
    }
  });

  it('should never let two relays publish the same row', async () => {
    const second = await ctx.start(ProducerModule, PRODUCER);
    const [a, b] = [producer.app.get(OutboxRelay), second.app.get(OutboxRelay)];
    await a.stop();
    await b.stop();
    try {
      const names = Array.from({ length: 600 }, (_, i) => `race-${i}`);
      const svc = producer.app.get(WidgetService);
      for (let i = 0; i < names.length; i += 100) await svc.create(names.slice(i, i + 100));
      const race: number[] = (await db.query(`SELECT seq FROM outbox WHERE envelope->'data'->>'name' LIKE 'race-%' ORDER BY seq`)).map(
        (r: { seq: number }) => r.seq,
      );
      // Relay A holds a claim on 300 rows while relay B drains: B must skip A's rows.
      const byB: number[] = [];
      const spyB = jest.spyOn(b, 'publish').mockImplementation(async function (this: OutboxRelay, rows) {
        byB.push(...rows.map((r) => r.seq));
        return OutboxRelay.prototype.publish.call(this, rows);
      });
      const byA: number[] = [];
      await db.transaction(async (m) => {
        const claimed = await a.claim(m, 300);
        byA.push(...claimed.map((r) => r.seq));
        while ((await b.drainOnce()) > 0) {
          /* B takes what is left */
        }
        await a.mark(m, await a.publish(claimed));
      });
      spyB.mockRestore();
      expect(byA.length).toBe(300);
      expect(byB.filter((s) => byA.includes(s))).toEqual([]);
      expect([...byA, ...byB.filter((s) => race.includes(s))].sort((x, y) => x - y)).toEqual(race);
      // And two relays racing freely still publish each row once.
      const more = Array.from({ length: 400 }, (_, i) => `race2-${i}`);
      for (let i = 0; i < more.length; i += 100) await svc.create(more.slice(i, i + 100));
      const results = await Promise.all(
        [a, b].map(async (r) => {
          const spy = jest.spyOn(r, 'publish');
          while ((await r.drainOnce()) > 0) {
            /* drain */
          }
          const published = (await Promise.all(spy.mock.results.map((x) => x.value))).flatMap((x) => x.published as number[]);
          spy.mockRestore();
          return published;
        }),
      );
      const all = results.flat();
      expect(new Set(all).size).toBe(all.length);
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
      expect(n).toBe(0);
    } finally {
      a.start();
      await second.close();
    }
  });
});

describe('outbox relay latency', () => {
  let ctx: TestContext;
  let producer: TestService;

  beforeAll(async () => {
    ctx = await TestContext.create();
    // A poll far longer than the test: only the commit notification can make it pass.
    producer = await ctx.start(ProducerModule, { service: 'housing' }, { VANGNET_RELAY_POLL_MS: '60000' });
  });

  afterAll(() => ctx.close());

  it('should publish an event committed while the relay is busy without waiting for the poll', async () => {
    const relay = producer.app.get(OutboxRelay);
    const probe = await ctx.probe(WIDGET_CREATED_V1);
    const svc = producer.app.get(WidgetService);
    // Make every drain slow, and commit more while one is running.
    const original = relay.publish.bind(relay);
    const slow = jest.spyOn(relay, 'publish').mockImplementation(async (rows) => {
      await new Promise((r) => setTimeout(r, 200));
      return original(rows);
    });
    await svc.create(['busy-1']);
    await new Promise((r) => setTimeout(r, 50)); // the relay is now inside its slow drain
    await svc.create(['busy-2']);
    await probe.next((e) => (e.data as { name: string }).name === 'busy-2', 5000);
    slow.mockRestore();
  });
});
