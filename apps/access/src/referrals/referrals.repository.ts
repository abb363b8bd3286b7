import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { ReferralStatus, ReferralView } from './referrals.dto';

// Instants as ISO 8601 in UTC with milliseconds, the same inside and outside JSON aggregates.
const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const COLUMNS = `r.id, r.kind, r.registration_id AS "registrationId", r.person_id AS "personId", r.municipality, r.target, r.organisation,
  r.note, ${iso('r.at')} AS at, r.status, ${iso('r.status_at')} AS "statusAt", r.version,
  (SELECT json_agg(json_build_object('status', s.status, 'at', ${iso('s.at')}, 'note', s.note) ORDER BY s.seq)
     FROM referral_status s WHERE s.referral_id = r.id) AS history`;

export type ReferralRow = ReferralView & { personBsn: string | null };

@Injectable()
export class ReferralsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async insert(r: Omit<ReferralView, 'history' | 'version' | 'statusAt'>, bySub: string): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO referral (id, kind, registration_id, person_id, municipality, target, organisation, note, at, status, status_at, created_by_sub)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $9, $11)`,
      [r.id, r.kind, r.registrationId, r.personId, r.municipality, r.target, r.organisation, r.note, r.at, r.status, bySub],
    );
    await this.addStatus(r.id, r.status, r.at, r.note, bySub);
  }

  async addStatus(id: string, status: ReferralStatus, at: string, note: string | null, bySub: string): Promise<void> {
    await this.txHost.tx.query(`INSERT INTO referral_status (referral_id, status, at, note, by_sub) VALUES ($1, $2, $3, $4, $5)`, [id, status, at, note, bySub]);
  }

  async setStatus(id: string, status: ReferralStatus, at: string): Promise<void> {
    await this.txHost.tx.query(`UPDATE referral SET status = $2, status_at = $3, version = version + 1 WHERE id = $1`, [id, status, at]);
  }

  async find(id: string, forUpdate = false): Promise<ReferralRow | undefined> {
    const [row] = await this.txHost.tx.query(
      `SELECT ${COLUMNS}, p.bsn AS "personBsn" FROM referral r LEFT JOIN person p ON p.id = r.person_id WHERE r.id = $1${forUpdate ? ' FOR UPDATE OF r' : ''}`,
      [id],
    );
    return row;
  }

  async forRegistration(registrationId: string): Promise<ReferralRow[]> {
    return this.txHost.tx.query(
      `SELECT ${COLUMNS}, p.bsn AS "personBsn" FROM referral r LEFT JOIN person p ON p.id = r.person_id WHERE r.registration_id = $1 ORDER BY r.at, r.id`,
      [registrationId],
    );
  }
}
