import 'reflect-metadata';
import { prefixed, RpcClient } from '@vangnet/messaging';
import { ChildProcess, spawn } from 'child_process';
import { AckPolicy, DeliverPolicy, nanos } from 'nats';
import { readFileSync } from 'fs';
import { join } from 'path';
import { Client } from 'pg';
import { TestContext } from '../src';
import { BENCH_BATCH_V1, BENCH_ECHO, BENCH_EVENT_V1, BENCH_NOTE_V1, BenchProducer, BenchProducerModule } from './bench-support';
import { formatLoad, load, memoryOf, report } from './measure';

// The foundation's figures: request/reply through the platform vs the raw nats client, and
// events per second through outbox → JetStream → inbox vs raw JetStream publish + consume: a
// handler that does nothing (the pipeline's own cost, target ≥ 70 % of raw), and handlers that
// write a row per event, one event at a time (@OnEvent) and a batch at a time (@OnEventBatch,
// one set-based insert per batch; target ≥ 5,000 events/s). The serving and consuming side runs
// as its own process, as a deployed service does.

async function startServiceProcess(ctx: TestContext, mode: 'consumer' | 'raw-echo'): Promise<ChildProcess> {
  // BENCH_PROFILE_DIR=<dir> writes a CPU profile of the service process there.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, join(__dirname, 'bench-service.main.js'), mode], {
    env: { ...process.env, ...ctx.env({ LOG_LEVEL: 'warn', PORT: '0' }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d.toString();
      if (out.includes('bench service ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`bench service exited with ${code}`)));
  });
  return child;
}

/** A process's CPU time so far (user + system), in µs, from /proc (Linux; clock ticks of 10 ms). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

async function main(): Promise<void> {
  const ctx = await TestContext.create();
  const children: ChildProcess[] = [];
  try {
    const producer = await ctx.start(BenchProducerModule, { service: 'housing' }, { LOG_LEVEL: 'warn' });
    const rpc = producer.app.get(RpcClient);
    children.push(await startServiceProcess(ctx, 'raw-echo'));
    const consumer = await startServiceProcess(ctx, 'consumer');
    children.push(consumer);

    // --- request/reply ---
    const payload = { text: 'hello', municipality: 'GM0546', n: 1 };
    const body = Buffer.from(JSON.stringify(payload));
    const rawResult = await load('raw nats request/reply (echo)', () => ctx.nc.request(prefixed('finance.raw.echo'), body, { timeout: 2000 }));
    const platform = await load('platform RpcClient → @MessagePattern (validated)', () => rpc.request(BENCH_ECHO, payload));
    console.log('\nNATS request/reply, 32 in flight, client here, server in its own process');
    console.log(formatLoad(rawResult));
    console.log(formatLoad(platform));
    console.log(`ratio platform/raw: ${((platform.perSecond / rawResult.perSecond) * 100).toFixed(0)} %   (target ≥ 50 %)`);
    report({
      id: 'messaging.rpc.ratio-to-raw',
      label: 'platform RpcClient → @MessagePattern (validated) against raw nats.js request/reply, 32 in flight',
      value: platform.perSecond / rawResult.perSecond,
      unit: '×',
      target: '≥ 0.5×',
      met: platform.perSecond / rawResult.perSecond >= 0.5,
      floor: { label: 'raw nats request/reply /s', value: Math.round(rawResult.perSecond), ratio: platform.perSecond / rawResult.perSecond },
    });

    // --- events end to end ---
    const N = Number(process.env.BENCH_EVENTS ?? 20_000);
    const perTx = 100;
    const svc = producer.app.get(BenchProducer);
    const consumerDb = new Client({ connectionString: ctx.db.url, options: '-c search_path=finance' });
    await consumerDb.connect();
    const count = async (sql: string) => (await consumerDb.query(sql)).rows[0].n as number;
    // Produce N events of a type (4 transactions of 100 at a time) and wait until all are applied.
    const endToEnd = async (type: string, applied: () => Promise<number>) => {
      const before = await applied();
      const cpu0 = cpuMicros(consumer.pid ?? 0);
      const started = Date.now();
      for (let from = 0; from < N; from += perTx * 4) {
        await Promise.all([0, 1, 2, 3].map((k) => (from + k * perTx < N ? svc.record(from + k * perTx, Math.min(perTx, N - from - k * perTx), type) : undefined)));
      }
      const committed = (Date.now() - started) / 1000;
      while ((await applied()) < before + N) await new Promise((r) => setTimeout(r, 50));
      // The consumer process's CPU per event: what the inbox and the handler cost, however busy the machine.
      return { committed, seconds: (Date.now() - started) / 1000, consumerCpuUs: (cpuMicros(consumer.pid ?? 0) - cpu0) / N };
    };
    const pipeline = await endToEnd(BENCH_NOTE_V1, () => count(`SELECT count(*)::int AS n FROM inbox WHERE subject = '${BENCH_NOTE_V1}'`));
    const withWrites = await endToEnd(BENCH_EVENT_V1, () => count('SELECT count(*)::int AS n FROM bench_item'));
    const batchWrites = await endToEnd(BENCH_BATCH_V1, () => count('SELECT count(*)::int AS n FROM bench_item'));
    await consumerDb.end();

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

    const line = (label: string, r: { committed: number; seconds: number; consumerCpuUs: number }) =>
      `${label.padEnd(64)} ${(N / r.seconds).toFixed(0).padStart(8)} events/s   (committed in ${r.committed.toFixed(1)} s, all applied in ${r.seconds.toFixed(1)} s; consumer CPU ${r.consumerCpuUs.toFixed(0)} µs an event)`;
    const rawRate = N / rawSeconds;
    const pipelineRate = N / pipeline.seconds;
    const batchRate = N / batchWrites.seconds;
    const ratio = pipelineRate / rawRate;
    console.log(`\nEvents end to end, ${N} events each (${perTx} per transaction, 4 transactions at a time), consumer in its own process`);
    console.log(line('outbox → JetStream → inbox (handler does no work)', pipeline));
    console.log(line('outbox → JetStream → inbox (@OnEvent writes a row each)', withWrites));
    console.log(`${line('outbox → JetStream → inbox (@OnEventBatch writes its batch at once)', batchWrites)}   target ≥ 5,000/s`);
    console.log(`${'raw JetStream publish + pull consume (ack each)'.padEnd(64)} ${rawRate.toFixed(0).padStart(8)} events/s   (${rawSeconds.toFixed(1)} s)`);
    console.log(`ratio outbox path/raw: ${(ratio * 100).toFixed(0)} %   (target ≥ 70 %)`);
    const rawFloor = (value: number) => ({ label: 'raw JetStream /s', value: Math.round(rawRate), ratio: Number((value / rawRate).toFixed(2)) });
    report({
      id: 'messaging.event-path.per-second',
      label: 'outbox → JetStream → inbox, handler does no work',
      value: Math.round(pipelineRate),
      unit: '/s',
      floor: rawFloor(pipelineRate),
    });
    report({
      id: 'messaging.event-path.ratio-to-raw',
      label: 'outbox → JetStream → inbox against raw JetStream publish + pull consume',
      value: Number(ratio.toFixed(2)),
      unit: '×',
      target: '≥ 0.70× raw JetStream',
      met: ratio >= 0.7,
      floor: rawFloor(pipelineRate),
    });
    report({
      id: 'messaging.handler-writes.per-second',
      label: 'outbox → JetStream → inbox, @OnEventBatch handler writes its batch set-based (a row per event)',
      value: Math.round(batchRate),
      unit: '/s',
      target: '≥ 5,000/s',
      met: batchRate >= 5000,
      floor: rawFloor(batchRate),
    });
    report({
      id: 'messaging.handler-writes.consumer-cpu-us',
      label: 'consumer process CPU per event, @OnEventBatch handler writing set-based',
      value: Math.round(batchWrites.consumerCpuUs),
      unit: 'µs',
    });
    report({
      id: 'messaging.handler-writes-each.consumer-cpu-us',
      label: 'consumer process CPU per event, @OnEvent handler writing a row each',
      value: Math.round(withWrites.consumerCpuUs),
      unit: 'µs',
    });
    report({
      id: 'messaging.handler-writes-each.per-second',
      label: 'outbox → JetStream → inbox, @OnEvent handler writes a row each (one statement per event)',
      value: Math.round(N / withWrites.seconds),
      unit: '/s',
      floor: rawFloor(N / withWrites.seconds),
    });
    console.log('\npeak resident memory');
    console.log(`  producer service + bench clients (this process)  ${memoryOf(process.pid)?.peakMb.toFixed(0)} MB`);
    console.log(`  consumer service process                          ${memoryOf(consumer.pid ?? 0)?.peakMb.toFixed(0)} MB`);
  } finally {
    for (const c of children) await stopProcess(c);
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
