// A private platform for the drills: its own PostgreSQL cluster and its own nats-server (or a
// cluster of three) in a temporary folder on free ports, and the services it needs started the
// way `npm start` starts them (tools/launcher: same flags, environment, NATS user per service).
// Nothing here touches the machine's shared PostgreSQL or NATS.
import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDatabase, serviceEnv, spawnService, waitReady } from '../launcher/start.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const infra = require('../../libs/testing/infra/infra.js');

/** The services a drill of the provision chain needs: the gateway (tokens, the way in), procurement (contract checks, tariffs), access (producer), finance (consumer). */
export const CHAIN = ['gateway', 'procurement', 'access', 'finance'];

/**
 * The NATS cluster block for server `i` of `ports.length` on loopback (each route to the others).
 * JetStream needs a server name per member; the store directory comes from startNats (-sd).
 */
function clusterConfig(i, routePorts) {
  const routes = routePorts.filter((_, j) => j !== i).map((p) => `nats-route://127.0.0.1:${p}`);
  return `server_name: drill-n${i + 1}\ncluster {\n  name: vangnet-drill\n  listen: 127.0.0.1:${routePorts[i]}\n  routes: [${routes.join(', ')}]\n}\n`;
}

export class Platform {
  /**
   * @param {{ services?: string[], natsServers?: 1 | 3, today?: string, say?: (m: string) => void }} opts
   */
  static async start(opts = {}) {
    const p = new Platform(opts);
    try {
      await p.boot();
    } catch (e) {
      await p.stop();
      throw e;
    }
    return p;
  }

  constructor({ services = CHAIN, natsServers = 1, today, say = () => undefined }) {
    this.names = services;
    this.natsServers = natsServers;
    this.today = today;
    this.say = say;
    this.base = mkdtempSync(join(tmpdir(), 'vangnet-drill-'));
    // mkdtemp makes it 0700: the postgres user must be able to pass through to its data folder.
    chmodSync(this.base, 0o755);
    this.children = new Map();
    this.nats = [];
  }

  async boot() {
    const quiet = process.env.VANGNET_INFRA_QUIET;
    process.env.VANGNET_INFRA_QUIET = '1';
    try {
      this.pg = await infra.startPostgres({ dataDir: join(this.base, 'postgres'), fast: true });
      const { natsUsers, natsServerAuthorization } = require(join(root, 'dist', 'libs', 'messaging', 'src', 'nats-auth.js'));
      this.users = natsUsers('');
      const auth = natsServerAuthorization(this.users);
      if (this.natsServers === 1) {
        this.nats.push(await infra.startNats({ storeDir: join(this.base, 'nats'), config: auth }));
      } else {
        const routePorts = [];
        for (let i = 0; i < this.natsServers; i++) routePorts.push(await infra.freePort());
        // Started together: a member waits for its peers before its JetStream answers.
        this.nats = await Promise.all(
          routePorts.map((_, i) => infra.startNats({ storeDir: join(this.base, `nats-${i + 1}`), config: clusterConfig(i, routePorts) + auth })),
        );
      }
    } finally {
      if (quiet === undefined) delete process.env.VANGNET_INFRA_QUIET;
      else process.env.VANGNET_INFRA_QUIET = quiet;
    }
    this.natsUrl = this.nats.map((n) => n.url).join(',');
    this.databaseUrl = await ensureDatabase(this.pg.url, 'vangnet');
    this.services = [];
    for (const name of this.names) this.services.push({ name, port: await infra.freePort() });
    this.env = {
      ...serviceEnv({ databaseUrl: this.databaseUrl, natsUrl: this.natsUrl, dataDir: this.base, services: this.services }),
      LOG_LEVEL: 'warn',
      ...(this.natsServers > 1 ? { VANGNET_JETSTREAM_REPLICAS: String(this.natsServers) } : {}),
      ...(this.today ? { VANGNET_TODAY: this.today } : {}),
    };
    // Procurement first: it owns the contracts, and access and finance ask it at once.
    const first = this.services.filter((s) => s.name === 'gateway' || s.name === 'procurement');
    await Promise.all(first.map((s) => this.startService(s.name)));
    await Promise.all(this.services.filter((s) => !first.includes(s)).map((s) => this.startService(s.name)));
    this.gateway = `http://127.0.0.1:${this.service('gateway').port}`;
  }

  service(name) {
    const s = this.services.find((x) => x.name === name);
    if (!s) throw new Error(`${name} is not part of this platform`);
    return s;
  }

  /** The unrestricted NATS user (the drills' checker and replayer). */
  get operator() {
    return this.users.find((u) => u.user === 'vangnet-operator');
  }

  /** Start a service and wait until /health/ready answers 200; returns the milliseconds it took. */
  async startService(name) {
    const s = this.service(name);
    const started = Date.now();
    const child = spawnService(s, this.env, { dataDir: this.base, natsUser: this.users.find((u) => u.user === name), echo: false });
    this.children.set(name, child);
    await waitReady(s, child, 240_000);
    return Date.now() - started;
  }

  /** kill -9 (or another signal); resolves when the process is gone. */
  async killService(name, signal = 'SIGKILL') {
    const child = this.children.get(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await gone;
  }

  /** Stops everything it started and removes its folder; `keepLogs` first copies the services' logs out and answers where. */
  async stop({ keepLogs = false } = {}) {
    await Promise.all(
      [...this.children.keys()].map(async (name) => {
        const child = this.children.get(name);
        if (child.exitCode !== null || child.signalCode !== null) return;
        const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await this.killService(name, 'SIGTERM');
        clearTimeout(t);
      }),
    );
    for (const n of this.nats) await n.stop().catch(() => undefined);
    if (this.pg) await this.pg.stop().catch(() => undefined);
    let logs;
    if (keepLogs && existsSync(join(this.base, 'logs'))) {
      logs = mkdtempSync(join(tmpdir(), 'vangnet-drill-logs-'));
      cpSync(join(this.base, 'logs'), logs, { recursive: true });
    }
    rmSync(this.base, { recursive: true, force: true });
    return logs;
  }
}
