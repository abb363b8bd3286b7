import { MigrationInterface, QueryRunner } from 'typeorm';

/** The quotas table, as QuotasEntity declares it. */
export class QuotasTable1796410982490 implements MigrationInterface {
  name = 'QuotasTable1796410982490';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE quotas (
        id uuid PRIMARY KEY,
        municipality text NOT NULL,
        name text NOT NULL,
        valid_from date NOT NULL,
        amount_cents bigint NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX quotas_municipality ON quotas (municipality, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE quotas`);
  }
}
