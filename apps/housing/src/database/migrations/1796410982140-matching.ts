import { MigrationInterface, QueryRunner } from 'typeorm';

/** The matching table, as MatchingEntity declares it. */
export class MatchingTable1796410982140 implements MigrationInterface {
  name = 'MatchingTable1796410982140';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE matching (
        id uuid PRIMARY KEY,
        municipality text NOT NULL,
        name text NOT NULL,
        valid_from date NOT NULL,
        amount_cents bigint NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX matching_municipality ON matching (municipality, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE matching`);
  }
}
