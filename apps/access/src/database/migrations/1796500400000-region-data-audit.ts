import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, O3: every change of the region's master data in access (life domains, decreed days,
 * responsibility rule sets, mandates) is audited with the item before and after, and the lists
 * changed as a whole (rule sets, mandates) get a version for `If-Match`.
 */
export class RegionDataAudit1796500400000 implements MigrationInterface {
  name = 'RegionDataAudit1796500400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE region_data_change (
        seq bigserial PRIMARY KEY,
        kind text NOT NULL,
        key text NOT NULL,
        version integer NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        before jsonb,
        after jsonb
      )`);
    await q.query(`CREATE INDEX region_data_change_kind ON region_data_change (kind, seq)`);
    await q.query(`CREATE TABLE region_data_version (kind text PRIMARY KEY, version integer NOT NULL DEFAULT 0)`);
    await q.query(`INSERT INTO region_data_version (kind) VALUES ('RESPONSIBILITY_RULE_SET'), ('MANDATE')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE region_data_version`);
    await q.query(`DROP TABLE region_data_change`);
  }
}
