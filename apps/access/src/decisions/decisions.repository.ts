import { Injectable } from '@nestjs/common';
import { DecisionOutcome, DeliveryForm, IsoDate, Law } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { LineageRow, ProvisionRow, VERSION_COLUMNS, VERSION_FIELDS } from './provisions.repository';

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

  /**
   * The whole decision in one statement (one round trip instead of six): the application turns
   * DECIDED only if it was OPEN, and every other write is gated on that, so a concurrent second
   * decision writes nothing. Also meets the decision deadline and opens the objection term.
   * Returns false when the application was no longer open.
   */
  async insertDecided(g: {
    decision: Omit<DecisionRow, 'personBsn' | 'rejected'>;
    rejections: RejectionRow[];
    lineages: Array<Omit<LineageRow, 'latestVersion' | 'endDate' | 'endReason' | 'endNote' | 'rowVersion'>>;
    versions: Array<Omit<ProvisionRow, 'responsibilitySwitchError'>>;
    objectionTermDeadlineId: string;
  }): Promise<boolean> {
    const d = g.decision;
    const params: unknown[] = [];
    const $ = (value: unknown, cast = '') => {
      params.push(value);
      return `$${params.length}${cast}`;
    };
    const app = $(d.applicationId);
    const decided = $(d.decidedAt);
    const person = $(d.personId);
    const municipality = $(d.municipality);
    const rj = g.rejections;
    const lg = g.lineages;
    const rows: Array<{ decided: boolean }> = await this.txHost.tx.query(
      `WITH app AS (
         UPDATE application SET status = 'DECIDED', version = version + 1 WHERE id = ${app} AND status = 'OPEN' RETURNING id
       ), d AS (
         INSERT INTO decision (id, application_id, person_id, household_id, municipality, law, decided_at, outcome, objection_due, decided_by_sub, note)
         SELECT ${$(d.id)}, app.id, ${person}, ${$(d.householdId, '::uuid')}, ${municipality}, ${$(d.law)}, ${decided}, ${$(d.outcome)},
                ${$(d.objectionDue, '::date')}, ${$(d.decidedBySub)}, ${$(d.note, '::text')} FROM app RETURNING id, objection_due
       ), rj AS (
         INSERT INTO decision_rejection (id, decision_id, position, category, product_code, delivery_form, reason)
         SELECT r.id, d.id, r.position, r.category, r.product_code, r.delivery_form, r.reason
           FROM d, unnest(${$(rj.map((r) => r.id), '::uuid[]')}, ${$(rj.map((r) => r.position), '::int[]')}, ${$(rj.map((r) => r.category), '::text[]')},
                          ${$(rj.map((r) => r.productCode), '::text[]')}, ${$(rj.map((r) => r.deliveryForm), '::text[]')}, ${$(rj.map((r) => r.reason), '::text[]')})
                AS r(id, position, category, product_code, delivery_form, reason)
       ), l AS (
         INSERT INTO provision_lineage (id, person_id, decision_id, municipality, category, period_start, responsibility_basis, client_since)
         SELECT x.id, ${person}, d.id, ${municipality}, x.category, x.period_start, x.basis, x.client_since
           FROM d, unnest(${$(lg.map((x) => x.id), '::uuid[]')}, ${$(lg.map((x) => x.category), '::text[]')}, ${$(lg.map((x) => x.periodStart), '::date[]')},
                          ${$(lg.map((x) => x.responsibilityBasis), '::text[]')}, ${$(lg.map((x) => x.clientSince), '::date[]')})
                AS x(id, category, period_start, basis, client_since)
       ), v AS (
         INSERT INTO provision (${VERSION_COLUMNS})
         SELECT x.* FROM d, unnest(${VERSION_FIELDS.map(([k, t]) => $(g.versions.map((r) => r[k as keyof typeof r] ?? null), `::${t}[]`)).join(', ')}) AS x
       ), met AS (
         UPDATE deadline SET status = 'MET', met_on = ${decided}
          WHERE kind = 'DECISION' AND case_id = ${app} AND status IN ('OPEN', 'SUSPENDED') AND EXISTS (SELECT 1 FROM d)
       ), term AS (
         INSERT INTO deadline (id, kind, case_id, municipality, person_id, start_date, due_date)
         SELECT ${$(g.objectionTermDeadlineId)}, 'OBJECTION_TERM', d.id, ${municipality}, ${person}, ${decided}, d.objection_due FROM d
       )
       SELECT EXISTS (SELECT 1 FROM app) AS decided`,
      params,
    );
    return rows[0].decided;
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
