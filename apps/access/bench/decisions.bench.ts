// `npm run bench -- --only access`: decisions granted per second over HTTP (each asks procurement's
// contract check), the p99 from the HTTP response to `access.provision.granted.v1` being consumed
// from JetStream (saturated, and paced below saturation), and the p99 of a person lookup by BSN
// among 1,000,000 persons next to the machine's floor. Access and procurement run from dist/ as
// child processes, as in production; the bench process only drives HTTP and consumes the events.
// It prints the CPU each part spends per decision, so a miss can be told from a busy machine, and
// reports its figures for docs/benchmarks.md (issue 21: CPU per decision, decisions/s, the lookup's
// p99 as a ratio to the do-nothing route's). Fails (exit 1) when a target is missed.
import { CONTRACT_CHECK, PROVISION_GRANTED_V1, Role } from '@vangnet/contracts';
import { prefixed, streamName } from '@vangnet/messaging';
import { infra, report, TestContext } from '@vangnet/testing';
import { ChildProcess, spawn } from 'child_process';
import { existsSync, readdirSync, readFileSync } from 'fs';
import http from 'http';
import { cpus, loadavg } from 'os';
import { AckPolicy, DeliverPolicy, nanos } from 'nats';
import { join, resolve } from 'path';
import { Client } from 'pg';

const TODAY = '2026-11-23';
const PERSONS = Number(process.env.ACCESS_BENCH_PERSONS ?? 1_000_000);
const DECISIONS = Number(process.env.ACCESS_BENCH_DECISIONS ?? 3000);
const WARMUP = 300;
const CONCURRENCY = Number(process.env.ACCESS_BENCH_CONCURRENCY ?? 24);
const LOOKUPS = 3000;
/** The paced phase: decisions per second offered at a steady rate, for the event latency below saturation. */
const PACED_RATE = Number(process.env.ACCESS_BENCH_PACED_RATE ?? 100);
const PACED_SECONDS = 10;
// Issue 21: ≤ 3.5 ms of CPU per decision in all (access, PostgreSQL, procurement), so ≥ 400/s on 2
// quiet cores; the lookup's p99 within 2× of a route that does nothing, measured interleaved.
const TARGET = { decisionsPerSecond: 400, cpuMsPerDecision: 3.5, grantedP99Ms: 100, lookupRatioToFloor: 2 };
const PROVIDER = '98000001';
const LEIDEN = 'GM0546';
const REGION = ['GM0546', 'GM0547', 'GM0579', 'GM0626', 'GM0638'];

const root = resolve(__dirname, '..', '..', '..', '..');
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(port: number, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: { authorization: `Bearer ${token}`, ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function stats(values: number[]): string {
  const s = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(s, 0.5).toFixed(2)} ms, p95 ${percentile(s, 0.95).toFixed(2)} ms, p99 ${percentile(s, 0.99).toFixed(2)} ms, max ${s[s.length - 1].toFixed(2)} ms`;
}

async function waitReady(port: number, service: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${service} exited with ${child.exitCode}`);
    const ok = await request(port, 'GET', `/api/${service}/health/ready`, 'none').then((r) => r.status === 200).catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${service} was not ready within ${timeoutMs} ms`);
}

function startService(service: string, env: Record<string, string>): ChildProcess {
  const main = join(root, 'dist', 'apps', service, 'src', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is not built`);
  // BENCH_PROFILE_DIR=<dir> writes a CPU profile of each service process there.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, ['--enable-source-maps', ...profile, main], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  return child;
}

/** CPU time (ms) used so far by a process, from /proc (Linux); 0 elsewhere. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** CPU time (ms) of every process of the PostgreSQL server the bench's database is on (its postmaster's children). */
async function postgresCpuMs(db: Client): Promise<{ server: number; database: Map<number, number> }> {
  const { rows } = await db.query<{ pid: number; own: boolean }>(
    // This database's sessions and the server's own processes (WAL writer, checkpointer, …), not other databases' sessions.
    `SELECT pid, (datname = current_database() OR datname IS NULL) AS own FROM pg_stat_activity`,
  );
  const backend = rows.find((r) => r.own)?.pid;
  const postmaster = backend === undefined ? undefined : parentOf(backend);
  let server = postmaster === undefined ? 0 : cpuMs(postmaster);
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || postmaster === undefined) continue;
    if (parentOf(Number(d)) === postmaster) server += cpuMs(Number(d));
  }
  return { server, database: new Map(rows.filter((r) => r.own).map((r) => [r.pid, cpuMs(r.pid)])) };
}

