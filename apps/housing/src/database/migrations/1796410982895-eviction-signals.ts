import { MigrationInterface, QueryRunner } from 'typeorm';

/** The eviction_signals table, as EvictionSignalsEntity declares it. */
export class EvictionSignalsTable1796410982895 implements MigrationInterface {
  name = 'EvictionSignalsTable1796410982895';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE eviction_signals (
        id uuid PRIMARY KEY,
        municipality text NOT NULL,
        name text NOT NULL,
        valid_from date NOT NULL,
        amount_cents bigint NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX eviction_signals_municipality ON eviction_signals (municipality, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE eviction_signals`);
  }
}
