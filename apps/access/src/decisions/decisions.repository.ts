import { Injectable } from '@nestjs/common';
import { prepared, TransactionalAdapterTypeOrm, TransactionHost, unnest, Unnested } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import { ProvisionVersion } from '../provisions/provisions.rules';
import { DecisionEntity, DecisionRejectionEntity } from './decisions.entity';
import { DecisionCase, DecisionPlan, NumberedLineage } from './decisions.rules';

/** The answer of the one-statement decision write. */
interface DecidedRow {
  decided: boolean;
}

/** A processing-log INSERT to run inside another statement, its parameters numbered from `first`. */
export type LogStatement = (first: number) => { sql: string; params: unknown[] };

// The columns of a provision version as the decision write inserts them (ADR 0007: raw SQL on the bench's path).
const VERSION_COLUMNS = {
  id: ['uuid', (r: ProvisionVersion) => r.id],
  lineage_id: ['uuid', (r: ProvisionVersion) => r.lineageId],
  version: ['int', (r: ProvisionVersion) => r.version],
  valid_from: ['date', (r: ProvisionVersion) => r.validFrom],
  decision_id: ['uuid', (r: ProvisionVersion) => r.decisionId],
  person_id: ['uuid', (r: ProvisionVersion) => r.personId],
  household_id: ['uuid', (r: ProvisionVersion) => r.householdId],
  municipality: ['text', (r: ProvisionVersion) => r.municipality],
  responsible_municipality: ['text', (r: ProvisionVersion) => r.responsibleMunicipality],
  responsibility_reason: ['text', (r: ProvisionVersion) => r.responsibilityReason],
  responsibility_switch_on: ['date', (r: ProvisionVersion) => r.responsibilitySwitchOn],
  category: ['text', (r: ProvisionVersion) => r.category],
  product_code: ['text', (r: ProvisionVersion) => r.productCode],
  delivery_form: ['text', (r: ProvisionVersion) => r.deliveryForm],
  provider_agb: ['text', (r: ProvisionVersion) => r.providerAgb],
  volume_amount: ['int', (r: ProvisionVersion) => r.volumeAmount],
  volume_unit: ['text', (r: ProvisionVersion) => r.volumeUnit],
  volume_frequency: ['text', (r: ProvisionVersion) => r.volumeFrequency],
  period_start: ['date', (r: ProvisionVersion) => r.periodStart],
  period_end: ['date', (r: ProvisionVersion) => r.periodEnd],
  budget_cents: ['bigint', (r: ProvisionVersion) => r.budgetCents],
  contract_id: ['uuid', (r: ProvisionVersion) => r.contractId],
  tariff_cents: ['bigint', (r: ProvisionVersion) => r.tariffCents],
  tariff_unit: ['text', (r: ProvisionVersion) => r.tariffUnit],
  variant: ['text', (r: ProvisionVersion) => r.variant],
  crisis: ['boolean', (r: ProvisionVersion) => r.crisis],
  law: ['text', (r: ProvisionVersion) => r.law],
  previous_provision_id: ['uuid', (r: ProvisionVersion) => r.previousProvisionId],
  change_reason: ['text', (r: ProvisionVersion) => r.changeReason],
  created_by_sub: ['text', (r: ProvisionVersion) => r.createdBySub],
} as const;

/** The unnested columns, qualified by their alias (the CTE `d` has an `id` too). */
function of(u: Unnested, alias: string): string {
  return u.columns
    .split(', ')
    .map((c) => `${alias}.${c}`)
    .join(', ');
}

