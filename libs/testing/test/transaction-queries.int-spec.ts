import { Module } from '@nestjs/common';
import { isTransientDatabaseError, TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { PlatformModule } from '@vangnet/platform';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { TestContext, TestService, waitFor } from '../src';

@Module({ imports: [PlatformModule.forService({ service: 'finance' })] })
class TxModule {}

/**
 * Queries started together in one transaction share its connection: the service's query runners
 * send them one at a time (`oneQueryAtATime`). pg 8 would otherwise queue them and print a
 * deprecation on a bare line outside the JSON logs ("client is already executing a query"; pg 9
 * refuses it) — CI refused a run on it, when PostgreSQL ended a transaction's connection while
 * queries waited behind the failed one and TypeORM's ROLLBACK joined them.
 */
describe('queries started together in one transaction', () => {
  let ctx: TestContext;
  let svc: TestService;
  let tx: TransactionHost<TransactionalAdapterTypeOrm>;
  let printed: string[];
  let restore: () => void;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await ctx.start(TxModule, { service: 'finance' });
    tx = svc.app.get(TransactionHost);
  });

  afterAll(() => ctx.close());

  // What the process prints on stderr, where Node writes its warnings (pg's deprecation is
  // printed once per process: each test file loads its own pg).
  beforeEach(() => {
    printed = [];
    const write = process.stderr.write.bind(process.stderr);
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
      printed.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stderr.write);
    restore = () => spy.mockRestore();
  });
  afterEach(() => restore());

  const warnings = () => printed.filter((l) => /Warning:/.test(l));

  it('should run them in the order given, each after the one before, and print no warning', async () => {
    const rows = await tx.withTransaction(() =>
      Promise.all([
        tx.tx.query(`SELECT 1 AS n, clock_timestamp() AS at FROM pg_sleep(0.2)`),
        tx.tx.query(`SELECT 2 AS n, clock_timestamp() AS at`),
        tx.tx.query(`SELECT 3 AS n, clock_timestamp() AS at`),
        tx.tx.query(`SELECT 4 AS n, clock_timestamp() AS at`),
      ]),
    );
    const [one, two, three, four] = rows.map((r: Array<{ n: number; at: Date }>) => r[0]);
    expect([one.n, two.n, three.n, four.n]).toEqual([1, 2, 3, 4]);
    expect(two.at.getTime()).toBeGreaterThanOrEqual(one.at.getTime());
    expect(four.at.getTime()).toBeGreaterThanOrEqual(three.at.getTime());
    await new Promise((r) => setImmediate(r));
    expect(warnings()).toEqual([]);
  });

  it('should fail as the database being unavailable when the server ends the connection under them, print no warning, and serve on', async () => {
    const marker = `SELECT pg_sleep(5) /* ${process.pid}-ended-under-a-transaction */`;
    const running = tx
      .withTransaction(() => Promise.all([tx.tx.query(marker), tx.tx.query('SELECT 1'), tx.tx.query('SELECT 2')]))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    const admin = new Client({ connectionString: ctx.db.url });
    await admin.connect();
    try {
      const pid = async () => (await admin.query(`SELECT pid FROM pg_stat_activity WHERE query = $1`, [marker])).rows[0]?.pid as number | undefined;
      await waitFor(async () => (await pid()) !== undefined, 5000, 'the slow query');
      await admin.query('SELECT pg_terminate_backend($1)', [await pid()]);
    } finally {
      await admin.end();
    }
    const error = await running;
    expect(error).toBeDefined();
    expect(isTransientDatabaseError(error)).toBe(true);
    // The connection's end reaches the queries that waited; give Node a turn to print.
    await new Promise((r) => setTimeout(r, 100));
    expect(warnings()).toEqual([]);
    const ds = svc.app.get(DataSource);
    await waitFor(async () => (await ds.query('SELECT 1 AS one').catch(() => []))[0]?.one === 1, 5000, 'a query after the termination');
  });
});
