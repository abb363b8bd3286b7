import { MigrationInterface, QueryRunner } from 'typeorm';

/** The priority_schemes table, as PrioritySchemesEntity declares it. */
export class PrioritySchemesTable1796410981913 implements MigrationInterface {
  name = 'PrioritySchemesTable1796410981913';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE priority_schemes (
        id uuid PRIMARY KEY,
        municipality text NOT NULL,
        name text NOT NULL,
        valid_from date NOT NULL,
        amount_cents bigint NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX priority_schemes_municipality ON priority_schemes (municipality, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE priority_schemes`);
  }
}
