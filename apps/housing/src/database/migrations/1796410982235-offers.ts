import { MigrationInterface, QueryRunner } from 'typeorm';

/** The offer table, as OfferEntity declares it: the partial unique indexes hold a place and an entry to one offer. */
export class OffersTable1796410982235 implements MigrationInterface {
  name = 'OffersTable1796410982235';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE offer (
        id uuid PRIMARY KEY,
        place_id uuid NOT NULL REFERENCES place (id),
        entry_id uuid NOT NULL REFERENCES waitlist_entry (id),
        municipality text NOT NULL,
        facility_municipality text NOT NULL,
        facility_type text NOT NULL,
        status text NOT NULL,
        offered_on date NOT NULL,
        answer_due date NOT NULL,
        answered_on date,
        reason text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        answered_by text,
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT offer_status_check CHECK (status IN ('OPEN', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'PLACED'))
      )`);
    await q.query(`CREATE UNIQUE INDEX offer_place_held ON offer (place_id) WHERE status IN ('OPEN', 'ACCEPTED')`);
    await q.query(`CREATE UNIQUE INDEX offer_entry_held ON offer (entry_id) WHERE status IN ('OPEN', 'ACCEPTED')`);
    await q.query(`CREATE INDEX offer_status ON offer (status, answer_due)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE offer`);
  }
}
