import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application names the decision that decided it, so the applications feature reads its own
 * table instead of the decisions feature's (issue 10). Set by the one-statement decision write.
 */
export class ApplicationDecision1796410900965 implements MigrationInterface {
  name = 'ApplicationDecision1796410900965';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application ADD decision_id uuid`);
    await q.query(`UPDATE application a SET decision_id = d.id FROM decision d WHERE d.application_id = a.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE application DROP COLUMN decision_id`);
  }
}
