import { MigrationInterface, QueryRunner } from 'typeorm';

/** The resident's own part: crisis card, WRAP, own input. */
export class CrisisCardTable1796500000400 implements MigrationInterface {
  name = 'CrisisCardTable1796500000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE resident_part (
        plan_id uuid NOT NULL,
        person_id uuid NOT NULL,
        contacts jsonb NOT NULL DEFAULT '[]',
        what_helps text[] NOT NULL DEFAULT '{}',
        what_does_not_help text[] NOT NULL DEFAULT '{}',
        wrap jsonb,
        own_input text,
        instructed_by uuid NOT NULL,
        method text NOT NULL,
        recorded_on date NOT NULL,
        recorded_by text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        PRIMARY KEY (plan_id, person_id),
        CONSTRAINT resident_part_method_check CHECK (method IN ('IN_PERSON', 'IN_WRITING', 'BY_PHONE'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE resident_part`);
  }
}
