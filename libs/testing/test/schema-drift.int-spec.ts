import { OutboxEntity } from '@vangnet/messaging';
import { dataSourceOptions, pendingSchemaChanges } from '@vangnet/persistence';
import { PLATFORM_ENTITIES } from '@vangnet/platform';
import { Column, DataSource, Entity } from 'typeorm';
import { expectSchemaMatchesEntities, TestContext, TestService } from '../src';
import { ProducerModule } from './support/widgets';

// The outbox as an engineer might change it: a column in the entity, no migration for it.
@Entity('outbox')
class OutboxWithNewColumn extends OutboxEntity {
  @Column({ type: 'text', nullable: true })
  traceState!: string | null;
}

describe('entities against the migrated schema', () => {
  let ctx: TestContext;
  let svc: TestService;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await ctx.start(ProducerModule, { service: 'housing' });
  });

  afterAll(() => ctx.close());

  it('should find the platform tables and their entities in agreement', async () => {
    const dataSource = svc.app.get(DataSource);
    // Not vacuous: every platform table has its entity in the service's DataSource.
    expect(dataSource.entityMetadatas.map((m) => m.tableName)).toEqual(expect.arrayContaining(['outbox', 'inbox', 'dead_letter', 'processing_log', 'idempotency_key']));
    await expect(pendingSchemaChanges(dataSource)).resolves.toEqual([]);
    await expectSchemaMatchesEntities(svc);
  });

  it('should fail when a column is added to an entity without a migration', async () => {
    const entities = [...PLATFORM_ENTITIES.filter((e) => e !== OutboxEntity), OutboxWithNewColumn];
    const drifted = new DataSource(dataSourceOptions({ schema: 'housing', entities, migrations: [], url: ctx.db.url, poolSize: 1 }));
    await drifted.initialize();
    try {
      await expect(pendingSchemaChanges(drifted)).resolves.toEqual([expect.stringMatching(/^ALTER TABLE "outbox" ADD "trace_state" text/)]);
      await expect(expectSchemaMatchesEntities(drifted)).rejects.toThrow(/a migration is missing for:\n.*ADD "trace_state"/);
    } finally {
      await drifted.destroy();
    }
  });
});
