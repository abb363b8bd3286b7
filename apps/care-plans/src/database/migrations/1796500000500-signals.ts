import { MigrationInterface, QueryRunner } from 'typeorm';

/** Signals (each raised once, by key) and the coming-of-age facts kept until they are on a plan. */
export class SignalsTables1796500000500 implements MigrationInterface {
  name = 'SignalsTables1796500000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE signal (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL,
        kind text NOT NULL,
        person_id uuid,
        person_pseudonym text,
        municipality text NOT NULL,
        coordinator_org text NOT NULL,
        due date NOT NULL,
        raised_on date NOT NULL,
        key text NOT NULL,
        status text NOT NULL,
        closed_on date,
        closed_because text,
        detail jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT signal_kind_check CHECK (kind IN ('REVIEW_OVERDUE', 'COMING_OF_AGE', 'FRAGMENTATION', 'OUTFLOW_READY')),
        CONSTRAINT signal_status_check CHECK (status IN ('OPEN', 'CLOSED'))
      )`);
    await q.query(`CREATE UNIQUE INDEX signal_key ON signal (key)`);
    await q.query(`CREATE INDEX signal_municipality ON signal (municipality, status, id)`);
    await q.query(`CREATE INDEX signal_plan ON signal (plan_id, kind)`);
    await q.query(`CREATE INDEX signal_coordinator ON signal (coordinator_org, status, id)`);
    await q.query(`
      CREATE TABLE coming_of_age (
        person_id uuid PRIMARY KEY,
        person_pseudonym text NOT NULL,
        eighteen_on date NOT NULL,
        brp_municipality text,
        youth_lineage_ids uuid[] NOT NULL DEFAULT '{}',
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE coming_of_age`);
    await q.query(`DROP TABLE signal`);
  }
}
