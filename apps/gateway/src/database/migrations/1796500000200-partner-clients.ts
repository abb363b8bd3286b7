import { MigrationInterface, QueryRunner } from 'typeorm';

/** Partners' OAuth2 clients (client credentials), their secrets kept hashed. */
export class PartnerClientsTable1796500000200 implements MigrationInterface {
  name = 'PartnerClientsTable1796500000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partner_client (
        client_id text PRIMARY KEY,
        org text NOT NULL REFERENCES partner (org),
        secret_hash text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by text
      )`);
    await q.query('CREATE INDEX partner_client_org ON partner_client (org)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE partner_client');
  }
}
