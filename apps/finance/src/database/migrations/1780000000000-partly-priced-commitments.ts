import { MigrationInterface, QueryRunner } from 'typeorm';

// Issue 12: a provision that runs into years without a published contract tariff is booked for the
// years that have one; the years without one are listed here (with an indicative estimate) until
// procurement.tariff.published completes them.
export class PartlyPricedCommitments1780000000000 implements MigrationInterface {
  name = 'PartlyPricedCommitments1780000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE commitment_unpriced (
        lineage_id uuid NOT NULL,
        provision_id uuid NOT NULL,
        year int NOT NULL,
        municipality text NOT NULL,
        provider_agb text,
        category text NOT NULL,
        product_code text,
        estimate_cents bigint,
        estimate_tariff_year int,
        PRIMARY KEY (lineage_id, provision_id, year)
      )`);
    await q.query(`CREATE INDEX commitment_unpriced_municipality_year ON commitment_unpriced (municipality, year)`);
    await q.query(`CREATE INDEX commitment_unpriced_tariff ON commitment_unpriced (provider_agb, year)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE commitment_unpriced`);
  }
}
