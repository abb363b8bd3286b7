import { MigrationInterface, QueryRunner } from 'typeorm';

/** The placements table, as PlacementsEntity declares it. */
export class PlacementsTable1796410982364 implements MigrationInterface {
  name = 'PlacementsTable1796410982364';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE placements (
        id uuid PRIMARY KEY,
        municipality text NOT NULL,
        name text NOT NULL,
        valid_from date NOT NULL,
        amount_cents bigint NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX placements_municipality ON placements (municipality, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE placements`);
  }
}
