import { MigrationInterface, QueryRunner } from 'typeorm';

/** The distribution table, as DistributionEntity declares it. */
export class DistributionTable1796410983001 implements MigrationInterface {
  name = 'DistributionTable1796410983001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE distribution (
        id uuid PRIMARY KEY,
        municipality text NOT NULL,
        name text NOT NULL,
        valid_from date NOT NULL,
        amount_cents bigint NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX distribution_municipality ON distribution (municipality, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE distribution`);
  }
}
