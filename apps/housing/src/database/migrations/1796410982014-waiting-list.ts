import { MigrationInterface, QueryRunner } from 'typeorm';

/** The waiting list's tables, as waiting-list.entity.ts declares them. */
export class WaitingListTable1796410982014 implements MigrationInterface {
  name = 'WaitingListTable1796410982014';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE waitlist_entry (
        id uuid PRIMARY KEY,
        route text NOT NULL,
        status text NOT NULL,
        person_id uuid NOT NULL,
        person_pseudonym text NOT NULL,
        municipality text NOT NULL,
        responsible_municipality text NOT NULL,
        origin_municipality text,
        facility_type text NOT NULL,
        provision_lineage_id uuid,
        household_id uuid,
        waiting_since date NOT NULL,
        entered_on date NOT NULL,
        urgency integer NOT NULL DEFAULT 0,
        discharge_from_institution boolean NOT NULL DEFAULT false,
        needs text[] NOT NULL DEFAULT '{}',
        interim_support text,
        interim_provider_agb text,
        reassessment_on date,
        crisis boolean NOT NULL DEFAULT false,
        left_on date,
        left_reason text,
        left_note text,
        version integer NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT waitlist_entry_route_check CHECK (route IN ('WAITING_LIST', 'DIRECT_PLACEMENT')),
        CONSTRAINT waitlist_entry_status_check CHECK (status IN ('WAITING', 'OFFERED', 'ACCEPTED', 'PLACED', 'LEFT')),
        CONSTRAINT waitlist_entry_urgency_check CHECK (urgency BETWEEN 0 AND 3),
        CONSTRAINT waitlist_entry_left_check CHECK ((status IN ('PLACED', 'LEFT')) = (left_on IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX waitlist_entry_status ON waitlist_entry (status, facility_type)`);
    await q.query(`CREATE INDEX waitlist_entry_person ON waitlist_entry (person_id)`);
    await q.query(`CREATE UNIQUE INDEX waitlist_entry_lineage ON waitlist_entry (provision_lineage_id, route) WHERE provision_lineage_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX waitlist_entry_open_person ON waitlist_entry (person_id, facility_type) WHERE status IN ('WAITING', 'OFFERED', 'ACCEPTED')`);
    await q.query(`
      CREATE TABLE provision_lineage (
        lineage_id uuid PRIMARY KEY,
        version integer NOT NULL,
        provision_id uuid,
        category text,
        product_code text,
        delivery_form text,
        person_id uuid,
        ended_on date,
        end_reason text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE household (
        id uuid PRIMARY KEY,
        municipality text NOT NULL,
        version integer NOT NULL
      )`);
    await q.query(`
      CREATE TABLE household_member (
        household_id uuid NOT NULL REFERENCES household (id) ON DELETE CASCADE,
        person_id uuid NOT NULL,
        valid_from date NOT NULL,
        valid_to date,
        role text NOT NULL,
        minor_on date,
        PRIMARY KEY (household_id, person_id, valid_from)
      )`);
    await q.query(`CREATE INDEX household_member_person ON household_member (person_id)`);
    await q.query(`
      CREATE TABLE person_flag (
        person_id uuid PRIMARY KEY,
        safety_flag boolean NOT NULL,
        changed_at date NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person_flag`);
    await q.query(`DROP TABLE household_member`);
    await q.query(`DROP TABLE household`);
    await q.query(`DROP TABLE provision_lineage`);
    await q.query(`DROP TABLE waitlist_entry`);
  }
}
