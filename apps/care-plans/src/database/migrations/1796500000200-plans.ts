import { MigrationInterface, QueryRunner } from 'typeorm';

/** Plans, participants, consent and handovers. */
export class PlansTables1796500000200 implements MigrationInterface {
  name = 'PlansTables1796500000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL,
        municipality text NOT NULL,
        coordinator_org text NOT NULL,
        coordinator_team text,
        opened_on date NOT NULL,
        review_interval_months integer NOT NULL,
        next_review_on date NOT NULL,
        priorities text[] NOT NULL DEFAULT '{}',
        status text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT plan_status_check CHECK (status IN ('OPEN', 'CLOSED')),
        CONSTRAINT plan_review_interval_check CHECK (review_interval_months BETWEEN 1 AND 24)
      )`);
    await q.query(`CREATE UNIQUE INDEX plan_household ON plan (household_id)`);
    await q.query(`CREATE INDEX plan_municipality ON plan (municipality, id)`);
    await q.query(`CREATE INDEX plan_coordinator ON plan (coordinator_org, id)`);
    await q.query(`CREATE INDEX plan_next_review ON plan (next_review_on) WHERE status = 'OPEN'`);
    await q.query(`
      CREATE TABLE participant (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL,
        role text NOT NULL,
        org text,
        team text,
        label text NOT NULL,
        person_id uuid,
        joined_on date NOT NULL,
        left_on date,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT participant_role_check CHECK (role IN ('COORDINATOR', 'RESIDENT', 'LEGAL_REPRESENTATIVE', 'INFORMAL_CARER', 'VOLUNTEER', 'PROVIDER', 'MUNICIPAL_TEAM', 'GP', 'FACT_TEAM')),
        CONSTRAINT participant_no_corporation_check CHECK (org IS NULL OR org NOT LIKE 'CORP:%')
      )`);
    await q.query(`CREATE INDEX participant_plan ON participant (plan_id)`);
    await q.query(`CREATE INDEX participant_org ON participant (org) WHERE left_on IS NULL`);
    await q.query(`CREATE UNIQUE INDEX participant_one_coordinator ON participant (plan_id) WHERE role = 'COORDINATOR' AND left_on IS NULL`);
    await q.query(`
      CREATE TABLE consent (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL,
        participant_id uuid NOT NULL,
        sections text[] NOT NULL,
        domains text[] NOT NULL,
        given_on date NOT NULL,
        method text NOT NULL,
        instructed_by uuid NOT NULL,
        recorded_by text NOT NULL,
        withdrawn_on date,
        withdrawal_method text,
        withdrawal_instructed_by uuid,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT consent_method_check CHECK (method IN ('IN_PERSON', 'IN_WRITING', 'BY_PHONE'))
      )`);
    await q.query(`CREATE INDEX consent_participant ON consent (participant_id, recorded_at)`);
    await q.query(`CREATE INDEX consent_plan ON consent (plan_id)`);
    await q.query(`
      CREATE TABLE handover (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL,
        from_org text NOT NULL,
        from_team text,
        to_org text NOT NULL,
        to_team text,
        "on" date NOT NULL,
        in_person boolean NOT NULL,
        note text,
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX handover_plan ON handover (plan_id, "on")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE handover`);
    await q.query(`DROP TABLE consent`);
    await q.query(`DROP TABLE participant`);
    await q.query(`DROP TABLE plan`);
  }
}