/**
 * pg_stat_statements for this database, when the server loads it (shared_preload_libraries):
 * the statements per decision, found by count and time. Undefined where it is not available.
 */
async function statementStats(db: Client): Promise<{ reset(): Promise<void>; print(per: number): Promise<void> } | undefined> {
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await db.query('SELECT 1 FROM pg_stat_statements LIMIT 1');
  } catch {
    return undefined;
  }
  const thisDb = '(SELECT oid FROM pg_database WHERE datname = current_database())';
  return {
    reset: async () => void (await db.query(`SELECT pg_stat_statements_reset(0, ${thisDb}, 0)`)),
    print: async (per: number) => {
      const { rows } = await db.query<{ calls: string; ms: number; query: string }>(
        `SELECT calls, total_exec_time + total_plan_time AS ms, regexp_replace(query, '\\s+', ' ', 'g') AS query
           FROM pg_stat_statements WHERE dbid = ${thisDb} ORDER BY calls DESC, ms DESC LIMIT 20`,
      );
      const calls = rows.reduce((n, r) => n + Number(r.calls), 0);
      console.log(`  statements per decision (pg_stat_statements, this database): ${(calls / per).toFixed(1)} in all; the most frequent:`);
      for (const r of rows.slice(0, 12)) console.log(`    ${(Number(r.calls) / per).toFixed(2).padStart(6)} × ${(r.ms / Number(r.calls)).toFixed(3)} ms  ${r.query.slice(0, 140)}`);
    },
  };
}

function parentOf(pid: number): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** CPU (ms) this database's sessions and the server's own processes spent between two samples (a session that ended is lost). */
function databaseCpuMs(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

function machineBusy(): { busy: number; total: number } {
  const [, ...v] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const n = v.map(Number);
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: total - n[3] - n[4], total };
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** The real procurement service with one contract for the bench provider, or a stand-in when it cannot start. */
async function procurementFor(ctx: TestContext, children: ChildProcess[]): Promise<{ how: string; child?: ChildProcess }> {
  try {
    const port = await infra.freePort();
    const child = startService('procurement', ctx.env({ PORT: String(port), VANGNET_TODAY: TODAY, PROCUREMENT_JOB_INTERVAL_MS: '0', DATABASE_POOL_SIZE: '4' }));
    children.push(child);
    await waitReady(port, 'procurement', child);
    const manager = await ctx.token({ sub: 'bench-manager', org: LEIDEN, roles: [Role.PROCUREMENT_CONTRACT_MANAGER], municipalities: REGION });
    const provider = await request(port, 'POST', '/api/procurement/v1/providers', manager, {
      agb: PROVIDER,
      kvk: '41160001',
      name: 'Zorggroep Rijnland',
      kind: 'CARE_PROVIDER',
      contact: { email: 'info@zorggroep-rijnland.example.nl' },
    });
    if (provider.status !== 201) throw new Error(`provider: ${provider.status} ${provider.body}`);
    const contract = await request(port, 'POST', '/api/procurement/v1/contracts', manager, {
      reference: 'BENCH-2026',
      providerAgb: PROVIDER,
      municipalities: REGION,
      term: { start: '2026-01-01', end: '2027-12-31' },
      products: [{ product: { category: '02' }, variant: 'EFFORT', unit: 'HOUR', tariffs: [{ year: 2026, tariffCents: 6540 }, { year: 2027, tariffCents: 6780 }] }],
    });
    if (contract.status !== 201) throw new Error(`contract: ${contract.status} ${contract.body}`);
    return { how: `the real procurement service (dist/apps/procurement, contract ${JSON.parse(contract.body).contractId})`, child };
  } catch (e) {
    for (const c of children.splice(0)) c.kill('SIGTERM');
    const reply = Buffer.from(
      JSON.stringify({ ok: true, contractId: '7b1c2d3e-0000-4000-8000-000000000001', variant: 'EFFORT', unit: 'HOUR', tariffCents: 6540, crisis: false }),
    );
    ctx.nc.subscribe(prefixed(CONTRACT_CHECK), { callback: (_err, msg) => msg.respond(reply) });
    return { how: `a STAND-IN responder in the bench process (procurement could not be used: ${(e as Error).message})` };
  }
}

async function seed(db: Client): Promise<void> {
  const started = Date.now();
  // Distinct nine-digit BSNs that pass the eleven-proof: prefix p = 10,000,000 + 2i, check digit
  // = weighted sum mod 11; when that is 10, p + 1 (whose check digit is then 1).
  await db.query(
    // The identity in person, what the municipality knows in its person_record (ADR 0051); one statement, so the foreign key holds at its end.
    `WITH s AS (
       SELECT gen_random_uuid() AS id, CASE WHEN c = 10 THEN (p + 1)::text || '1' ELSE p::text || c::text END AS bsn, i, m
         FROM (SELECT i, p, (ARRAY['GM0546','GM0547','GM0579','GM0626','GM0638'])[1 + i % 5] AS m,
                      (9 * (p / 10000000 % 10) + 8 * (p / 1000000 % 10) + 7 * (p / 100000 % 10) + 6 * (p / 10000 % 10)
                       + 5 * (p / 1000 % 10) + 4 * (p / 100 % 10) + 3 * (p / 10 % 10) + 2 * (p % 10)) % 11 AS c
                 FROM (SELECT i, 10000000 + 2 * i AS p FROM generate_series(1, $1::int) AS i) s0) t),
     persons AS (INSERT INTO access.person (id, bsn) SELECT id, bsn FROM s)
     INSERT INTO access.person_record (person_id, municipality, given_name, family_name, birth_date, brp_municipality)
     SELECT id, m, 'Bench', 'Persoon ' || i, date '1940-01-01' + (i % 25000), m FROM s`,
    [PERSONS],
  );
  await db.query('ANALYZE access.person');
  await db.query('ANALYZE access.person_record');
  console.log(`seeded ${PERSONS.toLocaleString('en')} persons in ${((Date.now() - started) / 1000).toFixed(1)} s (set-based SQL)`);
}

async function applications(db: Client, n: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `WITH a AS (
       INSERT INTO access.application (id, person_id, municipality, law, received_at)
       SELECT gen_random_uuid(), r.person_id, 'GM0546', 'WMO', date '2026-11-20' FROM access.person_record r
        WHERE r.municipality = 'GM0546' AND r.brp_municipality = 'GM0546' AND r.family_name LIKE 'Persoon %' AND NOT EXISTS (SELECT 1 FROM access.application x WHERE x.person_id = r.person_id)
        LIMIT $1 RETURNING id, person_id)
     , d AS (INSERT INTO access.deadline (id, kind, case_id, municipality, person_id, start_date, counts_from, term_days, due_date)
             SELECT gen_random_uuid(), 'DECISION', id, 'GM0546', person_id, date '2026-11-20', date '2026-11-20', 14, date '2026-12-04' FROM a)
     SELECT id FROM a`,
    [n],
  );
  return rows.map((r) => r.id);
}

