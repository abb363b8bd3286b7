#!/usr/bin/env node
// `npm start`: the whole platform on this machine with demo data. On a fresh clone it installs
// the dependencies, starts PostgreSQL and NATS (or uses DATABASE_URL / NATS_URL), builds, runs
// every service as its own process, waits until all are ready, loads the demo data and prints
// where everything is. Ctrl-C stops what it started and nothing else. Data stays in .vangnet/
// (or VANGNET_DATA_DIR) between runs. `--no-demo` skips the demo data.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from '../infra/deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const args = new Set(process.argv.slice(2));

export const SERVICES = [
  { name: 'gateway', port: 8080 },
  { name: 'procurement', port: 3004 },
  { name: 'access', port: 3001 },
  { name: 'finance', port: 3005 },
  { name: 'care-plans', port: 3002 },
  { name: 'housing', port: 3003 },
  { name: 'exchange', port: 3006 },
];

const say = (msg) => console.log(`[vangnet] ${msg}`);

// As in the containers (docker/Dockerfile): a small young generation and an old-space ceiling make
// V8 collect before a service passes 200 MB resident (it otherwise lets garbage pile up while memory
// is plentiful). Finance reads 100,000-line declarations in one request and gets more room.
const NODE_FLAGS = ['--enable-source-maps', '--max-semi-space-size=4'];
const HEAP_MB = { finance: 768 };
export const nodeFlags = (service) => [...NODE_FLAGS, `--max-old-space-size=${HEAP_MB[service] ?? 128}`];

function portFree(port) {
  return new Promise((res) => {
    const srv = net.createServer();
    srv.once('error', () => res(false));
    srv.listen(port, '0.0.0.0', () => srv.close(() => res(true)));
  });
}

export async function waitReady(svc, child, timeoutMs = 180_000) {
  const url = `http://127.0.0.1:${svc.port}/api/${svc.name}/health/ready`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${svc.name} exited with code ${child.exitCode}; see ${svc.logFile}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${svc.name} was not ready within ${timeoutMs / 1000} s; see ${svc.logFile}`);
}

export async function ensureDatabase(adminUrl, name) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rows.length) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export function pseudonymKey(dataDir) {
  if (process.env.VANGNET_PSEUDONYM_KEY) return process.env.VANGNET_PSEUDONYM_KEY;
  const file = join(dataDir, 'pseudonym.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** Newest modification time under a path (files only). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n))));
}

// The web pages (apps/web) are built with Vite to dist/web, which the gateway serves at `/`; only
// when their sources are newer than the last build, as the build takes a core for ten seconds.
function buildWebPages() {
  const web = join(root, 'apps', 'web');
  const shell = join(root, 'dist', 'web', 'index.html');
  if (!existsSync(web)) return;
  const sources = Math.max(newest(join(web, 'src')), newest(join(web, 'index.html')), newest(join(web, 'vite.config.ts')), newest(join(root, 'package-lock.json')));
  if (existsSync(shell) && statSync(shell).mtimeMs >= sources) return;
  say('building the web pages (apps/web → dist/web)…');
  const vite = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn', '-c', join(web, 'vite.config.ts')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (vite.status !== 0) throw new Error('the web pages did not build; see above');
}

/** The environment every service runs with (each gets its PORT and NATS user in spawnService). */
export function serviceEnv({ databaseUrl, natsUrl, dataDir, services }) {
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NATS_URL: natsUrl,
    VANGNET_DATA_DIR: dataDir,
    VANGNET_DEV_IDP: process.env.VANGNET_DEV_IDP ?? 'true',
    // The development issuer is named by the URL it is reached at (its OIDC discovery lives there).
    VANGNET_DEV_IDP_ISSUER: process.env.VANGNET_DEV_IDP_ISSUER ?? `http://localhost:${services[0].port}`,
    VANGNET_PSEUDONYM_KEY: pseudonymKey(dataDir),
    VANGNET_JWKS_URL: process.env.VANGNET_JWKS_URL ?? `http://127.0.0.1:${services[0].port}/.well-known/jwks.json`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  for (const s of services) env[`VANGNET_${s.name.toUpperCase().replace('-', '_')}_URL`] = `http://127.0.0.1:${s.port}`;
  return env;
}

/**
 * One service as its own process from dist/: full JSON logs to `<dataDir>/logs/<name>.log`,
 * warnings and errors also to the terminal (`echo: false` keeps the terminal quiet).
 */
