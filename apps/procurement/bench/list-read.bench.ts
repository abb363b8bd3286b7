// `npm run bench -- --only list-read`: the front door (issue 21). `GET /api/procurement/v1/providers?limit=10`
// with 16 requests in flight, three ways, interleaved round by round in one run:
//   direct   — to the procurement service (dist/apps/procurement/src/main.js, as it runs in production);
//   gateway  — the same request through the gateway (dist/apps/gateway/src/main.js) to that service;
//   floor    — a plain node:http handler (list-read-floor.main.ts) running the same statement
//              through `pg` with the token verified by the same JwtVerifier (same library, same key).
// Targets: through the gateway ≥ 85 % of direct; the service ≥ 50 % of the floor. Beside the rates,
// the CPU each process spends per request (from /proc) and whether the gateway's upstream
// connections are reused (the connections to the service, counted in /proc/net/tcp, stay flat;
// no `connection: close`). Figures go out through `report()`; the bench fails only on errors,
// never on timing. The services log at `info` as in production (their stdout to a file).
import { Role } from '@vangnet/contracts';
import { infra, report, TestContext } from '@vangnet/testing';
import { ChildProcess, spawn } from 'child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'fs';
import http from 'http';
import { cpus, loadavg, tmpdir } from 'os';
import { join } from 'path';
import { Client } from 'pg';

const { freePort } = infra;

const PROVIDERS = Number(process.env.BENCH_PROVIDERS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 3000);
const WARM_MS = Number(process.env.BENCH_WARM_MS ?? 500);
const LOG_LEVEL = process.env.BENCH_SERVICE_LOG_LEVEL ?? 'info';
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR;
/** Which ways to measure (all three unless narrowed, e.g. for a profile of one process). */
const WAYS = (process.env.BENCH_WAYS ?? 'direct,gateway,floor').split(',') as Way[];
const PATH = '/api/procurement/v1/providers?limit=10';
const REGION = ['GM0546', 'GM0547', 'GM0579', 'GM0626', 'GM0638'];
const GATEWAY_TARGET = 0.85;
const FLOOR_TARGET = 0.5;

type Way = 'direct' | 'gateway' | 'floor';

interface Round {
  way: Way;
  perSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  /** CPU µs per request by process. */
  cpuUs: Record<string, number>;
}