async function main(): Promise<void> {
  const ctx = await TestContext.create();
  const children: ChildProcess[] = [];
  let ok = true;
  const db = new Client({ connectionString: ctx.db.url });
  try {
    await db.connect();
    const procurement = await procurementFor(ctx, children);
    const port = await infra.freePort();
    const access = startService('access', ctx.env({ PORT: String(port), VANGNET_TODAY: TODAY, ACCESS_JOB_INTERVAL_MS: '0', DATABASE_POOL_SIZE: '8' }));
    children.push(access);
    await waitReady(port, 'access', access);
    console.log(`access ready; contract check answered by ${procurement.how}`);
    await seed(db);

    const token = await ctx.token({ sub: 'bench', org: LEIDEN, roles: [Role.ACCESS_DECISION_MAKER, Role.ACCESS_CASEWORKER], municipalities: REGION });

    // Person lookup by BSN among all persons, one at a time (each read also writes its
    // processing-log record), next to the floor of this machine: a route that does nothing.
    const { rows: sample } = await db.query<{ bsn: string }>(`SELECT bsn FROM access.person ORDER BY random() LIMIT $1`, [LOOKUPS + 200]);
    for (const s of sample.slice(0, 200)) await request(port, 'POST', '/api/access/v1/persons/search', token, { bsn: s.bsn });
    const lookups: number[] = [];
    const floor: number[] = [];
    for (const s of sample.slice(200)) {
      let t0 = performance.now();
      const res = await request(port, 'POST', '/api/access/v1/persons/search', token, { bsn: s.bsn });
      lookups.push(performance.now() - t0);
      if (res.status !== 200 || !res.body.includes(s.bsn)) throw new Error(`lookup ${s.bsn}: ${res.status} ${res.body}`);
      t0 = performance.now();
      await request(port, 'GET', '/api/access/health/live', token);
      floor.push(performance.now() - t0);
    }
    const lookupP99 = percentile([...lookups].sort((a, b) => a - b), 0.99);
    const floorP99 = percentile([...floor].sort((a, b) => a - b), 0.99);
    const lookupRatio = lookupP99 / floorP99;
    console.log(`person by BSN among ${PERSONS.toLocaleString('en')} (${lookups.length} lookups, one at a time, each with its processing-log record committed): ${stats(lookups)}`);
    console.log(`  machine floor, GET /health/live interleaved: ${stats(floor)}`);
    console.log(`  lookup p99 ${lookupP99.toFixed(2)} ms / floor p99 ${floorP99.toFixed(2)} ms = ${lookupRatio.toFixed(2)}× (target ≤ ${TARGET.lookupRatioToFloor}×)`);
    report({
      id: 'access.lookup.p99-ratio-to-empty',
      label: `person lookup by BSN among ${PERSONS.toLocaleString('en')}, p99, as a ratio to a do-nothing route's p99 (interleaved)`,
      value: Number(lookupRatio.toFixed(2)),
      unit: '×',
      target: `≤ ${TARGET.lookupRatioToFloor}×`,
      met: lookupRatio <= TARGET.lookupRatioToFloor,
      floor: { label: 'GET /health/live p99 (ms), interleaved', value: Number(floorP99.toFixed(2)), ratio: Number(lookupRatio.toFixed(2)) },
    });

    // Consume provision.granted from JetStream as a consumer service would.
    const jsm = await ctx.nc.jetstreamManager();
    const stream = streamName('access');
    const info = await jsm.consumers.add(stream, {
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.New,
      filter_subject: prefixed(PROVISION_GRANTED_V1),
      inactive_threshold: nanos(120_000),
    });
    const consumed = new Map<string, number>();
    const messages = await (await ctx.nc.jetstream().consumers.get(stream, info.name)).consume({ max_messages: 2000 });
    void (async () => {
      for await (const m of messages) {
        const at = performance.now();
        const envelope = JSON.parse(Buffer.from(m.data).toString('utf8'));
        consumed.set(envelope.data.decisionId, at);
      }
    })().catch(() => undefined);

    const pacedCount = PACED_RATE * PACED_SECONDS;
    const apps = await applications(db, WARMUP + DECISIONS + pacedCount);
    const responded = new Map<string, number>();
    const decide = async (applicationId: string) => {
      const res = await request(port, 'POST', '/api/access/v1/decisions', token, {
        applicationId,
        decidedAt: TODAY,
        provisions: [
          {
            product: { category: '02' },
            deliveryForm: 'IN_KIND',
            providerAgb: PROVIDER,
            volume: { amount: 4, unit: 'HOUR', frequency: 'PER_WEEK' },
            period: { start: '2026-12-01', end: '2027-11-30' },
          },
        ],
      });
      const at = performance.now();
      if (res.status !== 201) throw new Error(`decision: ${res.status} ${res.body}`);
      responded.set(JSON.parse(res.body).id, at);
    };
    const latencies = async () => {
      const deadline = Date.now() + 30_000;
      while ([...responded.keys()].some((id) => !consumed.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const missing = [...responded.keys()].filter((id) => !consumed.has(id)).length;
      // An event may be consumed before its HTTP response is read: that counts as 0 ms.
      const values = [...responded.entries()].filter(([id]) => consumed.has(id)).map(([id, at]) => Math.max(0, (consumed.get(id) as number) - at));
      responded.clear();
      return { values, missing };
    };

    await pool(apps.slice(0, WARMUP), CONCURRENCY, decide);
    await latencies();

    // Saturated: as many decisions as the services take, CONCURRENCY at a time.
    const statements = await statementStats(db);
    await statements?.reset();
    const cpu0 = { access: cpuMs(access.pid), procurement: cpuMs(procurement.child?.pid), postgres: await postgresCpuMs(db), bench: process.cpuUsage() };
    const busy0 = machineBusy();
    const t0 = performance.now();
    await pool(apps.slice(WARMUP, WARMUP + DECISIONS), CONCURRENCY, decide);
    const seconds = (performance.now() - t0) / 1000;
    const busy1 = machineBusy();
    const cpu1 = { access: cpuMs(access.pid), procurement: cpuMs(procurement.child?.pid), postgres: await postgresCpuMs(db) };
    const rate = DECISIONS / seconds;
    const per = (ms: number) => ms / DECISIONS;
    const cpu = {
      access: per(cpu1.access - cpu0.access),
      procurement: per(cpu1.procurement - cpu0.procurement),
      postgres: per(databaseCpuMs(cpu0.postgres.database, cpu1.postgres.database)),
      postgresServer: per(cpu1.postgres.server - cpu0.postgres.server),
    };
    const cpuTotal = cpu.access + cpu.postgres + cpu.procurement;
    const benchCpu = process.cpuUsage(cpu0.bench);
    const saturated = await latencies();
    console.log(`decisions granted over HTTP (1 in-kind provision each, contract check included, ${CONCURRENCY} concurrent): ${DECISIONS} in ${seconds.toFixed(2)} s = ${rate.toFixed(0)}/s`);
    console.log(`  HTTP response → provision.granted consumed, saturated: ${stats(saturated.values)}${saturated.missing ? `, ${saturated.missing} NOT consumed within 30 s` : ''}`);
    console.log(
      `  CPU per decision: access ${cpu.access.toFixed(2)} ms + PostgreSQL ${cpu.postgres.toFixed(2)} ms (this database's sessions and the server's own processes; ` +
        `${cpu.postgresServer.toFixed(2)} ms for the whole server, other sessions included) + procurement ${cpu.procurement.toFixed(2)} ms = ${cpuTotal.toFixed(2)} ms ` +
        `(target ≤ ${TARGET.cpuMsPerDecision} ms); bench ${((benchCpu.user + benchCpu.system) / 1000 / DECISIONS).toFixed(2)} ms; ` +
        `machine ${((100 * (busy1.busy - busy0.busy)) / (busy1.total - busy0.total)).toFixed(0)}% busy on ${cpus().length} cores (other sessions included), load average ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    );
    if (statements) await statements.print(DECISIONS);
    else console.log('  statements per decision: pg_stat_statements is not loaded on this server (shared_preload_libraries)');
    report({
      id: 'access.decisions.cpu-ms',
      label: `CPU per granted decision with its contract check: access ${cpu.access.toFixed(2)} + PostgreSQL ${cpu.postgres.toFixed(2)} + procurement ${cpu.procurement.toFixed(2)} ms`,
      value: Number(cpuTotal.toFixed(2)),
      unit: 'ms',
      target: `≤ ${TARGET.cpuMsPerDecision} ms`,
      met: cpuTotal <= TARGET.cpuMsPerDecision,
    });
    report({
      id: 'access.decisions.per-second',
      label: `decisions granted per second over HTTP, ${CONCURRENCY} concurrent (contract check included)`,
      value: Math.round(rate),
      unit: '/s',
      target: `≥ ${TARGET.decisionsPerSecond}/s`,
      met: rate >= TARGET.decisionsPerSecond,
    });

    // Paced: a steady PACED_RATE decisions per second, below saturation, for the event latency.
    const paced = apps.slice(WARMUP + DECISIONS);
    const tp = performance.now();
    await Promise.all(
      paced.map(async (id, i) => {
        const wait = tp + (i * 1000) / PACED_RATE - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        await decide(id);
      }),
    );
    const steady = await latencies();
    await messages.close();
    console.log(`  HTTP response → provision.granted consumed, paced at ${PACED_RATE}/s for ${PACED_SECONDS} s: ${stats(steady.values)}${steady.missing ? `, ${steady.missing} NOT consumed within 30 s` : ''}`);
    const sorted = [...steady.values].sort((a, b) => a - b);
    const missing = steady.missing + saturated.missing;
    report({ id: 'access.granted.paced-p99-ms', label: `HTTP response → provision.granted consumed, paced at ${PACED_RATE}/s, p99`, value: percentile(sorted, 0.99), unit: 'ms', target: `≤ ${TARGET.grantedP99Ms} ms`, met: missing === 0 && percentile(sorted, 0.99) <= TARGET.grantedP99Ms });

    const checks = [
      [`decisions/s ≥ ${TARGET.decisionsPerSecond}`, rate >= TARGET.decisionsPerSecond],
      [`CPU per decision ≤ ${TARGET.cpuMsPerDecision} ms`, cpuTotal <= TARGET.cpuMsPerDecision],
      [`granted p99 ≤ ${TARGET.grantedP99Ms} ms (paced)`, missing === 0 && percentile(sorted, 0.99) <= TARGET.grantedP99Ms],
      [`lookup p99 ≤ ${TARGET.lookupRatioToFloor}× the floor's p99`, lookupRatio <= TARGET.lookupRatioToFloor],
    ] as const;
    for (const [what, met] of checks) {
      console.log(`${met ? 'ok    ' : 'MISSED'} ${what}`);
      ok = ok && met;
    }
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode !== null ? undefined : new Promise((r) => c.once('exit', r)))));
    await db.end().catch(() => undefined);
    await ctx.close();
    agent.destroy();
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
