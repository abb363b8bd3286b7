import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit of the region's provider register (issue 13, O3; ADR 0027): every registration and
 * change of a provider, who made it, when, and the provider before and after.
 */
export class ProviderAudit1763000000001 implements MigrationInterface {
  name = 'ProviderAudit1763000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE provider_audit (
        id bigserial PRIMARY KEY,
        agb text NOT NULL,
        version int NOT NULL,
        action text NOT NULL,
        changed_by text NOT NULL,
        changed_by_org text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        before jsonb,
        after jsonb NOT NULL
      )`);
    await q.query('CREATE INDEX provider_audit_agb_idx ON provider_audit (agb, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE provider_audit');
  }
}
