import { MigrationInterface, QueryRunner } from 'typeorm';

/** The priority_scheme table, as PrioritySchemeEntity declares it. */
export class PrioritySchemesTable1796410981913 implements MigrationInterface {
  name = 'PrioritySchemesTable1796410981913';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE priority_scheme (
        id uuid PRIMARY KEY,
        version integer NOT NULL UNIQUE,
        name text NOT NULL,
        seed text NOT NULL,
        factors jsonb NOT NULL,
        status text NOT NULL,
        active_from date,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        activated_by text,
        activated_at timestamptz,
        CONSTRAINT priority_scheme_status_check CHECK (status IN ('DRAFT', 'ACTIVE')),
        CONSTRAINT priority_scheme_active_check CHECK ((status = 'ACTIVE') = (active_from IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX priority_scheme_active_from ON priority_scheme (active_from) WHERE status = 'ACTIVE'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE priority_scheme`);
  }
}
