import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SERVICES as REGISTRY } from '@vangnet/contracts';
import { createTestDatabase, infra, natsUrl, TestDatabase, testRunId } from '@vangnet/testing';
import { connect } from 'nats';

const root = join(__dirname, '..', '..');
/** Every service of the registry, the gateway first (its port is the platform's origin). */
export const SERVICES = ['gateway', ...REGISTRY.filter((s) => s !== 'gateway')];

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** How a test starts the platform: its date, demo data, log level, NATS and extra environment. */
interface StartOptions {
  today?: string;
  demo?: boolean;
  logLevel?: string;
  ownNats?: boolean;
  env?: Record<string, string>;
}

/**
 * The whole platform started the way a user starts it (`npm start`'s launcher: one process per service,
 * demo data), on this run's PostgreSQL in a fresh database and on its NATS under its own subject
 * prefix, driven only over HTTP through the gateway.
 */
export class RunningPlatform {
  private constructor(
    readonly gateway: string,
    private readonly launcher: ChildProcess,
    private readonly db: TestDatabase,
    private readonly dataDir: string,
    private readonly prefix: string,
    readonly output: () => string,
    private readonly ownNats: boolean,
    private readonly servicePorts: Record<string, number>,
  ) {}

  /**
   * `logLevel` (default warn) for every service; `ownNats`: the launcher starts its own NATS with
   * a user per service (as `npm start` does), instead of using the run's shared one.
   */
  static async start(opts: StartOptions = {}): Promise<RunningPlatform> {
    // The ports are free when picked and taken when the services listen: another test's process
    // can take one in between (CI saw EADDRINUSE). Then the platform starts again on other ports.
    for (let attempt = 1; ; attempt++) {
      try {
        return await RunningPlatform.startOnce(opts);
      } catch (e) {
        if (attempt >= 3 || !(e as Error).message.includes('EADDRINUSE')) throw e;
      }
    }
  }

  private static async startOnce(opts: StartOptions): Promise<RunningPlatform> {
    const db = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'vangnet-e2e-'));
    // The run's naming, so the global teardown finds anything a failed run leaves behind.
    const prefix = `t${testRunId()}x${randomBytes(3).toString('hex')}.`;
    const ports = await Promise.all(SERVICES.map(() => infra.freePort()));
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      DATABASE_URL: db.url,
      VANGNET_SUBJECT_PREFIX: prefix,
      VANGNET_DATA_DIR: dataDir,
      LOG_LEVEL: opts.logLevel ?? 'warn',
      ...(opts.today ? { VANGNET_TODAY: opts.today } : {}),
      ...(opts.env ?? {}),
    };
    if (opts.ownNats) {
      delete env.NATS_URL;
      delete env.NATS_USER;
      delete env.NATS_PASSWORD;
      env.VANGNET_NATS_PORT = String(await infra.freePort());
    }
    SERVICES.forEach((s, i) => (env[`VANGNET_${s.toUpperCase().replace('-', '_')}_PORT`] = String(ports[i])));
    const args = [join(root, 'tools', 'launcher', 'start.mjs'), ...(opts.demo === false ? ['--no-demo'] : [])];
    const launcher = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    launcher.stdout?.on('data', (d) => (output += d.toString()));
    launcher.stderr?.on('data', (d) => (output += d.toString()));
    // A busy machine (six engineers on two cores) needs minutes for the demo data.
    const deadline = Date.now() + Number(process.env.VANGNET_E2E_START_MS ?? 400_000);
    while (!output.includes('Vangnet is running')) {
      if (launcher.exitCode !== null || Date.now() > deadline) {
        // SIGINT first: the launcher stops its services and its NATS (a SIGKILL left them running).
        if (launcher.exitCode === null) {
          launcher.kill('SIGINT');
          const exited = new Promise((r) => launcher.once('exit', r));
          await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
          if (launcher.exitCode === null) launcher.kill('SIGKILL');
        }
        await db.drop();
        // The data directory (each service's full log) stays for the diagnosis.
        throw new Error(`the platform did not start (logs in ${join(dataDir, 'logs')}):\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const servicePorts = Object.fromEntries(SERVICES.map((s, i) => [s, ports[i]]));
    return new RunningPlatform(`http://127.0.0.1:${ports[0]}`, launcher, db, dataDir, prefix, () => output, opts.ownNats ?? false, servicePorts);
  }

  async token(claims: { sub?: string; org: string; roles: string[]; municipalities?: string[] }): Promise<string> {
    const res = await this.request('POST', '/api/gateway/v1/dev/token', { body: { sub: 'e2e', municipalities: [], ...claims } });
    if (res.status !== 200) throw new Error(`token refused: ${JSON.stringify(res.body)}`);
    return res.body.access_token;
  }

  request<T = any>(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    return this.requestAt<T>(this.gateway, method, path, opts);
  }

  /** Where a service listens on its own port (inside the cluster), for requests built by hand. */
  serviceBase(service: string): string {
    return `http://127.0.0.1:${this.servicePorts[service]}`;
  }

  /** A request to a service on its own port, as from inside the cluster (its /metrics and /docs are not behind the gateway). */
  direct<T = any>(service: string, method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    return this.requestAt<T>(`http://127.0.0.1:${this.servicePorts[service]}`, method, path, opts);
  }

  private async requestAt<T = any>(base: string, method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: body as T, headers: res.headers };
  }

  /** Poll a GET until `ready` says yes. */
  async until<T = any>(path: string, token: string, ready: (r: ApiResponse<T>) => boolean, timeoutMs = 15_000): Promise<ApiResponse<T>> {
    const deadline = Date.now() + timeoutMs;
    let last: ApiResponse<T> | undefined;
    while (Date.now() < deadline) {
      last = await this.request<T>('GET', path, { token });
      if (ready(last)) return last;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`timed out waiting on ${path}; last answer ${last?.status} ${JSON.stringify(last?.body).slice(0, 500)}`);
  }

  /** Every service's full log file (the launcher writes them to the data directory). */
  logs(): Record<string, string> {
    const dir = join(this.dataDir, 'logs');
    if (!existsSync(dir)) return {};
    return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  }

  /** Stop the services (and what the launcher started), keeping the data directory to read. */
  async stopServices(): Promise<void> {
    if (this.launcher.exitCode === null) {
      this.launcher.kill('SIGINT');
      await new Promise((r) => this.launcher.once('exit', r));
    }
  }

  async stop(): Promise<void> {
    if (this.launcher.exitCode === null) {
      this.launcher.kill('SIGINT');
      await new Promise((r) => this.launcher.once('exit', r));
    }
    await this.db.drop().catch(() => undefined);
    rmSync(this.dataDir, { recursive: true, force: true });
    // Its own NATS (and its streams) went with the launcher.
    if (this.ownNats) return;
    const nc = await connect({ servers: natsUrl().split(',') });
    const jsm = await nc.jetstreamManager();
    const streams: string[] = [];
    for await (const s of jsm.streams.list()) if (s.config.name.startsWith(this.prefix.replace(/\./g, '_').toUpperCase())) streams.push(s.config.name);
    for (const name of streams) await jsm.streams.delete(name);
    await nc.close();
  }
}
