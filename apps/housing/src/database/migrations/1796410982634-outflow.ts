import { MigrationInterface, QueryRunner } from 'typeorm';

/** The outflow_readiness table, as OutflowReadinessEntity declares it. */
export class OutflowTable1796410982634 implements MigrationInterface {
  name = 'OutflowTable1796410982634';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outflow_readiness (
        id uuid PRIMARY KEY,
        person_id uuid NOT NULL,
        person_pseudonym text NOT NULL,
        municipality text NOT NULL,
        ready_from date NOT NULL,
        needs text[] NOT NULL DEFAULT '{}',
        source text NOT NULL,
        plan_id uuid,
        consent_given_on date,
        consent_recorded_by text,
        consent_withdrawn_on date,
        status text NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT outflow_readiness_status_check CHECK (status IN ('READY', 'NOMINATED', 'HOUSED', 'WITHDRAWN')),
        CONSTRAINT outflow_readiness_source_check CHECK (source IN ('CARE_PLAN', 'OFFICER'))
      )`);
    await q.query(`CREATE UNIQUE INDEX outflow_readiness_open_person ON outflow_readiness (person_id) WHERE status IN ('READY', 'NOMINATED')`);
    await q.query(`CREATE INDEX outflow_readiness_municipality ON outflow_readiness (municipality, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outflow_readiness`);
  }
}
