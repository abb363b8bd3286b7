import { DataSource, QueryRunner } from 'typeorm';

const SERIALISED = Symbol('vangnet.oneQueryAtATime');

/**
 * Every query runner of this DataSource sends its queries one after the other: the next is handed
 * to node-postgres only when the one before has settled. Code in a transaction may start several
 * queries at once (`Promise.all` over repositories that join the caller's transaction); they share
 * the transaction's one connection, where pg 8 queues them and pg 9 will refuse them ("Calling
 * client.query() when the client is already executing a query is deprecated"). pg 8 prints that
 * deprecation as a bare line outside the JSON logs (CI refuses it): with two or more waiting, or
 * when the server ends the connection under a transaction (57P01 on a restart) and TypeORM's
 * ROLLBACK joins a query still queued behind the failed one. The order of the queries is the
 * order pg would have run them in; nothing else changes. Idempotent; applies to the runners the
 * driver makes from now on, its own included (install before `initialize()`).
 */
export function oneQueryAtATime<T extends DataSource>(dataSource: T): T {
  const driver = dataSource.driver as T['driver'] & { [SERIALISED]?: true };
  if (driver[SERIALISED]) return dataSource;
  const create = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => serialise(create(mode));
  driver[SERIALISED] = true;
  return dataSource;
}

function serialise(runner: QueryRunner): QueryRunner {
  const query = runner.query.bind(runner);
  let last: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    const next = last.then(() => query(...args));
    last = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
  return runner;
}
