import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, O1: the read model of the gateway's partner registry (gateway.partner.registered.v1
 * and .changed.v1). An `ORG:` caller's `access.caseworker` counts only while its partner is active
 * and registered as an access team for the municipalities it acts for (ADR 0052, 0017).
 *
 * Access created this table first, with this very migration: the class and its name moved here
 * unchanged (ADR 0017), so access's migrations table already records it and its rows stay where
 * they are, while care-plans and exchange get the table when they first start with it.
 */
export class PartnerTeam1796500500000 implements MigrationInterface {
  name = 'PartnerTeam1796500500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partner_team (
        org text PRIMARY KEY,
        kind text NOT NULL,
        name text NOT NULL,
        access_team_for text[] NOT NULL,
        active boolean NOT NULL,
        revision integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE partner_team`);
  }
}

/** The partner-team table's migrations, in order. */
export const PARTNER_TEAM_MIGRATIONS = [PartnerTeam1796500500000];
