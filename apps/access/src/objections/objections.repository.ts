import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { ObjectionOutcome, ObjectionView } from './objections.dto';

export type ObjectionRow = Omit<ObjectionView, 'deadline'> & { personBsn: string; law: string };

const COLUMNS = `o.id, o.decision_id AS "decisionId", o.person_id AS "personId", p.bsn AS "personBsn", d.law, o.municipality,
  o.received_at AS "receivedAt", o.term_end AS "termEnd", o.timely, o.advisory_committee AS "advisoryCommittee", o.grounds, o.status,
  o.outcome, o.decided_at AS "decidedAt", o.decision_due AS "decisionDue", o.version`;

@Injectable()
export class ObjectionsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async insert(o: Omit<ObjectionRow, 'personBsn' | 'law' | 'status' | 'outcome' | 'decidedAt' | 'version'>): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO objection (id, decision_id, person_id, municipality, received_at, term_end, timely, advisory_committee, grounds, decision_due)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [o.id, o.decisionId, o.personId, o.municipality, o.receivedAt, o.termEnd, o.timely, o.advisoryCommittee, o.grounds, o.decisionDue],
    );
  }

  async find(id: string, forUpdate = false): Promise<ObjectionRow | undefined> {
    const [row] = await this.txHost.tx.query(
      `SELECT ${COLUMNS} FROM objection o JOIN person p ON p.id = o.person_id JOIN decision d ON d.id = o.decision_id
        WHERE o.id = $1${forUpdate ? ' FOR UPDATE OF o' : ''}`,
      [id],
    );
    return row;
  }

  async forDecision(decisionId: string): Promise<ObjectionRow[]> {
    return this.txHost.tx.query(
      `SELECT ${COLUMNS} FROM objection o JOIN person p ON p.id = o.person_id JOIN decision d ON d.id = o.decision_id
        WHERE o.decision_id = $1 ORDER BY o.received_at, o.id`,
      [decisionId],
    );
  }

  async decide(id: string, outcome: ObjectionOutcome, decidedAt: IsoDate): Promise<void> {
    await this.txHost.tx.query(`UPDATE objection SET status = 'DECIDED', outcome = $2, decided_at = $3, version = version + 1 WHERE id = $1`, [
      id,
      outcome,
      decidedAt,
    ]);
  }
}
