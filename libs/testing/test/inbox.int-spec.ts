import { EventEnvelope, sourceOf } from '@vangnet/contracts';
import { InboxConsumer, prefixed } from '@vangnet/messaging';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { TestContext, TestService, waitFor } from '../src';
import { behaviour, ConsumerModule, PatientConsumerModule, ProducerModule, WIDGET_CREATED_V1, WidgetService } from './support/widgets';

describe('inbox', () => {
  let ctx: TestContext;
  let producer: TestService;
  let consumer: TestService;
  let consumerDb: DataSource;
  let operator: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
    producer = await ctx.start(ProducerModule, { service: 'housing' });
    consumer = await ctx.start(ConsumerModule, { service: 'finance' });
    consumerDb = consumer.app.get(DataSource);
    operator = await ctx.token({ org: 'GM0546', roles: ['platform.operator'], municipalities: ['GM0546'] });
  });

  afterAll(() => ctx.close());

  const applied = (name: string) => consumerDb.query('SELECT event_id FROM applied WHERE name = $1', [name]);
  const appliedCount = async (name: string) => (await applied(name)).length;

  /** Publish an envelope straight to JetStream, as a relay (or a misbehaving producer) would. */
  async function publishRaw(data: unknown, opts: { id?: string; msgId?: string; raw?: string } = {}): Promise<string> {
    const id = opts.id ?? randomUUID();
    const envelope: EventEnvelope<unknown> = {
      id,
      type: WIDGET_CREATED_V1,
      source: sourceOf('housing'),
      time: new Date().toISOString(),
      municipality: 'GM0546',
      correlationId: randomUUID(),
      data,
    };
    await ctx.nc.jetstream().publish(prefixed(WIDGET_CREATED_V1), Buffer.from(opts.raw ?? JSON.stringify(envelope)), { msgID: opts.msgId ?? id });
    return id;
  }

  it('should apply an event once when it is delivered twice', async () => {
    const id = randomUUID();
    // Different Nats-Msg-Ids get past JetStream's dedupe: only the inbox can stop the second.
    await publishRaw({ name: 'twice', n: 1 }, { id, msgId: `${id}-a` });
    await publishRaw({ name: 'twice', n: 1 }, { id, msgId: `${id}-b` });
    await producer.app.get(WidgetService).create(['marker-twice']);
    await waitFor(async () => (await appliedCount('marker-twice')) === 1);
    await expect(applied('twice')).resolves.toEqual([{ event_id: id }]);
    const [{ n }] = await consumerDb.query('SELECT count(*)::int AS n FROM inbox WHERE message_id = $1', [id]);
    expect(n).toBe(1);
  });

  it('should give the event again after a transient failure and apply it once', async () => {
    behaviour.failuresLeft.set('flaky', 2);
    await producer.app.get(WidgetService).create(['flaky']);
    await waitFor(async () => (await appliedCount('flaky')) === 1, 15_000, 'the flaky event to be applied');
    expect(behaviour.attempts.get('flaky')).toBe(3);
    await new Promise((r) => setTimeout(r, 300));
    await expect(appliedCount('flaky')).resolves.toBe(1);
  });

  it('should put a poison event in the dead-letter table after N tries with its reason', async () => {
    await producer.app.get(WidgetService).create(['poison-1', 'after-poison']);
    const [letter] = await waitFor(async () => {
      const rows = await consumerDb.query(`SELECT * FROM dead_letter WHERE payload LIKE '%poison-1%'`);
      return rows.length ? rows : undefined;
    }, 15_000);
    expect(letter).toMatchObject({ consumer: 'finance', subject: WIDGET_CREATED_V1, deliveries: 3, error_code: 'HANDLER_FAILED' });
    expect(letter.reason).toContain('cannot apply poison-1');
    expect(behaviour.attempts.get('poison-1')).toBe(3);
    // Its failed attempts were rolled back; the event after it was applied.
    await expect(appliedCount('poison-1')).resolves.toBe(0);
    await waitFor(async () => (await appliedCount('after-poison')) === 1);
    // Visible through the API and the metric.
    const res = await consumer.http.get('/api/finance/v1/dead-letters').set('Authorization', `Bearer ${operator}`).expect(200);
    expect(res.body.items.map((i: { messageId: string }) => i.messageId)).toContain(letter.message_id);
    const metrics = await consumer.http.get('/api/finance/metrics').expect(200);
    expect(metrics.text).toMatch(/vangnet_dead_letters\{consumer="finance",service="finance"\} [1-9]/);
  });

  it('should dead-letter at once an event whose payload breaks its contract, naming the field', async () => {
    const id = await publishRaw({ name: '', n: -1 });
    const [letter] = await waitFor(async () => {
      const rows = await consumerDb.query('SELECT * FROM dead_letter WHERE message_id = $1', [id]);
      return rows.length ? rows : undefined;
    });
    expect(letter.error_code).toBe('INVALID_PAYLOAD');
    expect(letter.deliveries).toBe(1);
    expect(letter.reason).toContain('name');
    expect(letter.reason).toContain('n:');
  });

  it('should dead-letter a message that is not JSON and one a handler refuses for good', async () => {
    await publishRaw(null, { raw: '{not json', msgId: randomUUID() });
    await producer.app.get(WidgetService).create(['never-1']);
    await waitFor(async () => {
      const rows = await consumerDb.query(`SELECT error_code FROM dead_letter WHERE error_code IN ('INVALID_JSON', 'WIDGET_FORBIDDEN')`);
      return rows.length === 2;
    });
    expect(behaviour.attempts.get('never-1')).toBe(1);
  });

  it('should replay a dead letter through the API once its cause is fixed', async () => {
    await producer.app.get(WidgetService).create(['poison-fixable']);
    const [letter] = await waitFor(async () => {
      const rows = await consumerDb.query(`SELECT id FROM dead_letter WHERE payload LIKE '%poison-fixable%' AND resolved_at IS NULL`);
      return rows.length ? rows : undefined;
    }, 15_000);
    // Still failing: the retry says so and the letter stays open.
    await consumer.http.post(`/api/finance/v1/dead-letters/${letter.id}/retry`).set('Authorization', `Bearer ${operator}`).expect(409);
    // Fix the data (here: the handler accepts renamed widgets) and retry through the API.
    await consumerDb.query(`UPDATE dead_letter SET payload = replace(payload, 'poison-fixable', 'fixed-widget') WHERE id = $1`, [letter.id]);
    const res = await consumer.http.post(`/api/finance/v1/dead-letters/${letter.id}/retry`).set('Authorization', `Bearer ${operator}`).expect(200);
    expect(res.body.resolution).toBe('RETRIED');
    await expect(appliedCount('fixed-widget')).resolves.toBe(1);
  });

  it('should receive everything published while the consumer was down', async () => {
    await consumer.close();
    const names = Array.from({ length: 50 }, (_, i) => `while-down-${i}`);
    await producer.app.get(WidgetService).create(names);
    await new Promise((r) => setTimeout(r, 300));
    consumer = await ctx.start(ConsumerModule, { service: 'finance' });
    consumerDb = consumer.app.get(DataSource);
    await waitFor(async () => {
      const [{ n }] = await consumerDb.query(`SELECT count(DISTINCT event_id)::int AS n FROM applied WHERE name LIKE 'while-down-%'`);
      return n === 50;
    }, 15_000);
    const [{ n }] = await consumerDb.query(`SELECT count(*)::int AS n FROM applied WHERE name LIKE 'while-down-%'`);
    expect(n).toBe(50);
    expect(consumer.app.get(InboxConsumer).subjects()).toEqual([WIDGET_CREATED_V1]);
  });
});