@Injectable()
export class DecisionsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get decisions(): Repository<DecisionEntity> {
    return this.txHost.tx.getRepository(DecisionEntity);
  }

  private get rejections(): Repository<DecisionRejectionEntity> {
    return this.txHost.tx.getRepository(DecisionRejectionEntity);
  }

  /**
   * The case a decision is about, in one statement: the application, its person's BSN, what the
   * application's municipality recorded of the person (ADR 0051) and which municipalities know them.
   */
  async decisionCase(applicationId: string): Promise<(DecisionCase & { personBsn: string }) | undefined> {
    const rows: Array<DecisionCase & { personBsn: string }> = await this.txHost.tx.query(
      prepared(
        'access_decision_case',
        `SELECT a.id, a.person_id AS "personId", a.household_id AS "householdId", a.municipality, a.law, a.received_at AS "receivedAt",
                a.origin_municipality AS "originMunicipality", a.status, p.bsn AS "personBsn", r.brp_municipality AS "brpMunicipality", r.residence,
                r.origin_municipality AS "personOriginMunicipality",
                ARRAY(SELECT k.municipality FROM person_record k WHERE k.person_id = a.person_id ORDER BY k.municipality) AS "personMunicipalities"
           FROM application a
           JOIN person p ON p.id = a.person_id
           LEFT JOIN person_record r ON r.person_id = a.person_id AND r.municipality = a.municipality
          WHERE a.id = $1::uuid`,
      ),
      [applicationId],
    );
    return rows[0];
  }

  /**
   * The whole decision in one statement (one round trip instead of seven; ADR 0007, 0035, 0053):
   * the application turns DECIDED only if it was OPEN, and every other write is gated on that, so
   * a concurrent second decision writes nothing. It also writes the granted lineages (numbered
   * already, ADR 0053) and their first versions, meets the decision deadline, opens the objection
   * term and writes the processing-log record (`logged`, which commits with the decision): the one
   * place where access writes into the tables of other features (applications, provisions,
   * deadlines). Returns false when the application was no longer open (the caller's transaction
   * must then roll back: the log record was written).
   */
  async insertDecided(plan: DecisionPlan<NumberedLineage>, objectionTermDeadlineId: string, logged: LogStatement): Promise<boolean> {
    const d = plan.decision;
    const params: unknown[] = [];
    const $ = (value: unknown, cast = '') => {
      params.push(value);
      return `$${params.length}${cast}`;
    };
    const app = $(d.applicationId);
    const decided = $(d.decidedAt);
    const person = $(d.personId);
    const municipality = $(d.municipality);
    const decisionId = $(d.id, '::uuid');
    const rj = unnest(
      plan.rejections,
      {
        id: ['uuid', (r) => r.id],
        position: ['int', (r) => r.position],
        category: ['text', (r) => r.category],
        product_code: ['text', (r) => r.productCode],
        delivery_form: ['text', (r) => r.deliveryForm],
        reason: ['text', (r) => r.reason],
      },
      params.length + 1,
      'r',
    );
    params.push(...rj.params);
    const lg = unnest(
      plan.lineages,
      {
        id: ['uuid', (x) => x.id],
        category: ['text', (x) => x.category],
        period_start: ['date', (x) => x.periodStart],
        responsibility_basis: ['text', (x) => x.responsibilityBasis],
        client_since: ['date', (x) => x.clientSince],
        responsibility_rule_set_id: ['uuid', (x) => x.responsibilityRuleSetId],
        responsibility_inputs: ['jsonb', (x) => JSON.stringify(x.responsibilityInputs)],
        responsible_municipality: ['text', (x) => x.responsibleMunicipality],
        request_id: ['uuid', (x) => x.requestId],
        origin_municipality: ['text', (x) => x.originMunicipality],
        assignment_number: ['int', (x) => x.assignmentNumber],
      },
      params.length + 1,
      'x',
    );
    params.push(...lg.params);
    const vs = unnest(plan.versions, VERSION_COLUMNS, params.length + 1, 'pv');
    params.push(...vs.params);
    // An urgent decision (Wmo 2.3.3) leaves the application open and its decision term running.
    const urgent = $(d.urgent, '::boolean');
    const objectionTerm = [
      $(objectionTermDeadlineId),
      $(plan.objectionTerm.countsFrom, '::date'),
      $(plan.objectionTerm.termDays, '::int'),
      $(plan.objectionTerm.calendarVersion, '::int'),
    ];
    const decisionValues = [
      $(d.householdId, '::uuid'),
      $(d.law),
      $(d.sentAt, '::date'),
      $(d.outcome),
      $(d.objectionDue, '::date'),
      $(d.decidedBySub),
      $(d.note, '::text'),
    ];
    const log = logged(params.length + 1);
    params.push(...log.params);
    // The text is the same for every decision (the rows travel as arrays): PostgreSQL parses and plans it once per connection.
    const rows: DecidedRow[] = await this.txHost.tx.query(
      prepared(
        'access_decide',
        `WITH app AS (
         UPDATE application SET status = CASE WHEN ${urgent} THEN status ELSE 'DECIDED' END,
                decision_id = CASE WHEN ${urgent} THEN decision_id ELSE ${decisionId} END, version = version + 1
          WHERE id = ${app} AND status = 'OPEN' RETURNING id
       ), d AS (
         INSERT INTO decision (id, application_id, person_id, household_id, municipality, law, decided_at, sent_at, urgent, outcome, objection_due, decided_by_sub, note)
         SELECT ${decisionId}, app.id, ${person}, ${decisionValues[0]}, ${municipality}, ${decisionValues[1]}, ${decided}, ${decisionValues[2]}, ${urgent}, ${decisionValues[3]},
                ${decisionValues[4]}, ${decisionValues[5]}, ${decisionValues[6]} FROM app RETURNING id, objection_due
       ), rj AS (
         INSERT INTO decision_rejection (decision_id, ${rj.columns}) SELECT d.id, ${of(rj, 'r')} FROM d, ${rj.from}
       ), l AS (
         INSERT INTO provision_lineage (person_id, decision_id, municipality, ${lg.columns})
         SELECT ${person}, d.id, ${municipality}, ${of(lg, 'x')} FROM d, ${lg.from}
       ), v AS (
         INSERT INTO provision (${vs.columns}) SELECT ${of(vs, 'pv')} FROM d, ${vs.from}
       ), met AS (
         UPDATE deadline SET status = 'MET', met_on = ${decided}
          WHERE kind = 'DECISION' AND case_id = ${app} AND status IN ('OPEN', 'SUSPENDED') AND NOT ${urgent} AND EXISTS (SELECT 1 FROM d)
       ), term AS (
         INSERT INTO deadline (id, kind, case_id, municipality, person_id, start_date, counts_from, term_days, calendar_version, due_date)
         SELECT ${objectionTerm[0]}, 'OBJECTION_TERM', d.id, ${municipality}, ${person}, ${objectionTerm[1]}, ${objectionTerm[1]},
                ${objectionTerm[2]}, ${objectionTerm[3]}, d.objection_due FROM d
       ), logged AS (
         ${log.sql}
       )
       SELECT EXISTS (SELECT 1 FROM app) AS decided`,
      ),
      params,
    );
    return rows[0].decided;
  }

  find(id: string): Promise<DecisionEntity | null> {
    return this.decisions.findOneBy({ id });
  }

  findByPerson(personId: string, municipalities: string[]): Promise<DecisionEntity[]> {
    return this.decisions.find({ where: { personId, municipality: In(municipalities) }, order: { decidedAt: 'DESC', id: 'ASC' }, take: 200 });
  }

  /** The rejected provisions of these decisions, in the order they were asked. */
  rejectionsOf(decisionIds: string[]): Promise<DecisionRejectionEntity[]> {
    if (!decisionIds.length) return Promise.resolve([]);
    return this.rejections.find({ where: { decisionId: In(decisionIds) }, order: { decisionId: 'ASC', position: 'ASC' } });
  }
}
