import { MigrationInterface, QueryRunner } from 'typeorm';

/** The outflow table, as OutflowEntity declares it. */
export class OutflowTable1796410982634 implements MigrationInterface {
  name = 'OutflowTable1796410982634';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outflow (
        id uuid PRIMARY KEY,
        municipality text NOT NULL,
        name text NOT NULL,
        valid_from date NOT NULL,
        amount_cents bigint NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX outflow_municipality ON outflow (municipality, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outflow`);
  }
}
