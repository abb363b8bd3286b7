import { MigrationInterface, QueryRunner } from 'typeorm';

/** The facilities table, as FacilitiesEntity declares it. */
export class FacilitiesTable1796410981796 implements MigrationInterface {
  name = 'FacilitiesTable1796410981796';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE facilities (
        id uuid PRIMARY KEY,
        municipality text NOT NULL,
        name text NOT NULL,
        valid_from date NOT NULL,
        amount_cents bigint NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX facilities_municipality ON facilities (municipality, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE facilities`);
  }
}
