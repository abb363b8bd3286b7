import { DataSource } from 'typeorm';

/**
 * What TypeORM would change to make the migrated schema match the entities (its schema builder,
 * run in log mode: nothing is executed). Empty when they agree. Tables without an entity are not
 * looked at; a table with one is compared column by column, with its indexes, uniques, checks
 * and foreign keys (an index or check the entity does not declare counts as drift).
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}
