import { DataSource, QueryRunner } from 'typeorm';

/**
 * What TypeORM would change to make the migrated schema match the entities (its schema builder,
 * run in log mode: nothing is executed). Empty when they agree. Tables without an entity are not
 * looked at; a table with one is compared column by column, with its indexes, uniques, checks
 * and foreign keys (an index or check the entity does not declare counts as drift).
 *
 * TypeORM's schema reader (PostgresQueryRunner.getTables) asks for enum type names in parallel on
 * its one connection, which pg 8 reports as a deprecation ("client is already executing a query",
 * removed in pg 9) on a line that is not JSON. The builder's query runner therefore runs its
 * queries one after the other.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const create = dataSource.createQueryRunner;
  dataSource.createQueryRunner = (mode) => oneAtATime(create.call(dataSource, mode));
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((q) => q.query);
  } finally {
    dataSource.createQueryRunner = create;
  }
}

function oneAtATime(runner: QueryRunner): QueryRunner {
  const query = runner.query.bind(runner);
  let last: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    const next = last.then(() => query(...args));
    last = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
  return runner;
}
