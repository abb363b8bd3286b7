import { MigrationInterface, QueryRunner } from 'typeorm';

/** Goals, actions, reviews, the domain scores, and the links of provisions to goals. */
export class GoalsTables1796500000300 implements MigrationInterface {
  name = 'GoalsTables1796500000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE goal (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL,
        domain_code text NOT NULL,
        person_id uuid,
        description text NOT NULL,
        baseline_score integer NOT NULL,
        baseline_on date NOT NULL,
        target_score integer NOT NULL,
        target_date date NOT NULL,
        status text NOT NULL,
        achieved_on date,
        priority integer NOT NULL DEFAULT 100,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT goal_status_check CHECK (status IN ('ACTIVE', 'ACHIEVED', 'STOPPED')),
        CONSTRAINT goal_dates_check CHECK (target_date >= baseline_on)
      )`);
    await q.query(`CREATE INDEX goal_plan ON goal (plan_id, domain_code)`);
    await q.query(`
      CREATE TABLE action (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL,
        goal_id uuid,
        performer_id uuid NOT NULL,
        description text NOT NULL,
        due_on date,
        lineage_id uuid,
        sequence integer NOT NULL DEFAULT 100,
        status text NOT NULL,
        done_on date,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT action_status_check CHECK (status IN ('OPEN', 'DONE', 'CANCELLED'))
      )`);
    await q.query(`CREATE INDEX action_plan ON action (plan_id, sequence)`);
    await q.query(`
      CREATE TABLE review (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL,
        held_on date NOT NULL,
        note text,
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX review_plan ON review (plan_id, held_on)`);
    await q.query(`
      CREATE TABLE domain_score (
        id uuid PRIMARY KEY,
        plan_id uuid NOT NULL,
        review_id uuid,
        domain_code text NOT NULL,
        person_id uuid,
        score integer NOT NULL,
        measured_on date NOT NULL,
        source text NOT NULL,
        CONSTRAINT domain_score_source_check CHECK (source IN ('BASELINE', 'REVIEW'))
      )`);
    await q.query(`CREATE INDEX domain_score_plan ON domain_score (plan_id, domain_code, measured_on)`);
    await q.query(`
      CREATE TABLE provision_goal (
        lineage_id uuid NOT NULL,
        goal_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        PRIMARY KEY (lineage_id, goal_id)
      )`);
    await q.query(`CREATE INDEX provision_goal_plan ON provision_goal (plan_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['provision_goal', 'domain_score', 'review', 'action', 'goal']) await q.query(`DROP TABLE ${t}`);
  }
}
