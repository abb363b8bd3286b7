import { MigrationInterface, QueryRunner } from 'typeorm';

/** The facility and place tables, as FacilityEntity and PlaceEntity declare them. */
export class FacilitiesTable1796410981796 implements MigrationInterface {
  name = 'FacilitiesTable1796410981796';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE facility (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        type text NOT NULL,
        municipality text NOT NULL,
        neighbourhood text NOT NULL,
        provider_agb text,
        owner_corporation text,
        capacity integer NOT NULL,
        features text[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT facility_capacity_check CHECK (capacity >= 0)
      )`);
    await q.query(`CREATE INDEX facility_municipality ON facility (municipality, id)`);
    await q.query(`CREATE INDEX facility_provider ON facility (provider_agb)`);
    await q.query(`
      CREATE TABLE place (
        id uuid PRIMARY KEY,
        facility_id uuid NOT NULL REFERENCES facility (id),
        label text NOT NULL,
        status text NOT NULL,
        features text[] NOT NULL DEFAULT '{}',
        blocked_reason text,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (facility_id, label),
        CONSTRAINT place_status_check CHECK (status IN ('FREE', 'RESERVED', 'OCCUPIED', 'BLOCKED', 'RETIRED'))
      )`);
    await q.query(`CREATE INDEX place_status ON place (status, facility_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE place`);
    await q.query(`DROP TABLE facility`);
  }
}
