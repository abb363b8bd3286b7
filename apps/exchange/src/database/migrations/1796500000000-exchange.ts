import { MigrationInterface, QueryRunner } from 'typeorm';

/** The exchange's tables, as MessageEntity, AssignmentEntity, AssignmentRequestEntity and DeclarationEntity declare them. */
export class ExchangeTables1796500000000 implements MigrationInterface {
  name = 'ExchangeTables1796500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE message (
        id uuid PRIMARY KEY,
        direction text NOT NULL,
        standard text NOT NULL,
        message_type text NOT NULL,
        sender text NOT NULL,
        receiver text NOT NULL,
        identification text NOT NULL,
        dagtekening date,
        provider_agb text NOT NULL,
        municipality text NOT NULL,
        status text NOT NULL,
        xml text NOT NULL,
        size_bytes integer NOT NULL,
        findings jsonb NOT NULL DEFAULT '[]',
        timings jsonb,
        in_reply_to uuid,
        awaiting text,
        due_on date,
        settled_by uuid,
        settled_at timestamptz,
        assignment_numbers integer[] NOT NULL DEFAULT '{}',
        person_pseudonyms text[] NOT NULL DEFAULT '{}',
        transport text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        collected_at timestamptz,
        CONSTRAINT message_direction_check CHECK (direction IN ('IN', 'OUT')),
        CONSTRAINT message_status_check CHECK (status IN ('ACCEPTED', 'REJECTED', 'WAITING', 'COLLECTED', 'HELD')),
        CONSTRAINT message_awaiting_check CHECK (awaiting IS NULL OR (awaiting IN ('RETOUR', 'ANSWER') AND due_on IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX message_inbound_once ON message (sender, identification) WHERE direction = 'IN'`);
    await q.query(`CREATE INDEX message_municipality ON message (municipality, received_at)`);
    await q.query(`CREATE INDEX message_provider ON message (provider_agb, received_at)`);
    await q.query(`CREATE INDEX message_due ON message (due_on) WHERE awaiting IS NOT NULL`);
    await q.query(`CREATE INDEX message_mailbox ON message (provider_agb, received_at) WHERE status = 'WAITING'`);

    await q.query(`
      CREATE TABLE assignment (
        lineage_id uuid PRIMARY KEY,
        assignment_number integer NOT NULL,
        responsible_municipality text NOT NULL,
        municipality text NOT NULL,
        provider_agb text NOT NULL,
        person_id uuid NOT NULL,
        person_pseudonym text NOT NULL,
        law text NOT NULL,
        category text NOT NULL,
        product_code text,
        volume jsonb,
        budget_cents bigint,
        tariff_unit text,
        start_date date NOT NULL,
        end_date date,
        end_reason text,
        change_reason text,
        version integer NOT NULL,
        request_id uuid,
        assigned_at timestamptz NOT NULL,
        UNIQUE (responsible_municipality, assignment_number)
      )`);
    await q.query(`CREATE INDEX assignment_client ON assignment (person_id, provider_agb, responsible_municipality)`);

    await q.query(`
      CREATE TABLE assignment_request (
        id uuid PRIMARY KEY,
        message_id uuid NOT NULL,
        provider_agb text NOT NULL,
        municipality text NOT NULL,
        standard text NOT NULL,
        provider_reference text NOT NULL,
        kind text NOT NULL,
        assignment_number integer,
        person_id uuid NOT NULL,
        received_on date NOT NULL,
        due_on date NOT NULL,
        status text NOT NULL,
        outcome_message_id uuid,
        interim_message_id uuid,
        CONSTRAINT assignment_request_status_check CHECK (status IN ('OPEN', 'UNDER_INVESTIGATION', 'GRANTED', 'REJECTED'))
      )`);
    await q.query(`CREATE INDEX assignment_request_reference ON assignment_request (provider_agb, provider_reference)`);
    await q.query(`CREATE INDEX assignment_request_due ON assignment_request (due_on) WHERE status = 'OPEN'`);

    await q.query(`
      CREATE TABLE declaration (
        id uuid PRIMARY KEY,
        message_id uuid NOT NULL UNIQUE,
        provider_agb text NOT NULL,
        municipality text NOT NULL,
        declaration_number text NOT NULL,
        object_name text NOT NULL,
        line_count integer NOT NULL,
        received_on date NOT NULL,
        answer_basis jsonb NOT NULL,
        status text NOT NULL,
        answer_message_id uuid,
        CONSTRAINT declaration_status_check CHECK (status IN ('WITH_FINANCE', 'ANSWERED'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE declaration`);
    await q.query(`DROP TABLE assignment_request`);
    await q.query(`DROP TABLE assignment`);
    await q.query(`DROP TABLE message`);
  }
}
