import { MigrationInterface, QueryRunner } from 'typeorm';

/** The nomination table, as NominationEntity declares it. */
export class NominationsTable1796410982741 implements MigrationInterface {
  name = 'NominationsTable1796410982741';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE nomination (
        id uuid PRIMARY KEY,
        readiness_id uuid NOT NULL REFERENCES outflow_readiness (id),
        placement_id uuid NOT NULL,
        person_id uuid NOT NULL,
        person_pseudonym text NOT NULL,
        placement_municipality text NOT NULL,
        responsible_municipality text NOT NULL,
        provision_lineage_id uuid,
        corporation text NOT NULL,
        municipality text NOT NULL,
        scheme text NOT NULL,
        quota_year integer NOT NULL,
        status text NOT NULL,
        nominated_on date NOT NULL,
        household_size integer NOT NULL,
        needs text[] NOT NULL DEFAULT '{}',
        answered_on date,
        lease_start date,
        address jsonb,
        decline_reason text,
        lease_signed_on date,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        answered_by text,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT nomination_status_check CHECK (status IN ('NOMINATED', 'ACCEPTED', 'DECLINED', 'LEASE_SIGNED')),
        CONSTRAINT nomination_scheme_check CHECK (scheme IN ('QUOTA', 'URGENCY'))
      )`);
    await q.query(`CREATE UNIQUE INDEX nomination_open_readiness ON nomination (readiness_id) WHERE status IN ('NOMINATED', 'ACCEPTED')`);
    await q.query(`CREATE INDEX nomination_corporation ON nomination (corporation, id)`);
    await q.query(`CREATE INDEX nomination_municipality ON nomination (municipality, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE nomination`);
  }
}
