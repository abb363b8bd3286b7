import { MigrationInterface, QueryRunner } from 'typeorm';

const FACTS = 'given_name, family_name, birth_date, brp_municipality, origin_municipality, residence, safety_flag';

/**
 * One regional person registry for identity only (issue 13, O2; ADR 0051): the shared `person`
 * keeps the BSN alone, and what a municipality knows of the person (name, birth date, BRP and
 * origin municipality, residence facts, safety flag) moves to `person_record`, one row per person
 * and municipality. Each existing person's data goes to every municipality that knew them (the
 * old `municipalities` list), so no municipality loses what it could read; from here on each
 * keeps its own.
 */
export class PersonPerMunicipality1796500300000 implements MigrationInterface {
  name = 'PersonPerMunicipality1796500300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person_record (
        person_id uuid NOT NULL REFERENCES person (id),
        municipality text NOT NULL,
        given_name text,
        -- Null for a person this municipality knows by BSN only (linked by a message or a case).
        family_name text,
        birth_date date,
        brp_municipality text,
        origin_municipality text,
        residence jsonb,
        safety_flag boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_id, municipality)
      )`);
    await q.query(`
      INSERT INTO person_record (person_id, municipality, ${FACTS}, version, created_at, updated_at)
      SELECT p.id, m.municipality, ${FACTS.split(', ')
        .map((c) => `p.${c}`)
        .join(', ')}, p.version, p.created_at, p.updated_at
      FROM person p CROSS JOIN LATERAL (SELECT DISTINCT unnest(p.municipalities) AS municipality) m`);
    await q.query(
      `ALTER TABLE person DROP given_name, DROP family_name, DROP birth_date, DROP brp_municipality, DROP origin_municipality, DROP residence, DROP safety_flag, DROP municipalities, DROP version, DROP updated_at`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE person ADD given_name text, ADD family_name text, ADD birth_date date, ADD brp_municipality text, ADD origin_municipality text,
        ADD residence jsonb, ADD safety_flag boolean NOT NULL DEFAULT false, ADD municipalities text[] NOT NULL DEFAULT '{}',
        ADD version integer NOT NULL DEFAULT 1, ADD updated_at timestamptz NOT NULL DEFAULT now()`);
    // Back to one record: the most recently changed municipality's facts, every municipality in scope, any safety flag kept.
    await q.query(`
      UPDATE person p SET (${FACTS}, version, updated_at) = (
        SELECT r.given_name, r.family_name, r.birth_date, r.brp_municipality, r.origin_municipality, r.residence,
               bool_or(r.safety_flag) OVER (), r.version, r.updated_at
        FROM person_record r WHERE r.person_id = p.id ORDER BY r.updated_at DESC LIMIT 1)
      WHERE EXISTS (SELECT 1 FROM person_record r WHERE r.person_id = p.id)`);
    await q.query(`UPDATE person p SET municipalities = ARRAY(SELECT r.municipality FROM person_record r WHERE r.person_id = p.id ORDER BY 1)`);
    await q.query(`ALTER TABLE person ALTER municipalities DROP DEFAULT`);
    await q.query(`DROP TABLE person_record`);
  }
}