describe('inbox under a trickle of events', () => {
  let ctx: TestContext;

  afterAll(() => ctx?.close());

  it('should apply every event as it comes, never leaving one for the redelivery', async () => {
    ctx = await TestContext.create();
    const producer = await ctx.start(ProducerModule, { service: 'housing' });
    const consumer = await ctx.start(PatientConsumerModule, { service: 'finance' });
    const db = consumer.app.get(DataSource);
    const svc = producer.app.get(WidgetService);
    // One at a time with small uneven gaps: the worker keeps finishing just as the next arrives.
    for (let i = 0; i < 150; i++) {
      await svc.create([`trickle-${i}`]);
      await new Promise((r) => setTimeout(r, i % 5));
    }
    // A stranded event would take the 60 s ack wait; all must be there long before.
    await waitFor(async () => {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM applied WHERE name LIKE 'trickle-%'`);
      return n === 150;
    }, 15_000, 'all 150 trickled events');
  });

  it('should apply an event that arrives right behind one it has no handler for', async () => {
    const consumer = await ctx.start(PatientConsumerModule, { service: 'finance' });
    const db = consumer.app.get(DataSource);
    const js = ctx.nc.jetstream();
    const envelope = (type: string, data: unknown) => {
      const id = randomUUID();
      return { id, body: Buffer.from(JSON.stringify({ id, type, source: sourceOf('housing'), time: new Date().toISOString(), municipality: 'GM0546', correlationId: id, data })) };
    };
    // As access does: an event nobody here handles, then one we do, in one flush, a few times over.
    for (let i = 0; i < 20; i++) {
      const ignored = envelope('housing.widget.archived.v1', { name: `ignored-${i}` });
      const wanted = envelope(WIDGET_CREATED_V1, { name: `behind-${i}`, n: i });
      await Promise.all([
        js.publish(prefixed('housing.widget.archived.v1'), ignored.body, { msgID: ignored.id }),
        js.publish(prefixed(WIDGET_CREATED_V1), wanted.body, { msgID: wanted.id }),
      ]);
      await waitFor(async () => (await db.query('SELECT 1 FROM applied WHERE name = $1', [`behind-${i}`])).length === 1, 10_000, `behind-${i}`);
    }
  });
});
