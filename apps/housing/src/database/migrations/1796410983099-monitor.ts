import { MigrationInterface, QueryRunner } from 'typeorm';

/** The monitor table, as MonitorEntity declares it. */
export class MonitorTable1796410983099 implements MigrationInterface {
  name = 'MonitorTable1796410983099';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE monitor (
        id uuid PRIMARY KEY,
        municipality text NOT NULL,
        name text NOT NULL,
        valid_from date NOT NULL,
        amount_cents bigint NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX monitor_municipality ON monitor (municipality, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE monitor`);
  }
}
