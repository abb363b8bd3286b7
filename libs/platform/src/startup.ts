import { LoggerService } from '@nestjs/common';
import { isIsoDate } from '@vangnet/contracts';
import { Socket } from 'net';
import { RegionConfig } from './region';

/** The configuration is wrong: the service stops at start with every problem named. */
export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`the configuration is invalid: ${problems.join('; ')}`);
    this.name = 'ConfigurationError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function urlProblem(name: string, value: string | undefined, protocols: string[]): string | undefined {
  if (value === undefined || value === '') return undefined;
  for (const one of value.split(',')) {
    let u: URL;
    try {
      u = new URL(one.trim());
    } catch {
      return `${name} must be a URL (${protocols.join(' or ')}), not "${redactCredentials(one)}"`;
    }
    if (!protocols.includes(u.protocol)) return `${name} must use ${protocols.join(' or ')}, not ${u.protocol}`;
    if (!u.hostname) return `${name} has no host`;
    if (u.port && !(Number(u.port) > 0 && Number(u.port) < 65536)) return `${name} has an invalid port ${u.port}`;
  }
  return undefined;
}

function intProblem(name: string, value: string | undefined, min: number, max: number): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) return `${name} must be a whole number from ${min} to ${max}, not "${value}"`;
  return undefined;
}

/** A URL as it may be logged: without its password. */
export function redactCredentials(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

/**
 * Check every setting a service reads (ARCHITECTURE §7's table) before anything connects, so a
 * bad pseudonym key, URL or port stops the service at start with a clear message, not at first use.
 */
export function validateConfiguration(env: NodeJS.ProcessEnv = process.env): void {
  const problems = [
    urlProblem('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']),
    urlProblem('NATS_URL', env.NATS_URL, ['nats:', 'tls:', 'ws:', 'wss:']),
    urlProblem('VANGNET_JWKS_URL', env.VANGNET_JWKS_URL, ['http:', 'https:']),
    intProblem('PORT', env.PORT, 0, 65535),
    intProblem('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, 1, 100),
    env.VANGNET_PSEUDONYM_KEY === undefined || /^[0-9a-fA-F]{64}$/.test(env.VANGNET_PSEUDONYM_KEY)
      ? undefined
      : 'VANGNET_PSEUDONYM_KEY must be 32 bytes as 64 hex characters (openssl rand -hex 32)',
    env.LOG_LEVEL === undefined || LOG_LEVELS.includes(env.LOG_LEVEL) ? undefined : `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${env.LOG_LEVEL}"`,
    env.VANGNET_TODAY === undefined || env.VANGNET_TODAY === '' || isIsoDate(env.VANGNET_TODAY) ? undefined : `VANGNET_TODAY must be a date YYYY-MM-DD, not "${env.VANGNET_TODAY}"`,
    env.NATS_PASSWORD !== undefined && !env.NATS_USER ? 'NATS_PASSWORD is set without NATS_USER' : undefined,
  ].filter((p): p is string => p !== undefined);
  try {
    RegionConfig.fromEnv(env);
  } catch (e) {
    problems.push((e as Error).message);
  }
  if (problems.length) throw new ConfigurationError(problems);
}

function reachable(host: string, port: number, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (error?: string) => {
      socket.destroy();
      resolve(error);
    };
    socket.setTimeout(timeoutMs, () => done('no answer'));
    socket.once('error', (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
    socket.connect(port, host, () => done());
  });
}

export interface Dependency {
  name: string;
  /** host:port candidates (a NATS cluster has several; one answering is enough). */
  endpoints: Array<{ host: string; port: number }>;
}

/** PostgreSQL and NATS as the environment names them. */
export function dependenciesFromEnv(env: NodeJS.ProcessEnv = process.env): Dependency[] {
  const out: Dependency[] = [];
  if (env.DATABASE_URL) {
    const u = new URL(env.DATABASE_URL);
    out.push({ name: 'PostgreSQL', endpoints: [{ host: u.hostname || '127.0.0.1', port: Number(u.port || 5432) }] });
  }
  const nats = (env.NATS_URL ?? 'nats://127.0.0.1:4222').split(',').map((s) => new URL(s.trim()));
  out.push({ name: 'NATS', endpoints: nats.map((u) => ({ host: u.hostname, port: Number(u.port || 4222) })) });
  return out;
}

/**
 * Wait until each dependency accepts a connection, saying so in the log at once (within a
 * second) and every few seconds while it waits: which host, which attempt. A service waiting for
 * its database is then visible, not silent.
 */
export async function waitForDependencies(
  logger: LoggerService,
  deps: Dependency[] = dependenciesFromEnv(),
  opts: { attemptTimeoutMs?: number; retryMs?: number; logEveryMs?: number } = {},
): Promise<void> {
  const attemptTimeoutMs = opts.attemptTimeoutMs ?? 700;
  const retryMs = opts.retryMs ?? 500;
  const logEveryMs = opts.logEveryMs ?? 3000;
  for (const dep of deps) {
    const started = Date.now();
    let lastLogged = 0;
    for (let attempt = 1; ; attempt++) {
      const results = await Promise.all(dep.endpoints.map((e) => reachable(e.host, e.port, attemptTimeoutMs)));
      if (results.some((r) => r === undefined)) {
        if (attempt > 1) logger.log(`${dep.name} at ${hosts(dep)} answered after ${attempt} attempts (${Date.now() - started} ms)`, 'Startup');
        break;
      }
      if (attempt === 1 || Date.now() - lastLogged >= logEveryMs) {
        lastLogged = Date.now();
        logger.warn(`waiting for ${dep.name} at ${hosts(dep)}: attempt ${attempt} failed (${results.join(', ')}); retrying`, 'Startup');
      }
      await new Promise((r) => setTimeout(r, retryMs));
    }
  }
}

function hosts(dep: Dependency): string {
  return dep.endpoints.map((e) => `${e.host}:${e.port}`).join(',');
}
