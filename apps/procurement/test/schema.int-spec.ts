import { pendingSchemaChanges } from '@vangnet/persistence';
import { expectSchemaMatchesEntities } from '@vangnet/testing';
import { DataSource } from 'typeorm';
import { Procurement, startProcurement } from './support';

// The procurement schema as the migrations make it, against the entities (ADR 0007): every table
// has its entity, and TypeORM's schema builder finds nothing to change. Adding a column to an
// entity without a migration fails here with the statement that is missing, e.g.
//   ALTER TABLE "procurement"."contract" ADD "signed_on" date
describe('the procurement schema', () => {
  let p: Procurement;

  beforeAll(async () => {
    p = await startProcurement('2026-06-15');
  });

  afterAll(() => p.close());

  it('should have an entity for every table its migrations create', async () => {
    const db = p.svc.app.get(DataSource);
    const tables: Array<{ table_name: string }> = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'procurement' AND table_type = 'BASE TABLE'`);
    const withEntity = new Set(db.entityMetadatas.map((m) => m.tableName));
    expect(tables.length).toBeGreaterThanOrEqual(16);
    expect(tables.map((t) => t.table_name).filter((t) => !withEntity.has(t) && t !== 'migrations')).toEqual([]);
  });

  it('should have entities that match its migrated schema', async () => {
    await expect(pendingSchemaChanges(p.svc.app.get(DataSource))).resolves.toEqual([]);
    await expectSchemaMatchesEntities(p.svc);
  });
});