async function main(): Promise<void> {
  const ctx = await TestContext.create();
  const logs = mkdtempSync(join(tmpdir(), 'vangnet-list-read-'));
  const [servicePort, gatewayPort, floorPort] = [await freePort(), await freePort(), await freePort()];
  const children: Array<{ name: string; child: ChildProcess }> = [];
  try {
    const env = { ...process.env, ...ctx.env(), HOST: '127.0.0.1', VANGNET_OPENAPI: 'false', DATABASE_POOL_SIZE: '5', LOG_LEVEL, VANGNET_TODAY: '2025-12-01' };
    const service = start('procurement', join(__dirname, '..', 'src', 'main.js'), { ...env, PORT: String(servicePort), PROCUREMENT_JOB_INTERVAL_MS: '0' }, logs);
    children.push({ name: 'procurement', child: service });
    await waitReady(`http://127.0.0.1:${servicePort}/api/procurement/health/ready`, service);
    const gateway = start(
      'gateway',
      join(__dirname, '..', '..', 'gateway', 'src', 'main.js'),
      { ...env, PORT: String(gatewayPort), VANGNET_PROCUREMENT_URL: `http://127.0.0.1:${servicePort}`, VANGNET_DEV_IDP: 'false', VANGNET_DATA_DIR: logs },
      logs,
    );
    children.push({ name: 'gateway', child: gateway });
    const floor = start('floor', join(__dirname, 'list-read-floor.main.js'), { ...env, PORT: String(floorPort) }, logs);
    children.push({ name: 'floor', child: floor });
    await waitReady(`http://127.0.0.1:${gatewayPort}/api/gateway/health/ready`, gateway);

    const manager = await ctx.token({ sub: 'bench', org: 'GM0546', roles: [Role.PROCUREMENT_CONTRACT_MANAGER], municipalities: REGION });
    await seed(servicePort, manager, PROVIDERS);
    // A municipal reader of the register (any municipal token reads non-personal data).
    const token = await ctx.token({ sub: 'reader', org: 'GM0546', roles: [Role.PROCUREMENT_CONTRACT_MANAGER], municipalities: ['GM0546'] });
    for (let i = 0; i < 100; i++) {
      if ((await get(floorPort, PATH, token).catch(() => ({ status: 0 }))).status === 200) break;
      await sleep(100);
    }

    const ports: Record<Way, number> = { direct: servicePort, gateway: gatewayPort, floor: floorPort };
    // The same answer three ways (the floor is a fair one only if it answers the same).
    const answers = await Promise.all((['direct', 'gateway', 'floor'] as Way[]).map((w) => get(ports[w], PATH, token)));
    for (const [i, a] of answers.entries()) if (a.status !== 200) throw new Error(`${['direct', 'gateway', 'floor'][i]} answered ${a.status}: ${a.body}`);
    const [d, g, f] = answers.map((a) => JSON.parse(a.body) as { items: unknown[]; nextCursor: string | null });
    if (JSON.stringify(d) !== JSON.stringify(g) || JSON.stringify(d) !== JSON.stringify(f)) throw new Error('direct, gateway and floor do not answer the same page');
    console.log(`the page: ${d.items.length} providers, next cursor ${d.nextCursor ? 'given' : 'none'}; through the gateway: connection: ${answers[1].headers.connection ?? '(none)'}`);
    const upstreamHeader = answers[0].headers.connection;

    const pids: Record<string, number | undefined> = { procurement: service.pid, gateway: gateway.pid, floor: floor.pid, bench: process.pid };
    const pg = new Client({ connectionString: ctx.db.url });
    await pg.connect();
    const dbName = (await pg.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
    const postgresPids = async () => (await pg.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName])).rows.map((r) => r.pid);

    const rounds: Round[] = [];
    const upstream: Array<{ round: number; established: number; timeWait: number }> = [];
    const before = tcpToPort(servicePort);
    console.log(`\n${ROUNDS} rounds of ${ROUND_MS / 1000} s per way, ${CONCURRENCY} in flight, interleaved (order rotates each round)`);
    for (let r = 0; r < ROUNDS; r++) {
      const order: Way[] = WAYS.map((_, i, all) => all[(i + r) % all.length]);
      for (const way of order) {
        const round = await run(way, ports[way], token, pids, await postgresPids());
        rounds.push(round);
        if (way === 'gateway') upstream.push({ round: r + 1, ...tcpToPort(servicePort) });
        console.log(
          `  ${way.padEnd(8)} ${round.perSecond.toFixed(0).padStart(6)} /s   p50 ${round.p50.toFixed(2).padStart(6)} ms   p99 ${round.p99.toFixed(2).padStart(6)} ms   ${round.errors} errors   CPU µs/request ${Object.entries(round.cpuUs)
            .filter(([, v]) => v > 0)
            .map(([k, v]) => `${k} ${v.toFixed(0)}`)
            .join(', ')}`,
        );
      }
    }
    await pg.end();

    const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
    const of = (way: Way) => rounds.filter((x) => x.way === way);
    const rate = (way: Way) => median(of(way).map((x) => x.perSecond));
    const cpu = (way: Way, proc: string) => median(of(way).map((x) => x.cpuUs[proc] ?? 0));
    const direct = rate('direct');
    const viaGateway = rate('gateway');
    const floorRate = rate('floor');
    const gatewayRatio = viaGateway / direct;
    const floorRatio = direct / floorRate;
    // The same ratios from CPU: what one request costs all processes together (service, gateway or
    // floor, PostgreSQL, the load generator). On a busy shared machine the rates swing with the
    // neighbours; the CPU per request holds better, and on 2 saturated cores rate ∝ 1 / CPU.
    const cpuTotal = (way: Way) => ['procurement', 'gateway', 'floor', 'postgres', 'bench'].reduce((n, proc) => n + cpu(way, proc), 0);
    const gatewayCpuRatio = cpuTotal('direct') / cpuTotal('gateway');
    const floorCpuRatio = cpuTotal('floor') / cpuTotal('direct');
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');

    console.log('\n| way | median /s | p50 ms | p99 ms | CPU µs/request: service | gateway | floor | PostgreSQL | bench |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const way of ['direct', 'gateway', 'floor'] as Way[]) {
      console.log(
        `| ${way} | ${rate(way).toFixed(0)} | ${median(of(way).map((x) => x.p50)).toFixed(2)} | ${median(of(way).map((x) => x.p99)).toFixed(2)} | ${cpu(way, 'procurement').toFixed(0)} | ${cpu(way, 'gateway').toFixed(0)} | ${cpu(way, 'floor').toFixed(0)} | ${cpu(way, 'postgres').toFixed(0)} | ${cpu(way, 'bench').toFixed(0)} |`,
      );
    }
    const after = tcpToPort(servicePort);
    console.log(
      `\nupstream connections to the service (ESTABLISHED, TIME_WAIT): before ${before.established}, ${before.timeWait}; after each gateway round ${upstream.map((u) => `${u.established}, ${u.timeWait}`).join(' | ')}; at the end ${after.established}, ${after.timeWait}`,
    );
    console.log(`the service's answer says connection: ${upstreamHeader ?? '(none: kept alive)'}`);
    console.log(`through the gateway: ${(gatewayRatio * 100).toFixed(0)} % of direct (target ≥ ${GATEWAY_TARGET * 100} %): ${gatewayRatio >= GATEWAY_TARGET ? 'met' : 'MISSED'}`);
    console.log(`the service: ${(floorRatio * 100).toFixed(0)} % of the floor (target ≥ ${FLOOR_TARGET * 100} %): ${floorRatio >= FLOOR_TARGET ? 'met' : 'MISSED'}`);
    console.log(
      `from CPU per request (all processes: direct ${cpuTotal('direct').toFixed(0)} µs, through the gateway ${cpuTotal('gateway').toFixed(0)} µs, floor ${cpuTotal('floor').toFixed(0)} µs): through the gateway ${(gatewayCpuRatio * 100).toFixed(0)} % of direct, the service ${(floorCpuRatio * 100).toFixed(0)} % of the floor`,
    );
    console.log(`machine: ${cpus().length} cores, load average ${load} (the machine is shared)`);

    if (WAYS.length < 3) return; // a narrowed run (a profile) reports nothing
    report({ id: 'procurement.list-read.direct-per-s', label: `GET ${PATH}, ${CONCURRENCY} in flight, direct to the service`, value: Math.round(direct), unit: '/s' });
    report({ id: 'gateway.list-read.per-s', label: `GET ${PATH}, ${CONCURRENCY} in flight, through the gateway`, value: Math.round(viaGateway), unit: '/s' });
    report({ id: 'procurement.list-read.floor-per-s', label: `the same read by a plain node:http handler (same SQL through pg, same token verification)`, value: Math.round(floorRate), unit: '/s' });
    report({
      id: 'gateway.list-read.ratio-to-direct',
      label: `GET ${PATH} through the gateway as a share of direct (${CONCURRENCY} in flight, interleaved)`,
      value: round2(gatewayRatio),
      unit: 'ratio',
      target: `≥ ${GATEWAY_TARGET} of direct`,
      met: gatewayRatio >= GATEWAY_TARGET,
      floor: { label: 'direct to the service /s', value: Math.round(direct), ratio: round2(gatewayRatio) },
    });
    report({
      id: 'procurement.list-read.ratio-to-floor',
      label: `GET ${PATH} on the service as a share of the plain node:http floor (${CONCURRENCY} in flight, interleaved)`,
      value: round2(floorRatio),
      unit: 'ratio',
      target: `≥ ${FLOOR_TARGET} of the floor`,
      met: floorRatio >= FLOOR_TARGET,
      floor: { label: 'plain node:http + pg /s', value: Math.round(floorRate), ratio: round2(floorRatio) },
    });
    report({
      id: 'gateway.list-read.cpu-ratio-to-direct',
      label: `GET ${PATH}: CPU per request of all processes direct, as a share of the same through the gateway`,
      value: round2(gatewayCpuRatio),
      unit: 'ratio',
      target: `≥ ${GATEWAY_TARGET}`,
      met: gatewayCpuRatio >= GATEWAY_TARGET,
      floor: { label: 'CPU µs per request, direct (all processes)', value: Math.round(cpuTotal('direct')), ratio: round2(gatewayCpuRatio) },
    });
    report({
      id: 'procurement.list-read.cpu-ratio-to-floor',
      label: `GET ${PATH}: CPU per request of all processes for the floor, as a share of the same for the service`,
      value: round2(floorCpuRatio),
      unit: 'ratio',
      target: `≥ ${FLOOR_TARGET}`,
      met: floorCpuRatio >= FLOOR_TARGET,
      floor: { label: 'CPU µs per request, floor (all processes)', value: Math.round(cpuTotal('floor')), ratio: round2(floorCpuRatio) },
    });
    report({ id: 'gateway.list-read.cpu-us', label: 'gateway CPU per proxied list read', value: Math.round(cpu('gateway', 'gateway')), unit: 'µs' });
    report({ id: 'procurement.list-read.cpu-us', label: 'service CPU per list read (direct)', value: Math.round(cpu('direct', 'procurement')), unit: 'µs' });
    const errors = rounds.reduce((n, x) => n + x.errors, 0);
    if (errors > 0) {
      console.error(`${errors} requests failed`);
      process.exitCode = 1;
    }
  } finally {
    for (const { child } of children.reverse()) {
      if (child.exitCode !== null) continue;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    await ctx.close();
    if (process.exitCode) console.error(`service logs kept in ${logs}`);
    else rmSync(logs, { recursive: true, force: true });
  }
}

