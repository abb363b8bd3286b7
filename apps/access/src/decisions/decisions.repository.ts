import { Injectable } from '@nestjs/common';
import { DecisionOutcome, DeliveryForm, IsoDate, Law } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';

export interface DecisionRow {
  id: string;
  applicationId: string;
  personId: string;
  personBsn: string;
  householdId: string | null;
  municipality: string;
  law: Law;
  decidedAt: IsoDate;
  outcome: DecisionOutcome;
  objectionDue: IsoDate;
  decidedBySub: string;
  note: string | null;
  rejected: Array<{ product: { category: string; code?: string }; deliveryForm: DeliveryForm | null; reason: string | null }>;
}

export interface RejectionRow {
  id: string;
  position: number;
  category: string;
  productCode: string | null;
  deliveryForm: DeliveryForm | null;
  reason: string | null;
}

const COLUMNS = `d.id, d.application_id AS "applicationId", d.person_id AS "personId", p.bsn AS "personBsn", d.household_id AS "householdId",
  d.municipality, d.law, d.decided_at AS "decidedAt", d.outcome, d.objection_due AS "objectionDue", d.decided_by_sub AS "decidedBySub", d.note,
  COALESCE((SELECT json_agg(json_build_object('product', json_strip_nulls(json_build_object('category', r.category, 'code', r.product_code)),
                                              'deliveryForm', r.delivery_form, 'reason', r.reason) ORDER BY r.position)
              FROM decision_rejection r WHERE r.decision_id = d.id), '[]'::json) AS rejected`;

@Injectable()
export class DecisionsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async insert(d: Omit<DecisionRow, 'personBsn' | 'rejected'>, rejections: RejectionRow[]): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO decision (id, application_id, person_id, household_id, municipality, law, decided_at, outcome, objection_due, decided_by_sub, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [d.id, d.applicationId, d.personId, d.householdId, d.municipality, d.law, d.decidedAt, d.outcome, d.objectionDue, d.decidedBySub, d.note],
    );
    if (rejections.length) {
      await this.txHost.tx.query(
        `INSERT INTO decision_rejection (id, decision_id, position, category, product_code, delivery_form, reason)
         SELECT r.id, $1, r.position, r.category, r.product_code, r.delivery_form, r.reason
           FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[]) AS r(id, position, category, product_code, delivery_form, reason)`,
        [
          d.id,
          rejections.map((r) => r.id),
          rejections.map((r) => r.position),
          rejections.map((r) => r.category),
          rejections.map((r) => r.productCode),
          rejections.map((r) => r.deliveryForm),
          rejections.map((r) => r.reason),
        ],
      );
    }
  }

  async find(id: string): Promise<DecisionRow | undefined> {
    const [row] = await this.txHost.tx.query(`SELECT ${COLUMNS} FROM decision d JOIN person p ON p.id = d.person_id WHERE d.id = $1`, [id]);
    return row;
  }

  async findByPerson(personId: string, municipalities: string[]): Promise<DecisionRow[]> {
    return this.txHost.tx.query(
      `SELECT ${COLUMNS} FROM decision d JOIN person p ON p.id = d.person_id
        WHERE d.person_id = $1 AND d.municipality = ANY($2::text[]) ORDER BY d.decided_at DESC, d.id LIMIT 200`,
      [personId, municipalities],
    );
  }
}
