import { Injectable } from '@nestjs/common';
import { IsoDate, Law, ProductRef } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { SuspensionView } from './applications.dto';

export interface ApplicationRow {
  id: string;
  personId: string;
  personBsn: string;
  registrationId: string | null;
  householdId: string | null;
  municipality: string;
  law: Law;
  receivedAt: IsoDate;
  originMunicipality: string | null;
  requested: ProductRef[];
  status: string;
  version: number;
  suspensions: SuspensionView[];
  decisionId: string | null;
}

const COLUMNS = `a.id, a.person_id AS "personId", p.bsn AS "personBsn", a.registration_id AS "registrationId", a.household_id AS "householdId",
  a.municipality, a.law, a.received_at AS "receivedAt", a.origin_municipality AS "originMunicipality",
  COALESCE(a.requested, '[]'::jsonb) AS requested, a.status, a.version,
  COALESCE((SELECT json_agg(json_build_object('id', s.id, 'start', s.start_date, 'end', s.end_date, 'reason', s.reason) ORDER BY s.start_date, s.created_at)
              FROM application_suspension s WHERE s.application_id = a.id), '[]'::json) AS suspensions,
  (SELECT d.id FROM decision d WHERE d.application_id = a.id) AS "decisionId"`;

/** What a decision needs of its application and person, in one read. */
export interface DecisionCaseRow {
  id: string;
  personId: string;
  personBsn: string;
  brpMunicipality: string | null;
  personOriginMunicipality: string | null;
  personMunicipalities: string[];
  householdId: string | null;
  municipality: string;
  law: Law;
  receivedAt: IsoDate;
  originMunicipality: string | null;
  status: string;
}

@Injectable()
export class ApplicationsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async insert(a: Omit<ApplicationRow, 'personBsn' | 'status' | 'version' | 'suspensions' | 'decisionId'>): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO application (id, person_id, registration_id, household_id, municipality, law, received_at, origin_municipality, requested)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [a.id, a.personId, a.registrationId, a.householdId, a.municipality, a.law, a.receivedAt, a.originMunicipality, JSON.stringify(a.requested)],
    );
  }

  async find(id: string, forUpdate = false): Promise<ApplicationRow | undefined> {
    const [row] = await this.txHost.tx.query(
      `SELECT ${COLUMNS} FROM application a JOIN person p ON p.id = a.person_id WHERE a.id = $1${forUpdate ? ' FOR UPDATE OF a' : ''}`,
      [id],
    );
    return row;
  }

  async findForDecision(id: string): Promise<DecisionCaseRow | undefined> {
    const [row] = await this.txHost.tx.query(
      `SELECT a.id, a.person_id AS "personId", p.bsn AS "personBsn", p.brp_municipality AS "brpMunicipality",
              p.origin_municipality AS "personOriginMunicipality", p.municipalities AS "personMunicipalities", a.household_id AS "householdId",
              a.municipality, a.law, a.received_at AS "receivedAt", a.origin_municipality AS "originMunicipality", a.status
         FROM application a JOIN person p ON p.id = a.person_id WHERE a.id = $1`,
      [id],
    );
    return row;
  }

  async findByPerson(personId: string, municipalities: string[]): Promise<ApplicationRow[]> {
    return this.txHost.tx.query(
      `SELECT ${COLUMNS} FROM application a JOIN person p ON p.id = a.person_id
        WHERE a.person_id = $1 AND a.municipality = ANY($2::text[]) ORDER BY a.received_at DESC, a.id LIMIT 200`,
      [personId, municipalities],
    );
  }

  async insertSuspension(applicationId: string, s: SuspensionView): Promise<void> {
    await this.txHost.tx.query(`INSERT INTO application_suspension (id, application_id, start_date, end_date, reason) VALUES ($1, $2, $3, $4, $5)`, [
      s.id,
      applicationId,
      s.start,
      s.end,
      s.reason,
    ]);
    await this.bump(applicationId);
  }

  async endSuspension(applicationId: string, suspensionId: string, end: IsoDate): Promise<void> {
    await this.txHost.tx.query(`UPDATE application_suspension SET end_date = $3 WHERE application_id = $1 AND id = $2`, [applicationId, suspensionId, end]);
    await this.bump(applicationId);
  }

  private async bump(id: string): Promise<void> {
    await this.txHost.tx.query(`UPDATE application SET version = version + 1 WHERE id = $1`, [id]);
  }
}
