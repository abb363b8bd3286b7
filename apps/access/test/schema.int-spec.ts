import { expectSchemaMatchesEntities, TestContext, TestService } from '@vangnet/testing';
import { DataSource } from 'typeorm';
import { ACCESS_ENTITIES } from '../src/app.module';
import { startAccess } from './support/access';

// The platform's own tables and TypeORM's migration table: their entities live in the libs.
const NOT_ACCESS = ['outbox', 'inbox', 'dead_letter', 'processing_log', 'idempotency_key', 'migrations'];

describe('access: entities and the migrated schema', () => {
  let ctx: TestContext;
  let svc: TestService;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startAccess(ctx);
  });

  afterAll(() => ctx.close());

  it('should have an entity for every table of its schema', async () => {
    const dataSource = svc.app.get(DataSource);
    const tables: Array<{ table_name: string }> = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const own = tables.map((t) => t.table_name).filter((t) => !NOT_ACCESS.includes(t));
    expect(own).toHaveLength(ACCESS_ENTITIES.length);
    expect(ACCESS_ENTITIES.map((e) => dataSource.getMetadata(e).tableName).sort()).toEqual(own);
  });

  it('should have entities that agree with the migrations, column by column', () => expectSchemaMatchesEntities(svc));
});
