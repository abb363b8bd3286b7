import { INestApplication } from '@nestjs/common';
import { pendingSchemaChanges } from '@vangnet/persistence';
import { DataSource } from 'typeorm';

/**
 * Fails when the service's entities and its migrated schema disagree: the statements TypeORM
 * would run are the failure message. One line in a service's integration test:
 * `await expectSchemaMatchesEntities(svc)`.
 */
export async function expectSchemaMatchesEntities(target: { app: INestApplication } | INestApplication | DataSource): Promise<void> {
  const dataSource = target instanceof DataSource ? target : ('app' in target ? target.app : target).get(DataSource);
  const pending = await pendingSchemaChanges(dataSource);
  if (pending.length) {
    throw new Error(`the entities and the migrated schema differ; a migration is missing for:\n${pending.map((q) => `  ${q}`).join('\n')}`);
  }
}
