import { MigrationInterface, QueryRunner } from 'typeorm';

/** The read models of access's facts: households, life domains, provision lineages. */
export class AccessFactsTables1796500000100 implements MigrationInterface {
  name = 'AccessFactsTables1796500000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE household (
        id uuid PRIMARY KEY,
        municipality text NOT NULL,
        version integer NOT NULL
      )`);
    await q.query(`
      CREATE TABLE household_member (
        household_id uuid NOT NULL,
        person_id uuid NOT NULL,
        valid_from date NOT NULL,
        valid_to date,
        person_pseudonym text NOT NULL,
        role text NOT NULL,
        minor_on date,
        PRIMARY KEY (household_id, person_id, valid_from)
      )`);
    await q.query(`CREATE INDEX household_member_person ON household_member (person_id)`);
    await q.query(`
      CREATE TABLE life_domain (
        code text PRIMARY KEY,
        label text NOT NULL,
        scale_min integer NOT NULL,
        scale_max integer NOT NULL,
        active boolean NOT NULL,
        framework text,
        position integer,
        revision integer NOT NULL
      )`);
    await q.query(`
      CREATE TABLE provision (
        lineage_id uuid PRIMARY KEY,
        version integer NOT NULL,
        provision_id uuid,
        person_id uuid,
        person_pseudonym text,
        household_id uuid,
        category text,
        product_code text,
        delivery_form text,
        provider_agb text,
        period_start date,
        period_end date,
        municipality text,
        responsible_municipality text,
        law text,
        volume_amount integer,
        volume_unit text,
        volume_frequency text,
        budget_cents bigint,
        tariff_cents bigint,
        crisis boolean NOT NULL DEFAULT false,
        ended_on date,
        end_reason text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX provision_person ON provision (person_id)`);
    await q.query(`CREATE INDEX provision_household ON provision (household_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE provision`);
    await q.query(`DROP TABLE life_domain`);
    await q.query(`DROP TABLE household_member`);
    await q.query(`DROP TABLE household`);
  }
}
