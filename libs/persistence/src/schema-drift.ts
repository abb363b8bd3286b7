import { DataSource } from 'typeorm';
import { oneQueryAtATime } from './query-runner';

/**
 * What TypeORM would change to make the migrated schema match the entities (its schema builder,
 * run in log mode: nothing is executed). Empty when they agree. Tables without an entity are not
 * looked at; a table with one is compared column by column, with its indexes, uniques, checks
 * and foreign keys (an index or check the entity does not declare counts as drift).
 *
 * TypeORM's schema reader (PostgresQueryRunner.getTables) asks for enum type names in parallel on
 * its one connection: its runner must send them one at a time (`oneQueryAtATime`, which a
 * service's DataSource has from the start; a DataSource made elsewhere gets it here).
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  oneQueryAtATime(dataSource);
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}