function start(name: string, main: string, env: NodeJS.ProcessEnv, logs: string): ChildProcess {
  const out = openSync(join(logs, `${name}.log`), 'a');
  const flags = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`] : [];
  const child = spawn(process.execPath, ['--enable-source-maps', ...flags, main], { env, stdio: ['ignore', out, 'inherit'] });
  closeSync(out);
  return child;
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    const ok = await fetch(url)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`${url} did not become ready`);
}

async function seed(port: number, token: string, n: number): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (i < n) {
        const k = i++;
        const body = JSON.stringify({ agb: String(80_000_000 + k), kvk: String(40_000_000 + k), name: `Aanbieder ${k}`, kind: 'CARE_PROVIDER', contact: { email: `info@aanbieder${k}.nl` } });
        const res = await request(port, 'POST', '/api/procurement/v1/providers', token, body);
        if (res.status !== 201) throw new Error(`registering provider ${k}: ${res.status} ${res.body}`);
      }
    }),
  );
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(port: number, method: string, path: string, token: string, body?: string): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${token}` };
    if (body) Object.assign(headers, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const get = (port: number, path: string, token: string) => request(port, 'GET', path, token);

async function run(way: Way, port: number, token: string, pids: Record<string, number | undefined>, pgPids: number[]): Promise<Round> {
  const latencies: number[] = [];
  let errors = 0;
  let measuring = false;
  let stop = false;
  const worker = async () => {
    while (!stop) {
      const t0 = process.hrtime.bigint();
      const ok = await get(port, PATH, token).then(
        (r) => r.status === 200,
        () => false,
      );
      if (!measuring) continue;
      if (ok) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      else errors++;
    }
  };
  const workers = Array.from({ length: CONCURRENCY }, worker);
  await sleep(WARM_MS);
  (global as { gc?: () => void }).gc?.();
  const ticks0 = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuTicks(pid)]));
  const pg0 = pgPids.reduce((n, pid) => n + cpuTicks(pid), 0);
  measuring = true;
  const t0 = process.hrtime.bigint();
  await sleep(ROUND_MS);
  measuring = false;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpuUs: Record<string, number> = {};
  const count = Math.max(1, latencies.length);
  for (const [k, pid] of Object.entries(pids)) cpuUs[k] = ((cpuTicks(pid) - ticks0[k]) * 10_000) / count;
  cpuUs.postgres = ((pgPids.reduce((n, pid) => n + cpuTicks(pid), 0) - pg0) * 10_000) / count;
  stop = true;
  await Promise.all(workers);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? NaN;
  return { way, perSecond: latencies.length / seconds, p50: pct(50), p99: pct(99), requests: latencies.length, errors, cpuUs };
}

/** TCP connections to the service's port (server side), from /proc/net/tcp: ESTABLISHED and TIME_WAIT. */
function tcpToPort(port: number): { established: number; timeWait: number } {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  let established = 0;
  let timeWait = 0;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 4) continue;
      const local = f[1].split(':')[1];
      const remote = f[2].split(':')[1];
      // A connection to the service: its local port on the server side, or the remote port on the client side.
      if (local !== hex && remote !== hex) continue;
      if (f[3] === '01' && local === hex) established++;
      if (f[3] === '06') timeWait++;
    }
  }
  return { established, timeWait };
}

// utime + stime of a process in clock ticks (USER_HZ is 100 on Linux); 0 where /proc is missing.
function cpuTicks(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
