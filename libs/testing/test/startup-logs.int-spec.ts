import { Role } from '@vangnet/contracts';
import { ChildProcess, spawn, spawnSync } from 'child_process';
import { join } from 'path';
import { infra, TestContext } from '../src';

// Issue 13, "logs that survive failure": a real service process (the bench's, built as the
// launcher builds it), watched from outside through its stdout.
const root = join(__dirname, '..', '..', '..');
const main = join(root, 'dist', 'libs', 'testing', 'bench', 'bench-service.main.js');
const TEST_BSN = '999990019';

interface Watched {
  child: ChildProcess;
  out: () => string;
  lines: () => Array<Record<string, unknown>>;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];

function run(env: Record<string, string>): Watched {
  const child = spawn(process.execPath, [main, 'consumer'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (d) => (out += d.toString()));
  child.stderr?.on('data', (d) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    out: () => out,
    // Every line must be JSON (the bench main's own "ready" line aside).
    lines: () =>
      out
        .split('\n')
        .filter((l) => l.trim() && l !== 'bench service ready')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    exited,
  };
}

async function until(test: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('logs that survive failure', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    const built = spawnSync(process.execPath, [join(root, 'tools', 'build.mjs')], { cwd: root, encoding: 'utf8' });
    expect(built.status).toBe(0);
    ctx = await TestContext.create();
  });

  afterEach(() => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  });

  afterAll(() => ctx.close());

  it('should say in JSON within a second, and every few seconds, that it waits for PostgreSQL, and keep those lines when killed', async () => {
    const port = await infra.freePort();
    const w = run(ctx.env({ DATABASE_URL: `postgres://vangnet:s3cret@127.0.0.1:${port}/x`, LOG_LEVEL: 'info', PORT: '0' }));
    const waiting = () => w.out().split('\n').filter((l) => l.includes('waiting for PostgreSQL')).length;
    // Loading Node and Nest takes seconds on a busy machine; the first attempt's line comes as
    // soon as the code runs, and the next ones every few seconds.
    await until(() => waiting() >= 1, 15_000);
    const firstSeen = Date.now();
    await until(() => waiting() >= 2, 6000);
    expect(Date.now() - firstSeen).toBeLessThan(5000);
    w.child.kill('SIGTERM');
    await w.exited;
    const lines = w.lines();
    const first = lines.find((l) => String(l.message).includes('waiting for PostgreSQL'));
    expect(first).toMatchObject({ level: 'warn', service: 'finance' });
    expect(String(first?.message)).toContain(`127.0.0.1:${port}`);
    expect(String(first?.message)).toContain('attempt 1');
    expect(lines.some((l) => String(l.message).includes('SIGTERM while starting'))).toBe(true);
    expect(w.out()).not.toContain('s3cret');
  }, 40_000);

  it('should say in JSON within a second, and every few seconds, that it waits for NATS, and go on when NATS comes', async () => {
    const port = await infra.freePort();
    const w = run(ctx.env({ NATS_URL: `nats://127.0.0.1:${port}`, LOG_LEVEL: 'info', PORT: '0' }));
    const waiting = () => w.out().split('\n').filter((l) => l.includes('waiting for NATS')).length;
    await until(() => waiting() >= 1, 15_000);
    const firstSeen = Date.now();
    await until(() => waiting() >= 2, 6000);
    expect(Date.now() - firstSeen).toBeLessThan(5000);
    const first = w.lines().find((l) => String(l.message).includes('waiting for NATS'));
    expect(first).toMatchObject({ level: 'warn', service: 'finance' });
    expect(String(first?.message)).toContain(`127.0.0.1:${port}`);
    expect(String(first?.message)).toContain('attempt 1');
    const nats = await infra.startNats({ port });
    try {
      await until(() => /listening on [1-9]\d*/.test(w.out()), 30_000);
      const answered = w.lines().find((l) => /^NATS at .* answered/.test(String(l.message)));
      expect(String(answered?.message)).toMatch(new RegExp(`NATS at 127\\.0\\.0\\.1:${port} answered after \\d+ attempts`));
    } finally {
      w.child.kill('SIGTERM');
      await w.exited;
      await nats.remove();
    }
  }, 60_000);

  it('should stop at start with one clear JSON message naming every bad setting', async () => {
    const bad = { VANGNET_PSEUDONYM_KEY: 'not-hex', PORT: '99999', DATABASE_URL: 'mysql://x/y', NATS_URL: 'not a url', LOG_LEVEL: 'chatty' };
    const w = run(ctx.env(bad));
    expect(await w.exited).toBe(1);
    const fatal = w.lines().find((l) => l.level === 'fatal');
    for (const name of Object.keys(bad)) expect(String(fatal?.message)).toContain(name);
  }, 30_000);

  it('should log no BSN at debug level, in URLs, problems or errors', async () => {
    const w = run(ctx.env({ LOG_LEVEL: 'debug', PORT: '0' }));
    await until(() => /listening on [1-9]\d*/.test(w.out()), 30_000);
    const port = /listening on ([1-9]\d*)/.exec(w.out())?.[1];
    const base = `http://127.0.0.1:${port}/api/finance`;
    const token = await ctx.token({ org: 'GM0546', roles: [Role.PLATFORM_OPERATOR], municipalities: ['GM0546'] });
    const auth = { authorization: `Bearer ${token}` };
    await fetch(`${base}/v1/persons?bsn=${TEST_BSN}`, { headers: auth });
    await fetch(`${base}/v1/dead-letters?consumer=${TEST_BSN}&bsn=${TEST_BSN}`, { headers: auth });
    await fetch(`${base}/v1/dead-letters?consumer=a%2C${TEST_BSN}%00`, { headers: auth });
    await fetch(`${base}/v1/processing-log/${TEST_BSN}?bsn=${TEST_BSN}`);
    await fetch(`${base}/v1/dead-letters/${TEST_BSN}/retry`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: `{"bsn":"${TEST_BSN}",` });
    await fetch(`${base}/v1/dead-letters/1/retry`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ bsn: TEST_BSN }) });
    w.child.kill('SIGTERM');
    await w.exited;
    const out = w.out();
    expect(out).toContain('"level":"debug"');
    expect(out).toContain('/v1/dead-letters?consumer=[redacted]');
    for (const form of [TEST_BSN, encodeURIComponent(TEST_BSN), '999%2099%2000%2019']) expect(out).not.toContain(form);
    w.lines();
  }, 40_000);
});
