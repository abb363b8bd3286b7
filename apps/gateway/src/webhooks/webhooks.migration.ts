import { MigrationInterface, QueryRunner } from 'typeorm';

/** Webhook subscriptions, their deliveries and the delivery log (issue 18). */
export class WebhooksTables1796600000100 implements MigrationInterface {
  name = 'WebhooksTables1796600000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_subscription (
        id uuid PRIMARY KEY,
        org text NOT NULL,
        org_kind text NOT NULL,
        municipalities text[] NOT NULL,
        url text NOT NULL,
        event_types text[] NOT NULL,
        services text[] NOT NULL,
        secret text NOT NULL,
        start_at timestamptz NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz,
        CONSTRAINT webhook_subscription_event_types_check CHECK (cardinality(event_types) > 0)
      )`);
    await q.query('CREATE INDEX webhook_subscription_org ON webhook_subscription (org)');
    await q.query(`
      CREATE TABLE webhook_delivery (
        id uuid PRIMARY KEY,
        subscription_id uuid NOT NULL REFERENCES webhook_subscription (id),
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        ordering_key text NOT NULL,
        stream text NOT NULL,
        stream_seq bigint NOT NULL,
        body text NOT NULL,
        subject_pseudonym text,
        person_id uuid,
        municipality text,
        status text NOT NULL DEFAULT 'PENDING',
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        first_attempt_at timestamptz,
        last_attempt_at timestamptz,
        last_status_code integer,
        last_error text,
        lease_until timestamptz,
        delivered_at timestamptz,
        failed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (subscription_id, event_id),
        CONSTRAINT webhook_delivery_status_check CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED', 'HELD'))
      )`);
    await q.query('CREATE INDEX webhook_delivery_due ON webhook_delivery (status, next_attempt_at)');
    await q.query('CREATE INDEX webhook_delivery_subject ON webhook_delivery (subscription_id, ordering_key, stream_seq)');
    await q.query(`
      CREATE TABLE webhook_attempt (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES webhook_delivery (id),
        attempt integer NOT NULL,
        at timestamptz NOT NULL,
        outcome text NOT NULL,
        status_code integer,
        latency_ms integer NOT NULL,
        error text
      )`);
    await q.query('CREATE INDEX webhook_attempt_delivery ON webhook_attempt (delivery_id, attempt)');
    await q.query(`
      CREATE TABLE webhook_safety_flag (
        person_id uuid PRIMARY KEY,
        flagged boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE webhook_safety_flag');
    await q.query('DROP TABLE webhook_attempt');
    await q.query('DROP TABLE webhook_delivery');
    await q.query('DROP TABLE webhook_subscription');
  }
}

export const WEBHOOK_MIGRATIONS = [WebhooksTables1796600000100];
