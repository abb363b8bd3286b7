import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access's end of the wave-2 contracts (issue 11): assignment numbers per responsible
 * municipality, the provider's request and the origin on a lineage, delivery reports, household
 * memberships with dates, life-domain revisions, the coming-of-age notices, and the worklist's
 * tasks and provider requests. The automatic payer switch inside a lineage (ADR 0033) stops: its
 * pending switches are cancelled (a change of payer now needs a new lineage).
 */
export class Wave21796412000000 implements MigrationInterface {
  name = 'Wave21796412000000';

  async up(q: QueryRunner): Promise<void> {
    // A lineage's number is the iWmo/iJw ToewijzingNummer, unique per paying municipality.
    await q.query(`ALTER TABLE provision_lineage ADD responsible_municipality text, ADD assignment_number integer, ADD request_id uuid, ADD origin_municipality text`);
    await q.query(`UPDATE provision_lineage l SET responsible_municipality = p.responsible_municipality FROM provision p WHERE p.lineage_id = l.id AND p.version = 1`);
    await q.query(`
      UPDATE provision_lineage l SET assignment_number = n.number
        FROM (SELECT id, row_number() OVER (PARTITION BY responsible_municipality ORDER BY created_at, id) AS number FROM provision_lineage) n
       WHERE n.id = l.id`);
    await q.query(`ALTER TABLE provision_lineage ALTER responsible_municipality SET NOT NULL, ALTER assignment_number SET NOT NULL`);
    await q.query(`ALTER TABLE provision_lineage ADD CONSTRAINT provision_lineage_assignment_number UNIQUE (responsible_municipality, assignment_number)`);
    await q.query(`ALTER TABLE provision_lineage ADD CONSTRAINT provision_lineage_assignment_number_check CHECK (assignment_number BETWEEN 1 AND 999999999)`);
    await q.query(`CREATE TABLE assignment_number_sequence (municipality text PRIMARY KEY, last_number integer NOT NULL)`);
    await q.query(`INSERT INTO assignment_number_sequence (municipality, last_number) SELECT responsible_municipality, max(assignment_number) FROM provision_lineage GROUP BY 1`);
    // ADR 0033's switch job stops; what it still had to do is cancelled.
    await q.query(`UPDATE provision SET responsibility_switch_on = NULL, responsibility_switch_error = NULL WHERE responsibility_switch_on IS NOT NULL OR responsibility_switch_error IS NOT NULL`);

    // What providers reported of the delivery (305/307 through the exchange), one row per start.
    await q.query(`
      CREATE TABLE provision_delivery (
        lineage_id uuid NOT NULL REFERENCES provision_lineage (id),
        start_date date NOT NULL,
        provider_agb text NOT NULL,
        start_status text,
        start_reported_on date,
        end_date date,
        reason_code text,
        reason_law text,
        stop_status text,
        stop_reported_on date,
        PRIMARY KEY (lineage_id, start_date)
      )`);

    // Memberships with their dates; households announced once (access.household.changed.v1).
    await q.query(`ALTER TABLE household_member ADD from_date date, ADD to_date date`);
    await q.query(`UPDATE household_member SET from_date = (added_at AT TIME ZONE 'Europe/Amsterdam')::date`);
    await q.query(`ALTER TABLE household_member ALTER from_date SET NOT NULL`);
    await q.query(`ALTER TABLE household ADD announced_version integer NOT NULL DEFAULT 0`);

    // Life domains change by revision and are announced once per revision (access.life-domain.changed.v1).
    await q.query(`ALTER TABLE life_domain ADD revision integer NOT NULL DEFAULT 1, ADD announced_revision integer NOT NULL DEFAULT 0`);
    await q.query(`
      CREATE TABLE life_domain_revision (
        code text NOT NULL REFERENCES life_domain (code),
        revision integer NOT NULL,
        label text NOT NULL,
        framework text NOT NULL,
        active boolean NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (code, revision)
      )`);

    // access.person.resolve creates a person from a BSN alone (an inbound message): no name yet.
    await q.query(`ALTER TABLE person ALTER family_name DROP NOT NULL`);

    // Each person's coming of age is announced once.
    await q.query(`
      CREATE TABLE coming_of_age (
        person_id uuid PRIMARY KEY REFERENCES person (id),
        eighteen_on date NOT NULL,
        published_on date NOT NULL
      )`);

    // Providers' requests (315/317) and the worklist's tasks.
    await q.query(`
      CREATE TABLE assignment_request (
        id uuid PRIMARY KEY,
        provider_reference text NOT NULL,
        kind text NOT NULL,
        assignment_number integer,
        provider_agb text NOT NULL,
        municipality text NOT NULL,
        law text NOT NULL,
        person_id uuid NOT NULL REFERENCES person (id),
        request jsonb NOT NULL,
        received_on date NOT NULL,
        answer_due date NOT NULL,
        outcome text,
        rejection_reason text,
        lineage_ids uuid[] NOT NULL DEFAULT '{}',
        answered_on date,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE worklist_task (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        source_key text NOT NULL UNIQUE,
        municipality text NOT NULL,
        person_id uuid REFERENCES person (id),
        lineage_id uuid,
        request_id uuid REFERENCES assignment_request (id),
        title text NOT NULL,
        due_date date,
        status text NOT NULL DEFAULT 'OPEN',
        assignee text,
        outcome text,
        note text,
        created_on date NOT NULL,
        closed_on date,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX worklist_task_open ON worklist_task (municipality, due_date, id) WHERE status <> 'CLOSED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['worklist_task', 'assignment_request', 'coming_of_age', 'life_domain_revision', 'provision_delivery', 'assignment_number_sequence']) await q.query(`DROP TABLE ${t}`);
    await q.query(`ALTER TABLE life_domain DROP COLUMN revision, DROP COLUMN announced_revision`);
    await q.query(`ALTER TABLE household DROP COLUMN announced_version`);
    await q.query(`UPDATE person SET family_name = '' WHERE family_name IS NULL`);
    await q.query(`ALTER TABLE person ALTER family_name SET NOT NULL`);
    await q.query(`ALTER TABLE household_member DROP COLUMN from_date, DROP COLUMN to_date`);
    await q.query(
      `ALTER TABLE provision_lineage DROP COLUMN responsible_municipality, DROP COLUMN assignment_number, DROP COLUMN request_id, DROP COLUMN origin_municipality`,
    );
  }
}
