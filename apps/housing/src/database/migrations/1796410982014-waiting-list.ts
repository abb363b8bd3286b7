import { MigrationInterface, QueryRunner } from 'typeorm';

/** The waiting_list table, as WaitingListEntity declares it. */
export class WaitingListTable1796410982014 implements MigrationInterface {
  name = 'WaitingListTable1796410982014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE waiting_list (
        id uuid PRIMARY KEY,
        municipality text NOT NULL,
        name text NOT NULL,
        valid_from date NOT NULL,
        amount_cents bigint NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX waiting_list_municipality ON waiting_list (municipality, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE waiting_list`);
  }
}
