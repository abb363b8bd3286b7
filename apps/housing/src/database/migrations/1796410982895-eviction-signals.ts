import { MigrationInterface, QueryRunner } from 'typeorm';

/** The eviction_signal table, as EvictionSignalEntity declares it. */
export class EvictionSignalsTable1796410982895 implements MigrationInterface {
  name = 'EvictionSignalsTable1796410982895';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE eviction_signal (
        id uuid PRIMARY KEY,
        corporation text,
        provider_agb text,
        municipality text NOT NULL,
        person_id uuid NOT NULL,
        person_pseudonym text NOT NULL,
        nomination_id uuid,
        placement_id uuid,
        kind text NOT NULL,
        description text,
        reported_on date NOT NULL,
        due_on date NOT NULL,
        status text NOT NULL,
        outcome text,
        closed_on date,
        close_note text,
        reported_by text NOT NULL,
        closed_by text,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT eviction_signal_reporter_check CHECK (corporation IS NOT NULL OR provider_agb IS NOT NULL),
        CONSTRAINT eviction_signal_status_check CHECK (status IN ('OPEN', 'CLOSED')),
        CONSTRAINT eviction_signal_outcome_check CHECK ((status = 'CLOSED') = (outcome IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX eviction_signal_municipality ON eviction_signal (municipality, id)`);
    await q.query(`CREATE INDEX eviction_signal_corporation ON eviction_signal (corporation, id)`);
    await q.query(`CREATE INDEX eviction_signal_provider ON eviction_signal (provider_agb, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE eviction_signal`);
  }
}
