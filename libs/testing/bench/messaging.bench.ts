import 'reflect-metadata';
import { prefixed, RpcClient } from '@vangnet/messaging';
import { AckPolicy, connect, DeliverPolicy, nanos } from 'nats';
import { DataSource } from 'typeorm';
import { TestContext } from '../src';
import { BENCH_ECHO, BenchConsumerModule, BenchProducer, BenchProducerModule } from './bench-support';
import { formatLoad, load, memoryOf } from './measure';

// The foundation's figures: request/reply through the platform vs the raw nats client, and
// events per second through outbox → JetStream → inbox vs raw JetStream publish + consume.
async function main(): Promise<void> {
  const ctx = await TestContext.create();
  try {
    const consumer = await ctx.start(BenchConsumerModule, { service: 'finance' }, { LOG_LEVEL: 'warn' });
    const producer = await ctx.start(BenchProducerModule, { service: 'housing' }, { LOG_LEVEL: 'warn' });
    const rpc = consumer.app.get(RpcClient);

    // --- request/reply ---
    const raw = await connect({ servers: ctx.natsUrl.split(',') });
    raw.subscribe(prefixed('finance.raw.echo'), { queue: 'raw', callback: (_e, m) => m.respond(m.data) });
    const payload = { text: 'hello', municipality: 'GM0546', n: 1 };
    const body = Buffer.from(JSON.stringify(payload));
    const rawResult = await load('raw nats request/reply (echo)', () => ctx.nc.request(prefixed('finance.raw.echo'), body, { timeout: 2000 }));
    const platform = await load('platform RpcClient → @MessagePattern (validated)', () => rpc.request(BENCH_ECHO, payload));
    console.log('\nNATS request/reply, 32 in flight, client and server in this process');
    console.log(formatLoad(rawResult));
    console.log(formatLoad(platform));
    console.log(`ratio platform/raw: ${((platform.perSecond / rawResult.perSecond) * 100).toFixed(0)} %   (target ≥ 50 %)`);
    await raw.close();

    // --- events end to end ---
    const N = Number(process.env.BENCH_EVENTS ?? 20_000);
    const perTx = 100;
    const svc = producer.app.get(BenchProducer);
    const consumerDb = consumer.app.get(DataSource);
    const started = Date.now();
    for (let from = 0; from < N; from += perTx * 4) {
      await Promise.all([0, 1, 2, 3].map((k) => (from + k * perTx < N ? svc.record(from + k * perTx, Math.min(perTx, N - from - k * perTx)) : undefined)));
    }
    const committedMs = Date.now() - started;
    for (;;) {
      const [{ n }] = await consumerDb.query('SELECT count(*)::int AS n FROM bench_item');
      if (n >= N) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const outboxSeconds = (Date.now() - started) / 1000;

    // Raw JetStream: publish N (pipelined) and consume them with a pull consumer, acking each.
    const js = ctx.nc.jetstream();
    const jsm = await ctx.nc.jetstreamManager();
    const stream = `${ctx.prefix.replace(/\./g, '_').toUpperCase()}RAWBENCH`;
    await jsm.streams.add({ name: stream, subjects: [prefixed('rawbench.*.*.*')] });
    const c = await jsm.consumers.add(stream, { ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, inactive_threshold: nanos(60_000) });
    const rawStarted = Date.now();
    const consumed = (async () => {
      const messages = await (await js.consumers.get(stream, c.name)).consume({ max_messages: 512 });
      let got = 0;
      for await (const m of messages) {
        m.ack();
        if (++got >= N) messages.stop();
      }
    })();
    const data = Buffer.from(JSON.stringify({ id: 'x', type: 'rawbench.x.y.v1', data: { n: 1 } }));
    for (let i = 0; i < N; i += 500) {
      await Promise.all(Array.from({ length: Math.min(500, N - i) }, (_, k) => js.publish(prefixed('rawbench.item.recorded.v1'), data, { msgID: `m${i + k}` })));
    }
    await consumed;
    const rawSeconds = (Date.now() - rawStarted) / 1000;
    await jsm.streams.delete(stream);

    console.log(`\nEvents end to end, ${N} events (${perTx} per transaction, 4 transactions at a time)`);
    console.log(`outbox → JetStream → inbox (one transaction per batch)  ${(N / outboxSeconds).toFixed(0).padStart(8)} events/s   (committed in ${(committedMs / 1000).toFixed(1)} s, all applied in ${outboxSeconds.toFixed(1)} s; target ≥ 5,000/s)`);
    console.log(`raw JetStream publish + pull consume (ack each)         ${(N / rawSeconds).toFixed(0).padStart(8)} events/s   (${rawSeconds.toFixed(1)} s)`);
    console.log(`ratio outbox path/raw: ${(((N / outboxSeconds) / (N / rawSeconds)) * 100).toFixed(0)} %`);
    const mem = memoryOf(process.pid);
    console.log(`\nthis bench process (two services in it, plus the clients): peak resident ${mem?.peakMb.toFixed(0)} MB`);
  } finally {
    await ctx.close();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
