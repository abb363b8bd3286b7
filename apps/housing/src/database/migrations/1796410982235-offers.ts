import { MigrationInterface, QueryRunner } from 'typeorm';

/** The offers table, as OffersEntity declares it. */
export class OffersTable1796410982235 implements MigrationInterface {
  name = 'OffersTable1796410982235';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE offers (
        id uuid PRIMARY KEY,
        municipality text NOT NULL,
        name text NOT NULL,
        valid_from date NOT NULL,
        amount_cents bigint NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX offers_municipality ON offers (municipality, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE offers`);
  }
}
