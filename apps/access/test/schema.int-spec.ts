import { expectSchemaMatchesEntities, TestContext, TestService } from '@vangnet/testing';
import { DataSource } from 'typeorm';
import { ACCESS_ENTITIES } from '../src/app.module';
import { startAccess } from './support/access';

// The platform's own tables (with the partner registry's, ADR 0017) and TypeORM's migration table: their entities live in the libs.
const NOT_ACCESS = ['outbox', 'inbox', 'dead_letter', 'processing_log', 'idempotency_key', 'partner_team', 'migrations'];

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

  // partner_team moved to the platform (ADR 0017) under the migration name access created it with:
  // a database that ran it keeps its table and rows, and the migration never runs there again.
  it('should record the partner-team table under the migration name access first created it with', async () => {
    const rows: Array<{ name: string }> = await svc.app.get(DataSource).query(`SELECT name FROM migrations WHERE name LIKE 'PartnerTeam%'`);
    expect(rows).toEqual([{ name: 'PartnerTeam1796500500000' }]);
  });
});
