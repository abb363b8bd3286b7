import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The platform tables every service has in its own schema: outbox (events written in the same
 * transaction as the state change), inbox (what each consumer applied) and dead letters.
 */
export class MessagingTables1700000000000 implements MigrationInterface {
  name = 'MessagingTables1700000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        subject text NOT NULL,
        envelope jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text
      )`);
    await q.query(`CREATE INDEX outbox_pending ON outbox (seq) WHERE published_at IS NULL`);
    await q.query(`CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL`);
    // Wakes this schema's relays at commit; a NOTIFY inside a rolled-back transaction is never sent.
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('vangnet_outbox_' || TG_TABLE_SCHEMA, '');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
    await q.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        message_id uuid NOT NULL,
        subject text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      )`);
    await q.query(`
      CREATE TABLE dead_letter (
        id bigserial PRIMARY KEY,
        consumer text NOT NULL,
        message_id text,
        subject text NOT NULL,
        stream_sequence bigint,
        deliveries integer NOT NULL,
        error_code text NOT NULL,
        reason text NOT NULL,
        payload text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolution text
      )`);
    await q.query(`CREATE INDEX dead_letter_open ON dead_letter (consumer, created_at) WHERE resolved_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dead_letter`);
    await q.query(`DROP TABLE inbox`);
    await q.query(`DROP TRIGGER outbox_notify ON outbox`);
    await q.query(`DROP FUNCTION outbox_notify()`);
    await q.query(`DROP TABLE outbox`);
  }
}

/**
 * W3C trace context beside each outbox event (published as NATS headers), and an index the inbox
 * pruner deletes by (ADR 0013).
 */
export class MessagingTraceAndRetention1700000000001 implements MigrationInterface {
  name = 'MessagingTraceAndRetention1700000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD traceparent text, ADD tracestate text`);
    await q.query(`CREATE INDEX inbox_processed ON inbox (processed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX inbox_processed`);
    await q.query(`ALTER TABLE outbox DROP traceparent, DROP tracestate`);
  }
}

/** The messaging tables' migrations, in order. */
export const MESSAGING_MIGRATIONS = [MessagingTables1700000000000, MessagingTraceAndRetention1700000000001];
