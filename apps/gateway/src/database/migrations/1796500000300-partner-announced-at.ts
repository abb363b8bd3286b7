import { MigrationInterface, QueryRunner } from 'typeorm';

/** When each partner was last announced on the gateway's stream (its events expire with max_age). */
export class PartnerAnnouncedAt1796500000300 implements MigrationInterface {
  name = 'PartnerAnnouncedAt1796500000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE partner ADD announced_at timestamptz NOT NULL DEFAULT now()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE partner DROP COLUMN announced_at');
  }
}
