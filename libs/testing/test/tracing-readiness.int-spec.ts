import { Role } from '@vangnet/contracts';
import { ChildProcess, spawn, spawnSync } from 'child_process';
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { infra, TestContext } from '../src';

// Issue 19: a real service process (the bench's finance service, built as the launcher builds it)
// on a NATS server of its own, watched from outside: its spans through VANGNET_TRACE_TEST_FILE,
// its log through stdout, its readiness through HTTP while its NATS server is frozen.
const root = join(__dirname, '..', '..', '..');
const main = join(root, 'dist', 'libs', 'testing', 'bench', 'bench-service.main.js');
const TEST_BSN = '999990019';

interface SpanLine {
  service: string;
  name: string;
  kind: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
}

interface OtlpBody {
  resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ traceId: string; spanId: string; parentSpanId?: string; name: string }> }> }>;
}

async function until(test: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('tracing, readiness and warnings of a running service', () => {
  let nats: infra.NatsInstance;
  let ctx: TestContext;
  let dir: string;
  let child: ChildProcess;
  let out = '';
  let base: string;
  // A stand-in OTLP/HTTP collector: what the service exports over the wire.
  let collector: Server;
  const exported: Array<{ url?: string; type?: string; body: Buffer }> = [];
  const spansFile = () => join(dir, 'spans.jsonl');
  const spans = (): SpanLine[] =>
    existsSync(spansFile())
      ? readFileSync(spansFile(), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as SpanLine)
      : [];
  // Every line the service printed must be JSON (the bench main's own "ready" line aside).
  const lines = () =>
    out
      .split('\n')
      .filter((l) => l.trim() && l !== 'bench service ready')
      .map((l) => {
        try {
          return JSON.parse(l) as Record<string, unknown>;
        } catch {
          throw new Error(`a line that is not JSON: ${l}`);
        }
      });

  beforeAll(async () => {
    const built = spawnSync(process.execPath, [join(root, 'tools', 'build.mjs')], { cwd: root, encoding: 'utf8' });
    expect(built.status).toBe(0);
    collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        exported.push({ url: req.url, type: req.headers['content-type'], body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    const otlp = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    nats = await infra.startNats();
    ctx = await TestContext.create({ natsUrl: nats.url });
    dir = mkdtempSync(join(tmpdir(), 'vangnet-trace-'));
    // A real Node deprecation (DEP0005, Buffer()), raised on demand from outside our code.
    const preload = join(dir, 'warn-on-signal.js');
    writeFileSync(preload, "process.on('SIGUSR2', () => { new Buffer(1); });\n");
    const env = ctx.env({ LOG_LEVEL: 'info', PORT: '0', VANGNET_TRACE_TEST_FILE: spansFile(), OTEL_EXPORTER_OTLP_ENDPOINT: otlp, OTEL_BSP_SCHEDULE_DELAY: '200', NODE_OPTIONS: `--require ${preload}` });
    child = spawn(process.execPath, [main, 'consumer'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d) => (out += d.toString()));
    child.stderr?.on('data', (d) => (out += d.toString()));
    await until(() => /listening on [1-9]\d*/.test(out), 40_000, 'the service to listen');
    base = `http://127.0.0.1:${/listening on ([1-9]\d*)/.exec(out)?.[1]}/api/finance`;
    await until(async () => (await fetch(`${base}/health/ready`)).status === 200, 20_000, 'readiness');
  }, 90_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await ctx?.close();
    await nats?.remove();
    await new Promise((r) => collector?.close(r));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('should record a server span in the caller’s trace, named by its route, and put its ids in the log', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parentId = '00f067aa0ba902b7';
    const token = await ctx.token({ org: 'GM0546', roles: [Role.PLATFORM_OPERATOR], municipalities: ['GM0546'] });
    const res = await fetch(`${base}/v1/dead-letters?consumer=${TEST_BSN}`, {
      headers: { authorization: `Bearer ${token}`, traceparent: `00-${traceId}-${parentId}-01` },
    });
    expect(res.status).toBe(200);
    await until(() => spans().some((s) => s.traceId === traceId), 5000, 'the span');
    const span = spans().find((s) => s.traceId === traceId);
    expect(span).toMatchObject({
      service: 'finance',
      kind: 'SERVER',
      name: 'GET /api/finance/v1/dead-letters',
      parentSpanId: parentId,
      attributes: { 'http.request.method': 'GET', 'http.route': '/api/finance/v1/dead-letters', 'http.response.status_code': 200 },
    });
    // No URL, no query, no personal data in any span.
    expect(readFileSync(spansFile(), 'utf8')).not.toContain(TEST_BSN);
    expect(JSON.stringify(span?.attributes)).not.toContain('?');
    // The request's log line carries the trace and the span.
    await until(() => lines().some((l) => l.trace_id === traceId), 5000, 'a log line with the trace id');
    const logged = lines().find((l) => l.trace_id === traceId);
    expect(logged?.span_id).toBe(span?.spanId);
    // The same span went to the OTLP collector (OTLP/HTTP with JSON encoding: ids in hex).
    const sent = () => exported.find((e) => e.body.toString('utf8').includes(span?.spanId as string));
    await until(() => sent() !== undefined, 5000, `the OTLP export (${exported.length} received)`);
    expect(sent()).toMatchObject({ url: '/v1/traces', type: 'application/json' });
    const otlpSpan = (JSON.parse(sent()?.body.toString('utf8') ?? '{}') as OtlpBody).resourceSpans
      .flatMap((r) => r.scopeSpans.flatMap((ss) => ss.spans))
      .find((x) => x.spanId === span?.spanId);
    expect(otlpSpan).toMatchObject({ traceId, parentSpanId: parentId, name: 'GET /api/finance/v1/dead-letters' });
    // A request without a traceparent starts a trace of its own.
    await fetch(`${base}/v1/dead-letters`, { headers: { authorization: `Bearer ${token}` } });
    await until(() => spans().filter((s) => s.name === 'GET /api/finance/v1/dead-letters').length === 2, 5000, 'a second span');
    const second = spans().filter((s) => s.name === 'GET /api/finance/v1/dead-letters')[1];
    expect(second.traceId).not.toBe(traceId);
    expect(second.parentSpanId).toBeUndefined();
  }, 30_000);

  it('should log Node’s own warnings as JSON lines, and print nothing else', async () => {
    child.kill('SIGUSR2');
    await until(() => out.includes('DEP0005'), 5000, 'the warning');
    const warning = lines().find((l) => String(l.message).includes('DEP0005'));
    expect(warning).toMatchObject({ level: 'warn', service: 'finance', context: 'Node' });
    expect(String(warning?.message)).toMatch(/^DeprecationWarning DEP0005: Buffer\(\) is deprecated/);
    expect(out).not.toContain('(node:');
  }, 15_000);

  it('should go not ready within 5 s of its NATS server freezing, and say so once', async () => {
    const before = lines().length;
    const pid = nats.pid();
    expect(pid).toBeDefined();
    process.kill(pid as number, 'SIGSTOP');
    const frozenAt = Date.now();
    let notReadyAfter: number | undefined;
    const statuses: number[] = [];
    try {
      // A probe every 250 ms, as a busy kubelet might, for 9 s of freeze.
      while (Date.now() - frozenAt < 9000) {
        const res = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(4000) });
        statuses.push(res.status);
        if (res.status === 503) {
          notReadyAfter ??= Date.now() - frozenAt;
          const body = (await res.json()) as { error: Record<string, { status: string }> };
          expect(body.error.nats.status).toBe('down');
          expect(res.headers.get('retry-after')).toBe('5');
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      process.kill(pid as number, 'SIGCONT');
    }
    expect(notReadyAfter).toBeDefined();
    expect(notReadyAfter).toBeLessThan(5000);
    // Once not ready it stays so while frozen.
    expect(statuses.slice(statuses.indexOf(503))).not.toContain(200);
    await until(async () => (await fetch(`${base}/health/ready`)).status === 200, 10_000, 'ready again');
    await new Promise((r) => setTimeout(r, 300));
    const logged = lines().slice(before);
    const readiness = logged.filter((l) => l.context === 'Readiness');
    expect(readiness.map((l) => [l.level, String(l.message).replace(/ after \d+ ms.*/, '').replace(/:.*/, '')])).toEqual([
      ['warn', 'not ready'],
      ['info', 'ready again'],
    ]);
    expect(String(readiness[0].message)).toContain('nats: no answer within');
    // No stack traces, no error lines per probe.
    expect(logged.filter((l) => l.level === 'error')).toEqual([]);
    expect(JSON.stringify(logged)).not.toContain('    at ');
  }, 40_000);
});