export function spawnService(s, env, { dataDir, natsUser, echo = true }) {
  s.logFile = join(dataDir, 'logs', `${s.name}.log`);
  mkdirSync(dirname(s.logFile), { recursive: true });
  const log = createWriteStream(s.logFile, { flags: 'a' });
  const child = spawn(process.execPath, [...nodeFlags(s.name), join(root, 'dist', 'apps', s.name, 'src', 'main.js')], {
    cwd: root,
    env: { ...env, PORT: String(s.port), ...(natsUser ? { NATS_USER: natsUser.user, NATS_PASSWORD: natsUser.password } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Services write their logs in buffered blocks, so a chunk can end in the middle of a line.
  let partial = '';
  const relay = (chunk) => {
    log.write(chunk);
    if (!echo) return;
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (/"level":"(warn|error|fatal)"/.test(line) || (line.trim() && !line.startsWith('{'))) {
        let text = line;
        try {
          const j = JSON.parse(line);
          text = `${j.level}: ${j.message}`;
        } catch {
          /* plain text */
        }
        console.log(`  ${s.name.padEnd(12)}│ ${text.slice(0, 400)}`);
      }
    }
  };
  child.stdout.on('data', relay);
  child.stderr.on('data', relay);
  child.once('close', () => log.end());
  return child;
}

async function main() {
  ensureDependencies(root);
  const infra = require('../../libs/testing/infra/infra.js');
  const { loadDemoData } = await import('../demo/run.mjs');

  for (const s of SERVICES) {
    s.port = Number(process.env[`VANGNET_${s.name.toUpperCase().replace('-', '_')}_PORT`] ?? s.port);
    if (!(await portFree(s.port))) {
      throw new Error(`port ${s.port} (${s.name}) is in use — is the platform already running? Stop it, or set VANGNET_${s.name.toUpperCase().replace('-', '_')}_PORT`);
    }
  }

  const dataDir = resolve(process.env.VANGNET_DATA_DIR ?? join(root, '.vangnet'));
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  // Built in a child process, so the launcher does not keep SWC's memory for the whole run.
  const built = spawnSync(process.execPath, [join(root, 'tools', 'build.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (built.status !== 0) throw new Error('the build failed; see above');
  buildWebPages();
  say(`data and logs in ${dataDir}`);

  // The NATS this command starts gets a user per service with its permissions (ARCHITECTURE §6,
  // O5); one it is given (NATS_URL) is used as it is, without credentials unless NATS_USER is set.
  const { natsUsers, natsServerAuthorization } = require(join(root, 'dist', 'libs', 'messaging', 'src', 'nats-auth.js'));
  const users = process.env.NATS_URL ? undefined : natsUsers(process.env.VANGNET_SUBJECT_PREFIX ?? '');
  const started = await infra.ensureInfrastructure({ purpose: 'start', dataDir, natsConfig: users && natsServerAuthorization(users) });
  const natsUserOf = (name) => (users && started.natsStarted ? users.find((u) => u.user === name) : undefined);
  const operator = natsUserOf('vangnet-operator');
  if (operator) say('NATS runs with a user per service (nats.conf in the data directory)');
  const children = [];
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await Promise.all(
      children.map(
        (c) =>
          new Promise((res) => {
            if (c.exitCode !== null) return res();
            const t = setTimeout(() => c.kill('SIGKILL'), 15_000);
            c.once('exit', () => {
              clearTimeout(t);
              res();
            });
            c.kill('SIGTERM');
          }),
      ),
    );
    await started.stop();
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const databaseUrl = process.env.DATABASE_URL ?? (await ensureDatabase(started.env.DATABASE_URL, 'vangnet'));
    const gateway = `http://localhost:${SERVICES[0].port}`;
    const env = serviceEnv({ databaseUrl, natsUrl: started.env.NATS_URL, dataDir, services: SERVICES });

    for (const s of SERVICES) {
      const child = spawnService(s, env, { dataDir, natsUser: natsUserOf(s.name) });
      children.push(child);
      child.on('exit', (code, signal) => {
        if (!stopping) {
          say(`${s.name} stopped unexpectedly (${signal ?? code}); see ${s.logFile}`);
          void stop(1);
        }
      });
    }

    await Promise.all(SERVICES.map((s, i) => waitReady(s, children[i])));
    say(`all ${SERVICES.length} services are ready`);

    // Demo loaders that stand in for a service not built yet publish its events (access: a provider's request).
    process.env.NATS_URL ??= env.NATS_URL;
    if (operator) Object.assign(process.env, { NATS_USER: operator.user, NATS_PASSWORD: operator.password });
    if (!args.has('--no-demo')) await loadDemoData(gateway, (m) => say(m));

    console.log(`
  Vangnet is running.

  Gateway          ${gateway}
  Web pages        ${gateway}/  (sign in with the development issuer: pick roles and municipalities)
  A token          curl -s -X POST ${gateway}/api/gateway/v1/dev/token -H 'content-type: application/json' \\
                     -d '{"sub":"anne","org":"GM0546","roles":["access.caseworker","access.decision-maker","procurement.contract-manager","finance.controller","auditor"],"municipalities":["GM0546","GM0547","GM0579","GM0626","GM0638"]}'
  Then             curl -s ${gateway}/api/procurement/v1/providers -H "Authorization: Bearer $TOKEN"
  OpenAPI          ${SERVICES.slice(1).map((s) => `http://localhost:${s.port}/api/${s.name}/docs`).join('\n                   ')}
  Health           ${gateway}/api/<service>/health/ready   Metrics: http://localhost:<service port>/api/<service>/metrics
                   (each service's /docs and /metrics on its own port: the gateway does not serve them to the outside)
  Logs             ${join(dataDir, 'logs')}

  Ctrl-C stops everything this command started.
`);
  } catch (e) {
    console.error(`[vangnet] ${e.message}`);
    await stop(1);
  }
}

// Run as `npm start`; imported (by the drills, tools/drills) for its functions only.
if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  main().catch((e) => {
    console.error(`[vangnet] ${e.message}`);
    process.exit(1);
  });
}
