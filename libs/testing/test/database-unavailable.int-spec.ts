import { Controller, Get, Module } from '@nestjs/common';
import { Public } from '@vangnet/observability';
import { PlatformModule } from '@vangnet/platform';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { infra, TestContext, TestService, waitFor } from '../src';

// Issue 19: a PostgreSQL that is restarting, shutting down or unreachable is 503 with
// Retry-After (DATABASE_UNAVAILABLE), never 500 INTERNAL. On a PostgreSQL of the test's own.
@Controller('v1/db')
@Public()
class DbController {
  constructor(private readonly ds: DataSource) {}

  @Get('quick')
  async quick(): Promise<{ one: number }> {
    const [row] = await this.ds.query('SELECT 1 AS one');
    return { one: row.one };
  }

  @Get('slow')
  async slow(): Promise<{ slept: boolean }> {
    await this.ds.query('SELECT pg_sleep(3)');
    return { slept: true };
  }
}

@Module({ imports: [PlatformModule.forService({ service: 'finance' })], controllers: [DbController] })
class DbModule {}

describe('a database that is not there', () => {
  let pg: infra.PostgresInstance;
  let ctx: TestContext;
  let svc: TestService;

  beforeAll(async () => {
    pg = await infra.startPostgres({ fast: true });
    ctx = await TestContext.create({ adminUrl: pg.url });
    svc = await ctx.start(DbModule, { service: 'finance' });
  }, 60_000);

  afterAll(async () => {
    await ctx?.close();
    await pg?.remove();
  });

  function expectUnavailable(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }): void {
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
  }

  it('should answer 503 with Retry-After for a request whose connection is terminated (57P01)', async () => {
    await svc.http.get('/api/finance/v1/db/quick').expect(200, { one: 1 });
    // supertest sends on then(): start it now.
    const pending = svc.http.get('/api/finance/v1/db/slow').then((r) => r);
    const admin = new Client({ connectionString: ctx.db.url });
    await admin.connect();
    try {
      await waitFor(async () => (await admin.query(`SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(3)%' AND pid <> pg_backend_pid()`)).rowCount === 1, 5000, 'the slow query');
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    } finally {
      await admin.end();
    }
    expectUnavailable(await pending);
    // The pool drops the dead connections: the next requests are served.
    await waitFor(async () => (await svc.http.get('/api/finance/v1/db/quick')).status === 200, 10_000, 'a served request');
  }, 30_000);

  it('should survive the server ending a connection that the pool has handed out and no one listens to', async () => {
    // What TypeORM does while it starts, and what the pool does for an instant when a new
    // connection's start-up and the server's termination arrive in one packet (CI crashed on it).
    const pool = (svc.app.get(DataSource).driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
    const admin = new Client({ connectionString: ctx.db.url });
    await admin.connect();
    try {
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
    } finally {
      await admin.end();
    }
    await ended;
    client.release(true);
    await svc.http.get('/api/finance/v1/db/quick').expect(200, { one: 1 });
  }, 30_000);

  it('should answer 503 with Retry-After while PostgreSQL shuts down and is down, and serve again after', async () => {
    const pending = svc.http.get('/api/finance/v1/db/slow').then((r) => r);
    await new Promise((r) => setTimeout(r, 500));
    await pg.stop();
    // The query in flight when the server shut down (admin_shutdown or a dropped connection)…
    expectUnavailable(await pending);
    // …and a request while it is down (connection refused).
    expectUnavailable(await svc.http.get('/api/finance/v1/db/quick'));
    const ready = await svc.http.get('/api/finance/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.error.database.status).toBe('down');
    await pg.start();
    await waitFor(async () => (await svc.http.get('/api/finance/v1/db/quick')).status === 200, 20_000, 'a served request');
    await waitFor(async () => (await svc.http.get('/api/finance/health/ready')).status === 200, 10_000, 'ready again');
  }, 60_000);
});
