import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The law as it is (issue 12), statutory terms:
 * - the days equated with public holidays by Royal Decree (Algemene termijnenwet art. 3 lid 3), a
 *   versioned table seeded with the days decreed so far; each deadline records what it counts from,
 *   its length and the calendar version it was computed with, so a newly decreed day recomputes it
 *   (existing deadlines get version 0: the service recomputes them under the current calendar, which
 *   also brings in Good Friday, Atw art. 3 lid 2);
 * - a registration's law (a Jeugdwet case has no investigation term);
 * - when a decision was sent (the objection term runs from the day after, Awb 6:8);
 * - Awb 4:15 requests for information with their reply deadline, and the Awb 4:14 extension.
 */
export class StatutoryTerms1796500000000 implements MigrationInterface {
  name = 'StatutoryTerms1796500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE decreed_day (
        date date PRIMARY KEY,
        decree text NOT NULL,
        calendar_version integer NOT NULL CHECK (calendar_version >= 1),
        added_by text NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        announced boolean NOT NULL DEFAULT false
      )`);
    // Days decreed by 2026 (Atw art. 3 lid 3): calendar version 1. Announced at first start.
    await q.query(`
      INSERT INTO decreed_day (date, decree, calendar_version, added_by) VALUES
        ('2026-01-02', 'Besluit gelijkstelling dagen 2026-2028 (Atw art. 3 lid 3)', 1, 'migration'),
        ('2026-05-15', 'Besluit gelijkstelling dagen 2026-2028 (Atw art. 3 lid 3)', 1, 'migration'),
        ('2027-05-07', 'Besluit gelijkstelling dagen 2026-2028 (Atw art. 3 lid 3)', 1, 'migration'),
        ('2028-04-28', 'Besluit gelijkstelling dagen 2026-2028 (Atw art. 3 lid 3)', 1, 'migration'),
        ('2028-05-26', 'Besluit gelijkstelling dagen 2026-2028 (Atw art. 3 lid 3)', 1, 'migration')`);

    await q.query(`ALTER TABLE deadline ADD counts_from date, ADD term_days integer, ADD extension_days integer NOT NULL DEFAULT 0, ADD calendar_version integer NOT NULL DEFAULT 0`);
    await q.query(`UPDATE deadline SET counts_from = start_date`);
    // The decision on an objection counts from the later of the objection term's end and the receipt.
    await q.query(`UPDATE deadline d SET counts_from = greatest(d.start_date, o.term_end) FROM objection o WHERE d.kind = 'OBJECTION_DECISION' AND o.id = d.case_id`);
    // Whole weeks: the old rule moved an end at most a few days past the nominal one.
    await q.query(`UPDATE deadline SET term_days = ((due_date - counts_from - suspended_days) / 7) * 7`);
    await q.query(`ALTER TABLE deadline ALTER counts_from SET NOT NULL, ALTER term_days SET NOT NULL`);
    await q.query(`CREATE INDEX deadline_calendar ON deadline (calendar_version, id) WHERE status IN ('OPEN', 'SUSPENDED')`);

    await q.query(`ALTER TABLE registration ADD law text NOT NULL DEFAULT 'WMO'`);
    await q.query(`UPDATE registration SET law = 'JEUGDWET' WHERE category >= '31'`);

    await q.query(`ALTER TABLE decision ADD sent_at date`);
    await q.query(`UPDATE decision SET sent_at = decided_at`);
    await q.query(`ALTER TABLE decision ALTER sent_at SET NOT NULL`);

    // A request for information: suspended from the day after it (start_date) through end_date.
    await q.query(`ALTER TABLE application_suspension ADD requested_on date, ADD reply_deadline date, ADD received_on date, ADD ended_by text`);
    await q.query(`
      UPDATE application_suspension SET requested_on = start_date - 1,
             reply_deadline = coalesce(end_date, start_date + 27),
             received_on = end_date + 1,
             ended_by = CASE WHEN end_date IS NULL THEN NULL ELSE 'INFORMATION_RECEIVED' END`);
    await q.query(`ALTER TABLE application_suspension ALTER requested_on SET NOT NULL, ALTER reply_deadline SET NOT NULL`);
    await q.query(`ALTER TABLE application_suspension DROP CONSTRAINT application_suspension_check`);
    // Information that came the day after the request suspends nothing: the range is empty.
    await q.query(`ALTER TABLE application_suspension ADD CONSTRAINT application_suspension_check CHECK (end_date IS NULL OR end_date >= start_date - 1)`);
    await q.query(`ALTER TABLE application_suspension ADD CONSTRAINT application_suspension_deadline_check CHECK (reply_deadline > requested_on)`);

    await q.query(`ALTER TABLE application ADD extension_notice_on date, ADD extended_to date, ADD extension_reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application DROP COLUMN extension_notice_on, DROP COLUMN extended_to, DROP COLUMN extension_reason`);
    await q.query(`ALTER TABLE application_suspension DROP CONSTRAINT application_suspension_deadline_check`);
    await q.query(`ALTER TABLE application_suspension DROP CONSTRAINT application_suspension_check`);
    await q.query(`DELETE FROM application_suspension WHERE end_date < start_date`);
    await q.query(`ALTER TABLE application_suspension ADD CONSTRAINT application_suspension_check CHECK (end_date IS NULL OR end_date >= start_date)`);
    await q.query(`ALTER TABLE application_suspension DROP COLUMN requested_on, DROP COLUMN reply_deadline, DROP COLUMN received_on, DROP COLUMN ended_by`);
    await q.query(`ALTER TABLE decision DROP COLUMN sent_at`);
    await q.query(`ALTER TABLE registration DROP COLUMN law`);
    await q.query(`DROP INDEX deadline_calendar`);
    await q.query(`ALTER TABLE deadline DROP COLUMN counts_from, DROP COLUMN term_days, DROP COLUMN extension_days, DROP COLUMN calendar_version`);
    await q.query(`DROP TABLE decreed_day`);
  }
}
