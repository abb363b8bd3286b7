import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 17: the region's programme — an investment fund's action lines, phasing and split, the
// fund's amounts per year and kind with their keys, spend and commitments against plan, and
// subsidies granted in procurement whose instalments payment batches pay.
export class Programmes1790000000000 implements MigrationInterface {
  name = 'Programmes1790000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programme (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        fund_name text NOT NULL,
        owner_municipality text NOT NULL,
        first_year int NOT NULL,
        last_year int NOT NULL,
        current_version int NOT NULL DEFAULT 1,
        approved_version int,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT programme_period_check CHECK (last_year >= first_year)
      )`);
    // Plan versions: a change of plan is a new version with a reason; versions are never changed.
    await q.query(`
      CREATE TABLE programme_plan (
        programme_id uuid NOT NULL,
        version int NOT NULL,
        reason text,
        themes jsonb NOT NULL,
        stated_total_cents bigint,
        stated_year_totals jsonb NOT NULL DEFAULT '[]',
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (programme_id, version)
      )`);
    await q.query(`
      CREATE TABLE programme_plan_approval (
        programme_id uuid NOT NULL,
        version int NOT NULL,
        approved_by text NOT NULL,
        comment text,
        approved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (programme_id, version)
      )`);
    await q.query(`
      CREATE TABLE action_line (
        id uuid PRIMARY KEY,
        programme_id uuid NOT NULL REFERENCES programme (id),
        number text NOT NULL,
        UNIQUE (programme_id, number)
      )`);
    await q.query(`
      CREATE TABLE action_line_plan (
        action_line_id uuid NOT NULL REFERENCES action_line (id),
        plan_version int NOT NULL,
        programme_id uuid NOT NULL,
        theme text NOT NULL,
        title text NOT NULL,
        owner text NOT NULL,
        start_quarter text NOT NULL,
        end_quarter text NOT NULL,
        result text,
        kpi jsonb,
        years jsonb NOT NULL,
        PRIMARY KEY (action_line_id, plan_version)
      )`);
    await q.query(`CREATE INDEX action_line_plan_programme ON action_line_plan (programme_id, plan_version)`);
    await q.query(`
      CREATE TABLE programme_allocation (
        programme_id uuid NOT NULL,
        year int NOT NULL,
        kind text NOT NULL,
        version int NOT NULL,
        amount_cents bigint NOT NULL,
        weights jsonb NOT NULL,
        basis text,
        parts jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (programme_id, year, kind, version),
        CONSTRAINT programme_allocation_kind_check CHECK (kind IN ('INCIDENTAL', 'STRUCTURAL'))
      )`);
    await q.query(`
      CREATE TABLE action_line_measurement (
        id uuid PRIMARY KEY,
        action_line_id uuid NOT NULL REFERENCES action_line (id),
        measured_on date NOT NULL,
        value numeric NOT NULL,
        note text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX action_line_measurement_line ON action_line_measurement (action_line_id, measured_on)`);
    await q.query(`
      CREATE TABLE programme_booking (
        id uuid PRIMARY KEY,
        programme_id uuid NOT NULL,
        action_line_id uuid NOT NULL REFERENCES action_line (id),
        municipality text NOT NULL,
        year int NOT NULL,
        kind text NOT NULL,
        type text NOT NULL,
        amount_cents bigint NOT NULL,
        booked_on date NOT NULL,
        description text NOT NULL,
        subsidy_id uuid,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT programme_booking_kind_check CHECK (kind IN ('INCIDENTAL', 'STRUCTURAL')),
        CONSTRAINT programme_booking_type_check CHECK (type IN ('COMMITMENT', 'PAYMENT'))
      )`);
    await q.query(`CREATE INDEX programme_booking_programme ON programme_booking (programme_id, municipality, year)`);
    // A subsidy is committed on one action line, once.
    await q.query(`CREATE UNIQUE INDEX programme_booking_subsidy ON programme_booking (subsidy_id) WHERE subsidy_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE programme_alert (
        action_line_id uuid NOT NULL,
        year int NOT NULL,
        kind text NOT NULL,
        threshold int NOT NULL,
        percent int NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (action_line_id, year, kind, threshold)
      )`);

    // Subsidies granted in procurement (procurement.subsidy.granted.v1) and their instalments.
    await q.query(`
      CREATE TABLE subsidy (
        subsidy_id uuid PRIMARY KEY,
        organisation_agb text NOT NULL,
        municipality text NOT NULL,
        year int NOT NULL,
        amount_cents bigint NOT NULL,
        purpose text NOT NULL,
        conditions jsonb NOT NULL,
        reference text,
        event_id uuid NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX subsidy_municipality_year ON subsidy (municipality, year)`);
    await q.query(`
      CREATE TABLE subsidy_instalment (
        subsidy_id uuid NOT NULL REFERENCES subsidy (subsidy_id),
        seq int NOT NULL,
        due_date date NOT NULL,
        amount_cents bigint NOT NULL,
        PRIMARY KEY (subsidy_id, seq)
      )`);
    await q.query(`CREATE INDEX subsidy_instalment_due ON subsidy_instalment (due_date)`);
    // Payment batches pay subsidy instalments too (maker-checker as for declarations).
    await q.query(`ALTER TABLE payment_batch ADD COLUMN instalment_count int NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE payment_batch_instalment (
        batch_id uuid NOT NULL REFERENCES payment_batch (id),
        subsidy_id uuid NOT NULL,
        seq int NOT NULL,
        organisation_agb text NOT NULL,
        amount_cents bigint NOT NULL,
        PRIMARY KEY (batch_id, subsidy_id, seq)
      )`);
    await q.query(`CREATE INDEX payment_batch_instalment_subsidy ON payment_batch_instalment (subsidy_id, seq)`);

    for (const t of ['programme_plan', 'programme_plan_approval', 'action_line_plan', 'programme_allocation', 'programme_booking', 'payment_batch_instalment']) {
      await q.query(`CREATE TRIGGER ${t}_insert_only BEFORE UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION finance_insert_only()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payment_batch DROP COLUMN instalment_count`);
    for (const t of ['payment_batch_instalment', 'subsidy_instalment', 'subsidy', 'programme_alert', 'programme_booking', 'action_line_measurement', 'programme_allocation', 'action_line_plan', 'action_line', 'programme_plan_approval', 'programme_plan', 'programme']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
