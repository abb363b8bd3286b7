// bench: no-infrastructure
// The cost of how a service writes its log lines (libs/observability/src/logging.ts; issue 13:
// "asynchronous buffering only with a flush on exit and a small size, or synchronous writes;
// measure the cost in the bench"). A writer
// process logs request lines of the shape pino-http writes (about 400 bytes) to stdout, a pipe
// that this process drains, as a container runtime does; CPU per line in the writer, for:
//   - sync: one write(2) per line (nothing is ever pending; what the issue offers as the other way);
//   - ours: asynchronous, minLength 0 (libs/observability/src/logging.ts): a line goes out as soon
//     as the write before it finished, so at most one write's lines are pending, flushed at exit;
//   - 4 KB: asynchronous with a 4 KB buffer (fewer writes; a killed process loses up to 4 KB).
import { fork } from 'node:child_process';
import pino from 'pino';
import { report } from './measure';

const LINES = Number(process.env.BENCH_LOG_LINES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_LOG_ROUNDS ?? 3);
type Mode = 'sync' | 'ours' | '4k';
const MODES: Record<Mode, { sync: boolean; minLength: number; label: string }> = {
  sync: { sync: true, minLength: 0, label: 'synchronous writes' },
  ours: { sync: false, minLength: 0, label: 'asynchronous, minLength 0 (ours)' },
  '4k': { sync: false, minLength: 4096, label: 'asynchronous, 4 KB buffer' },
};

async function writer(mode: Mode): Promise<void> {
  const dest = pino.destination({ dest: 1, sync: MODES[mode].sync, minLength: MODES[mode].minLength });
  const log = pino({ base: { service: 'bench' }, timestamp: pino.stdTimeFunctions.isoTime, messageKey: 'message' }, dest);
  const req = { method: 'GET', url: '/api/procurement/v1/providers?limit=50', correlationId: '' };
  const res = { statusCode: 200 };
  const line = (i: number) =>
    log.info({ req: { ...req, correlationId: `4ae563dc-20d9-4e79-b361-${String(i).padStart(12, '0')}` }, res, responseTime: i % 17 }, 'request completed');
  for (let i = 0; i < 5_000; i++) line(i);
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  // In slices, as requests arrive: the event loop turns between them, so asynchronous writes
  // complete and the next batch goes out (a tight loop would measure one giant buffer).
  for (let done = 0; done < LINES; ) {
    for (const end = Math.min(LINES, done + 100); done < end; done++) line(done);
    await new Promise((r) => setImmediate(r));
  }
  dest.flushSync?.();
  const cpu = process.cpuUsage(c0);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.send?.({ cpuUs: (cpu.user + cpu.system) / LINES, perSecond: (LINES / ms) * 1000 });
}

async function measure(mode: Mode): Promise<{ cpuUs: number; perSecond: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], { env: { ...process.env, BENCH_LOG_WRITER: mode }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    let bytes = 0;
    child.stdout?.on('data', (b: Buffer) => (bytes += b.length));
    let result: { cpuUs: number; perSecond: number } | undefined;
    child.on('message', (m) => (result = m as typeof result));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 || !result) return reject(new Error(`writer ${mode} ended with ${code}`));
      // Every line reached the reader: nothing pending was lost at exit.
      if (bytes < LINES * 200) return reject(new Error(`writer ${mode}: only ${bytes} bytes arrived`));
      resolve(result);
    });
  });
}

async function main(): Promise<void> {
  const best: Partial<Record<Mode, { cpuUs: number; perSecond: number }>> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of Object.keys(MODES) as Mode[]) {
      const r = await measure(mode);
      if (!best[mode] || r.cpuUs < best[mode]!.cpuUs) best[mode] = r;
    }
  }
  const sync = best.sync!;
  for (const mode of Object.keys(MODES) as Mode[]) {
    const r = best[mode]!;
    console.log(`${MODES[mode].label}: ${r.cpuUs.toFixed(2)} µs CPU per line, ${Math.round(r.perSecond).toLocaleString('en')} lines/s (best of ${ROUNDS} × ${LINES.toLocaleString('en')})`);
    report({
      id: `observability.logging.${mode}.cpu-us`,
      label: `a request log line to a pipe, ${MODES[mode].label}, writer CPU`,
      value: r.cpuUs,
      unit: 'µs',
      ...(mode === 'sync' ? {} : { floor: { label: 'synchronous writes', value: sync.cpuUs, ratio: r.cpuUs / sync.cpuUs } }),
    });
  }
}

const role = process.env.BENCH_LOG_WRITER as Mode | undefined;
(role ? writer(role) : main()).catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
