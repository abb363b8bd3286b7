import { MigrationInterface, QueryRunner } from 'typeorm';

/** The quota table, as QuotaEntity declares it. */
export class QuotasTable1796410982490 implements MigrationInterface {
  name = 'QuotasTable1796410982490';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE quota (
        corporation text NOT NULL,
        municipality text NOT NULL,
        year integer NOT NULL,
        homes integer NOT NULL,
        used integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (corporation, municipality, year),
        CONSTRAINT quota_homes_check CHECK (homes >= 0),
        CONSTRAINT quota_used_check CHECK (used >= 0 AND used <= homes)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE quota`);
  }
}
