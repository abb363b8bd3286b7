import { MigrationInterface, QueryRunner } from 'typeorm';

// Wave 2 (issue 11): declarations by reference from the exchange, and housing's placements.
export class DeclarationReceiptsAndPlacements1770000000000 implements MigrationInterface {
  name = 'DeclarationReceiptsAndPlacements1770000000000';

  async up(q: QueryRunner): Promise<void> {
    // A declaration the exchange handed over by reference (exchange.declaration.received.v1), once:
    // assessed (the declaration it became) or refused whole (the header's retour codes).
    await q.query(`
      CREATE TABLE declaration_receipt (
        declaration_ref uuid PRIMARY KEY,
        declaration_id uuid NOT NULL,
        provider_agb text NOT NULL,
        declaration_number text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('ASSESSED', 'REFUSED')),
        retour_codes text[] NOT NULL DEFAULT '{}',
        rejected_object_name text,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);

    // Housing's placements (housing.placement.started/ended.v1), for cost per client by housing
    // type. An end may arrive before its start: the row then waits without one.
    await q.query(`
      CREATE TABLE housing_placement (
        placement_id uuid PRIMARY KEY,
        person_id uuid,
        facility_type text,
        facility_municipality text,
        responsible_municipality text,
        provision_lineage_id uuid,
        provider_agb text,
        start_date date,
        end_date date,
        destination text,
        started_event_time timestamptz,
        ended_event_time timestamptz
      )`);
    await q.query(`CREATE INDEX housing_placement_person ON housing_placement (person_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS housing_placement');
    await q.query('DROP TABLE IF EXISTS declaration_receipt');
  }
}
