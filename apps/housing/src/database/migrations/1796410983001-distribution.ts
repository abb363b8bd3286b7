import { MigrationInterface, QueryRunner } from 'typeorm';

/** The distribution_key table, as DistributionKeyEntity declares it. */
export class DistributionTable1796410983001 implements MigrationInterface {
  name = 'DistributionTable1796410983001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE distribution_key (
        year integer PRIMARY KEY,
        shares jsonb NOT NULL,
        compensation_per_place_year_cents bigint NOT NULL,
        facility_types text[] NOT NULL DEFAULT '{}',
        concentration_threshold_basis_points integer NOT NULL DEFAULT 5000,
        concentration_minimum_places integer NOT NULL DEFAULT 10,
        version integer NOT NULL DEFAULT 1,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT distribution_key_compensation_check CHECK (compensation_per_place_year_cents >= 0)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE distribution_key`);
  }
}
