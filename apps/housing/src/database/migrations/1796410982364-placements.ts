import { MigrationInterface, QueryRunner } from 'typeorm';

/** The placement table, as PlacementEntity declares it. */
export class PlacementsTable1796410982364 implements MigrationInterface {
  name = 'PlacementsTable1796410982364';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE placement (
        id uuid PRIMARY KEY,
        place_id uuid NOT NULL REFERENCES place (id),
        facility_id uuid NOT NULL,
        facility_type text NOT NULL,
        facility_municipality text NOT NULL,
        provider_agb text,
        entry_id uuid,
        offer_id uuid,
        person_id uuid NOT NULL,
        person_pseudonym text NOT NULL,
        municipality text NOT NULL,
        responsible_municipality text NOT NULL,
        origin_municipality text,
        provision_lineage_id uuid,
        direct boolean NOT NULL DEFAULT false,
        start_date date NOT NULL,
        end_date date,
        destination text,
        end_note text,
        planned_end date,
        planned_destination text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        ended_by text,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT placement_end_check CHECK (end_date IS NULL OR end_date >= start_date),
        CONSTRAINT placement_destination_check CHECK ((end_date IS NULL) = (destination IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX placement_place_running ON placement (place_id) WHERE end_date IS NULL`);
    await q.query(`CREATE UNIQUE INDEX placement_person_running ON placement (person_id) WHERE end_date IS NULL`);
    await q.query(`CREATE INDEX placement_facility ON placement (facility_id, start_date)`);
    await q.query(`CREATE INDEX placement_municipality ON placement (municipality, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE placement`);
  }
}
