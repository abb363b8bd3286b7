import { MigrationInterface, QueryRunner } from 'typeorm';

/** The partner registry and its audit trail, as their entities declare them. */
export class PartnersTable1796500000100 implements MigrationInterface {
  name = 'PartnersTable1796500000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partner (
        org text PRIMARY KEY,
        kind text NOT NULL,
        name text NOT NULL,
        scopes text[] NOT NULL,
        access_team_for text[] NOT NULL,
        active boolean NOT NULL DEFAULT true,
        rate_limit_per_minute integer,
        revision integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT partner_kind_check CHECK (kind IN ('ORG', 'AGB', 'CORP') AND org LIKE kind || ':%'),
        CONSTRAINT partner_access_team_for_check CHECK (kind = 'ORG' OR cardinality(access_team_for) = 0),
        CONSTRAINT partner_rate_limit_per_minute_check CHECK (rate_limit_per_minute IS NULL OR rate_limit_per_minute > 0)
      )`);
    await q.query(`
      CREATE TABLE partner_revision (
        org text NOT NULL REFERENCES partner (org),
        revision integer NOT NULL,
        name text NOT NULL,
        scopes text[] NOT NULL,
        access_team_for text[] NOT NULL,
        active boolean NOT NULL,
        rate_limit_per_minute integer,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org, revision)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE partner_revision');
    await q.query('DROP TABLE partner');
  }
}
