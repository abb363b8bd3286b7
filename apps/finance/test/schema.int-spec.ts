import { pendingSchemaChanges } from '@vangnet/persistence';
import { expectSchemaMatchesEntities, TestContext, TestService } from '@vangnet/testing';
import { DataSource } from 'typeorm';
import { startFinance } from './support/finance';

// The finance schema as the migrations make it, against the entities (ADR 0007): every table has
// its entity, and TypeORM's schema builder finds nothing to change. Adding a column to an entity
// without a migration fails here with the statement that is missing, e.g.
//   ALTER TABLE "finance"."declaration" ADD "declaration_ref" text
describe('the finance schema', () => {
  let ctx: TestContext;
  let svc: TestService;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await startFinance(ctx, '2026-06-15');
  });

  afterAll(() => ctx.close());

  it('should have an entity for every table its migrations create', async () => {
    const db = svc.app.get(DataSource);
    const tables: Array<{ table_name: string }> = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'finance' AND table_type = 'BASE TABLE'`);
    const withEntity = new Set(db.entityMetadatas.map((m) => m.tableName));
    expect(tables.length).toBeGreaterThan(20);
    expect(tables.map((t) => t.table_name).filter((t) => !withEntity.has(t) && t !== 'migrations')).toEqual([]);
  });

  it('should have entities that match its migrated schema', async () => {
    await expect(pendingSchemaChanges(svc.app.get(DataSource))).resolves.toEqual([]);
    await expectSchemaMatchesEntities(svc);
  });
});
