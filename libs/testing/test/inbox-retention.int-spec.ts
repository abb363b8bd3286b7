import { EventEnvelope, sourceOf } from '@vangnet/contracts';
import { InboxPruner, prefixed, streamName } from '@vangnet/messaging';
import { randomUUID } from 'crypto';
import { nanos } from 'nats';
import { DataSource } from 'typeorm';
import { TestContext, TestService, waitFor } from '../src';
import { ConsumerModule, ProducerModule, WIDGET_CREATED_V1, WidgetService } from './support/widgets';

const DAY_MS = 86_400_000;

// "Nothing twice" without leaning on JetStream's 15-minute duplicate window: the inbox remembers
// an event longer than the stream keeps it (ADR 0013), and refuses one older than it remembers.
describe('inbox retention', () => {
  let ctx: TestContext;
  let producer: TestService;
  let consumer: TestService;
  let db: DataSource;

  beforeAll(async () => {
    ctx = await TestContext.create();
    producer = await ctx.start(ProducerModule, { service: 'housing' });
    consumer = await ctx.start(ConsumerModule, { service: 'finance' });
    db = consumer.app.get(DataSource);
  });

  afterAll(() => ctx.close());

  /** Publish an envelope as a relay would, with its own time and Nats-Msg-Id. */
  async function publishAt(name: string, time: Date, opts: { id?: string; msgId?: string } = {}): Promise<string> {
    const id = opts.id ?? randomUUID();
    const envelope: EventEnvelope<unknown> = {
      id,
      type: WIDGET_CREATED_V1,
      source: sourceOf('housing'),
      time: time.toISOString(),
      municipality: 'GM0546',
      correlationId: randomUUID(),
      data: { name, n: 1 },
    };
    await ctx.nc.jetstream().publish(prefixed(WIDGET_CREATED_V1), Buffer.from(JSON.stringify(envelope)), { msgID: opts.msgId ?? id });
    return id;
  }

  const appliedCount = async (name: string) => (await db.query('SELECT count(*)::int AS n FROM applied WHERE name = $1', [name]))[0].n as number;
  /** Everything published before it has been taken once a marker event is applied (one consumer, in order). */
  async function settle(marker: string): Promise<void> {
    await producer.app.get(WidgetService).create([marker]);
    await waitFor(async () => (await appliedCount(marker)) === 1, 15_000, marker);
  }

  it('should give the streams a max_age shorter than the inbox keeps its rows', async () => {
    const info = await (await ctx.nc.jetstreamManager()).streams.info(streamName('housing'));
    expect(info.config.max_age).toBe(nanos(30 * DAY_MS));
    expect(info.config.duplicate_window).toBe(nanos(15 * 60_000));
  });

  it('should apply once an hour-old event re-published with a fresh Nats-Msg-Id (past the duplicate window)', async () => {
    const hourAgo = new Date(Date.now() - 3_600_000);
    const id = await publishAt('hour-old', hourAgo, { msgId: `${randomUUID()}-first` });
    await waitFor(async () => (await appliedCount('hour-old')) === 1, 15_000, 'the first copy');
    // The relay re-sends it, as after a publish that timed out but reached the stream: JetStream
    // sees a new message (its duplicate window would not help an hour later anyway).
    const ack = await ctx.nc.jetstream().publish(
      prefixed(WIDGET_CREATED_V1),
      Buffer.from(JSON.stringify({ id, type: WIDGET_CREATED_V1, source: sourceOf('housing'), time: hourAgo.toISOString(), municipality: 'GM0546', correlationId: randomUUID(), data: { name: 'hour-old', n: 1 } })),
      { msgID: `${randomUUID()}-again` },
    );
    expect(ack.duplicate).toBe(false);
    await settle('after-hour-old');
    expect(await appliedCount('hour-old')).toBe(1);
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM inbox WHERE message_id = $1', [id]);
    expect(n).toBe(1);
  });

  it('should refuse as a dead letter an event older than the inbox remembers, and not apply it', async () => {
    const id = await publishAt('too-old', new Date(Date.now() - 61 * DAY_MS));
    const letter = await waitFor(async () => (await db.query('SELECT * FROM dead_letter WHERE message_id = $1', [id]))[0], 15_000, 'the dead letter');
    expect(letter).toMatchObject({ error_code: 'EVENT_TOO_OLD', subject: WIDGET_CREATED_V1 });
    expect(letter.reason).toMatch(/older than the inbox remembers \(60\.0 days\)/);
    await settle('after-too-old');
    expect(await appliedCount('too-old')).toBe(0);
  });

  it('should ack without a dead letter a too-old event the inbox still remembers', async () => {
    const id = await publishAt('remembered', new Date());
    await waitFor(async () => (await appliedCount('remembered')) === 1, 15_000);
    await publishAt('remembered', new Date(Date.now() - 61 * DAY_MS), { id, msgId: `${id}-late` });
    await settle('after-remembered');
    expect(await appliedCount('remembered')).toBe(1);
    await expect(db.query('SELECT 1 FROM dead_letter WHERE message_id = $1', [id])).resolves.toEqual([]);
  });

  it('should prune inbox rows behind the retention and keep the rest', async () => {
    const old = [randomUUID(), randomUUID(), randomUUID()];
    const recent = randomUUID();
    await db.query(
      `INSERT INTO inbox (consumer, message_id, subject, processed_at)
       SELECT 'finance', id, $2, now() - interval '61 days' FROM unnest($1::uuid[]) AS id`,
      [old, WIDGET_CREATED_V1],
    );
    await db.query(`INSERT INTO inbox (consumer, message_id, subject, processed_at) VALUES ('finance', $1, $2, now() - interval '59 days')`, [
      recent,
      WIDGET_CREATED_V1,
    ]);
    const before: number = (await db.query('SELECT count(*)::int AS n FROM inbox'))[0].n;
    await expect(consumer.app.get(InboxPruner).run()).resolves.toBe(3);
    const left: Array<{ message_id: string }> = await db.query('SELECT message_id FROM inbox WHERE message_id = ANY($1::uuid[])', [[...old, recent]]);
    expect(left).toEqual([{ message_id: recent }]);
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM inbox');
    expect(n).toBe(before - 3);
  });
});
