import { MigrationInterface, QueryRunner } from 'typeorm';

/** The nominations table, as NominationsEntity declares it. */
export class NominationsTable1796410982741 implements MigrationInterface {
  name = 'NominationsTable1796410982741';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE nominations (
        id uuid PRIMARY KEY,
        municipality text NOT NULL,
        name text NOT NULL,
        valid_from date NOT NULL,
        amount_cents bigint NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX nominations_municipality ON nominations (municipality, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE nominations`);
  }
}
