import { addWorkingDays, IsoDate } from '@vangnet/contracts';
import { MigrationInterface, QueryRunner } from 'typeorm';

// The region's norm at the time of this migration (ACCESS_OUTREACH_FIRST_CONTACT_WORKING_DAYS defaults to it).
const FIRST_CONTACT_WORKING_DAYS = 3;

/**
 * The law as it is (issue 12), last part: urgent temporary decisions (Wmo 2015 art. 2.3.3) before
 * the ordinary one, and the outreach worklist (assignee, first-contact term, contacts, outcome).
 */
export class UrgentAndOutreach1796500200000 implements MigrationInterface {
  name = 'UrgentAndOutreach1796500200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decision ADD urgent boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE decision DROP CONSTRAINT decision_application_id_key`);
    await q.query(`CREATE INDEX decision_application ON decision (application_id)`);
    await q.query(`CREATE UNIQUE INDEX decision_application_ordinary ON decision (application_id) WHERE NOT urgent`);

    await q.query(`ALTER TABLE outreach_task ADD assignee text, ADD first_contact_due date, ADD first_contact_on date, ADD outcome text, ADD note text, ADD version integer NOT NULL DEFAULT 1`);
    // The first-contact term counts working days (not a statutory term: weekends and Atw art. 3 lid 1 holidays only).
    const rows: Array<{ id: string; created_on: IsoDate }> = await q.query(`SELECT id, created_on::text AS created_on FROM outreach_task`);
    for (const r of rows) await q.query(`UPDATE outreach_task SET first_contact_due = $2 WHERE id = $1`, [r.id, addWorkingDays(r.created_on, FIRST_CONTACT_WORKING_DAYS)]);
    await q.query(`ALTER TABLE outreach_task ALTER first_contact_due SET NOT NULL`);
    await q.query(`CREATE INDEX outreach_task_open ON outreach_task (municipality, first_contact_due, id) WHERE status <> 'CLOSED'`);
    await q.query(`
      CREATE TABLE outreach_contact (
        id uuid PRIMARY KEY,
        task_id uuid NOT NULL REFERENCES outreach_task (id),
        contacted_on date NOT NULL,
        channel text NOT NULL,
        reached boolean NOT NULL,
        note text,
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX outreach_contact_task ON outreach_contact (task_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outreach_contact`);
    await q.query(`DROP INDEX outreach_task_open`);
    await q.query(`ALTER TABLE outreach_task DROP COLUMN assignee, DROP COLUMN first_contact_due, DROP COLUMN first_contact_on, DROP COLUMN outcome, DROP COLUMN note, DROP COLUMN version`);
    await q.query(`DROP INDEX decision_application_ordinary`);
    await q.query(`DROP INDEX decision_application`);
    await q.query(`DELETE FROM decision WHERE urgent`);
    await q.query(`ALTER TABLE decision ADD CONSTRAINT decision_application_id_key UNIQUE (application_id)`);
    await q.query(`ALTER TABLE decision DROP COLUMN urgent`);
  }
}
