import { Type } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SERVICES } from '@vangnet/contracts';
import { streamName } from '@vangnet/messaging';
import { createServiceApp, ServiceAppOptions } from '@vangnet/platform';
import { randomBytes } from 'crypto';
import { connect, NatsConnection } from 'nats';
import { AddressInfo } from 'net';
import supertest from 'supertest';
import { createTestDatabase, testRunId, TestDatabase } from './database';
import { EventProbe } from './event-probe';
import { StubAnswers, StubResponder } from './stub-responder';
import { TestIdentityProvider, TokenClaims } from './identity';

/** A fixed key so tests can compute pseudonyms; never used outside tests. */
export const TEST_PSEUDONYM_KEY = '7a'.repeat(32);

export interface TestService {
  app: NestExpressApplication;
  url: string;
  http: supertest.Agent;
  close(): Promise<void>;
}

export function natsUrl(): string {
  return process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
}

/** A subject prefix of this run (the global teardown finds what a failed test leaves behind). */
export function newTestPrefix(): string {
  return `t${testRunId()}x${randomBytes(3).toString('hex')}.`;
}

/**
 * One test file's world: its own database, its own subject/stream prefix on the run's NATS, an
 * identity provider, and the real services started as they run in production (same bootstrap),
 * on free ports. `close()` removes all of it.
 */
export class TestContext {
  private readonly services: TestService[] = [];
  private readonly probes: EventProbe[] = [];
  private readonly stubs: Array<{ stop(): Promise<void> }> = [];
  private readonly savedEnv: Record<string, string | undefined> = {};
  private readonly overrides: Record<string, string> = {};

  private constructor(
    readonly prefix: string,
    readonly db: TestDatabase,
    readonly idp: TestIdentityProvider,
    readonly nc: NatsConnection,
    readonly natsUrl: string,
  ) {}

  /** On the run's PostgreSQL and NATS, or on instances of the test's own (`adminUrl`, `natsUrl`). */
  static async create(opts: { adminUrl?: string; natsUrl?: string; natsUser?: { user: string; password: string }; prefix?: string } = {}): Promise<TestContext> {
    const prefix = opts.prefix ?? newTestPrefix();
    const db = await createTestDatabase(opts.adminUrl);
    const idp = await TestIdentityProvider.start();
    const url = opts.natsUrl ?? natsUrl();
    const auth = opts.natsUser ? { user: opts.natsUser.user, pass: opts.natsUser.password } : {};
    const nc = await connect({ servers: url.split(','), name: 'test-probe', maxReconnectAttempts: -1, reconnectTimeWait: 250, ...auth });
    const ctx = new TestContext(prefix, db, idp, nc, url);
    ctx.setEnv({});
    return ctx;
  }

  /** The environment every service of this context runs with (plus `extra`). */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: this.db.url,
      NATS_URL: this.natsUrl,
      VANGNET_SUBJECT_PREFIX: this.prefix,
      VANGNET_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
      VANGNET_OPENAPI: 'false',
      DATABASE_POOL_SIZE: '4',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      ...this.idp.env(),
      ...this.overrides,
      ...extra,
    };
  }

  /** Change the environment for every service started from now on. */
  applyEnv(extra: Record<string, string>): void {
    Object.assign(this.overrides, extra);
    this.setEnv({});
  }

  private setEnv(extra: Record<string, string>): void {
    for (const [k, v] of Object.entries(this.env(extra))) {
      if (!(k in this.savedEnv)) this.savedEnv[k] = process.env[k];
      process.env[k] = v;
    }
  }

  /** Start a service as it runs in production, on a free port (or `env.PORT`). */
  async start(module: Type<unknown>, options: ServiceAppOptions, env: Record<string, string> = {}): Promise<TestService> {
    const { PORT: _port, ...rest } = env;
    this.setEnv(rest);
    const app = await createServiceApp(module, options);
    await app.startAllMicroservices();
    await app.listen(Number(env.PORT ?? 0), '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const service: TestService = {
      app,
      url: `http://127.0.0.1:${port}`,
      http: supertest.agent(app.getHttpServer()),
      close: async () => {
        const i = this.services.indexOf(service);
        if (i >= 0) this.services.splice(i, 1);
        await app.close();
      },
    };
    this.services.push(service);
    return service;
  }

  token(claims: TokenClaims, opts?: { expired?: boolean; audience?: string; expiresInSeconds?: number }): Promise<string> {
    return this.idp.token(claims, opts);
  }

  async probe<T = unknown>(subject: string): Promise<EventProbe<T>> {
    const probe = await EventProbe.start<T>(this.nc, subject);
    this.probes.push(probe as EventProbe);
    return probe;
  }

  /** Answer a NATS request subject in place of the service that serves it (see StubResponder). */
  async stub<Req = unknown>(subject: string, answers: StubAnswers<Req>, opts?: { queue?: string }): Promise<StubResponder<Req>> {
    const stub = await StubResponder.start<Req>(this.nc, subject, answers, opts);
    this.stubs.push(stub);
    return stub;
  }

  async close(): Promise<void> {
    for (const p of this.probes.splice(0)) await p.stop();
    for (const s of this.stubs.splice(0)) await s.stop();
    for (const s of [...this.services].reverse()) await s.close().catch(() => undefined);
    const jsm = await this.nc.jetstreamManager().catch(() => undefined);
    for (const service of SERVICES) await jsm?.streams.delete(streamName(service)).catch(() => undefined);
    await this.nc.close();
    await this.idp.stop();
    await this.db.drop().catch(() => undefined);
    for (const [k, v] of Object.entries(this.savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
