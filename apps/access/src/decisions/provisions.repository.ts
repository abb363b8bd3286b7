import { Injectable } from '@nestjs/common';
import { ChangeReason, DeliveryForm, EndReason, FinancingVariant, Frequency, IsoDate, Law, ResponsibilityReason, Unit } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { PriorIndication } from '../responsibility/responsibility.rules';

/** One version of a provision. */
export interface ProvisionRow {
  id: string;
  lineageId: string;
  version: number;
  validFrom: IsoDate;
  decisionId: string;
  personId: string;
  householdId: string | null;
  municipality: string;
  responsibleMunicipality: string;
  responsibilityReason: ResponsibilityReason;
  responsibilitySwitchOn: IsoDate | null;
  responsibilitySwitchError: string | null;
  category: string;
  productCode: string | null;
  deliveryForm: DeliveryForm;
  providerAgb: string | null;
  volumeAmount: number | null;
  volumeUnit: Unit | null;
  volumeFrequency: Frequency | null;
  periodStart: IsoDate;
  periodEnd: IsoDate | null;
  budgetCents: number | null;
  contractId: string | null;
  tariffCents: number | null;
  tariffUnit: Unit | null;
  variant: FinancingVariant | null;
  crisis: boolean;
  law: Law;
  previousProvisionId: string | null;
  changeReason: ChangeReason | null;
  createdBySub: string;
}

/** One assignment: its versions share it; `id` is the first version's id. */
export interface LineageRow {
  id: string;
  personId: string;
  decisionId: string;
  municipality: string;
  category: string;
  periodStart: IsoDate;
  responsibilityBasis: ResponsibilityReason;
  clientSince: IsoDate | null;
  latestVersion: number;
  endDate: IsoDate | null;
  endReason: EndReason | null;
  endNote: string | null;
  rowVersion: number;
}

const PROVISION_COLUMNS = `p.id, p.lineage_id AS "lineageId", p.version, p.valid_from AS "validFrom", p.decision_id AS "decisionId",
  p.person_id AS "personId", p.household_id AS "householdId", p.municipality, p.responsible_municipality AS "responsibleMunicipality",
  p.responsibility_reason AS "responsibilityReason", p.responsibility_switch_on AS "responsibilitySwitchOn",
  p.responsibility_switch_error AS "responsibilitySwitchError", p.category, p.product_code AS "productCode",
  p.delivery_form AS "deliveryForm", p.provider_agb AS "providerAgb", p.volume_amount AS "volumeAmount", p.volume_unit AS "volumeUnit",
  p.volume_frequency AS "volumeFrequency", p.period_start AS "periodStart", p.period_end AS "periodEnd", p.budget_cents AS "budgetCents",
  p.contract_id AS "contractId", p.tariff_cents AS "tariffCents", p.tariff_unit AS "tariffUnit", p.variant, p.crisis, p.law,
  p.previous_provision_id AS "previousProvisionId", p.change_reason AS "changeReason", p.created_by_sub AS "createdBySub"`;

const LINEAGE_COLUMNS = `l.id, l.person_id AS "personId", l.decision_id AS "decisionId", l.municipality, l.category, l.period_start AS "periodStart",
  l.responsibility_basis AS "responsibilityBasis", l.client_since AS "clientSince", l.latest_version AS "latestVersion",
  l.end_date AS "endDate", l.end_reason AS "endReason", l.end_note AS "endNote", l.row_version AS "rowVersion"`;

// Column order of the provision table as written by insertVersions.
export const VERSION_FIELDS: Array<[keyof ProvisionRow, string]> = [
  ['id', 'uuid'],
  ['lineageId', 'uuid'],
  ['version', 'int'],
  ['validFrom', 'date'],
  ['decisionId', 'uuid'],
  ['personId', 'uuid'],
  ['householdId', 'uuid'],
  ['municipality', 'text'],
  ['responsibleMunicipality', 'text'],
  ['responsibilityReason', 'text'],
  ['responsibilitySwitchOn', 'date'],
  ['category', 'text'],
  ['productCode', 'text'],
  ['deliveryForm', 'text'],
  ['providerAgb', 'text'],
  ['volumeAmount', 'int'],
  ['volumeUnit', 'text'],
  ['volumeFrequency', 'text'],
  ['periodStart', 'date'],
  ['periodEnd', 'date'],
  ['budgetCents', 'bigint'],
  ['contractId', 'uuid'],
  ['tariffCents', 'bigint'],
  ['tariffUnit', 'text'],
  ['variant', 'text'],
  ['crisis', 'boolean'],
  ['law', 'text'],
  ['previousProvisionId', 'uuid'],
  ['changeReason', 'text'],
  ['createdBySub', 'text'],
];
export const VERSION_COLUMNS = VERSION_FIELDS.map(([k]) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)).join(', ');
const VERSION_UNNEST = VERSION_FIELDS.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ');

@Injectable()
export class ProvisionsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async insertVersions(rows: Array<Omit<ProvisionRow, 'responsibilitySwitchError'>>): Promise<void> {
    if (!rows.length) return;
    await this.txHost.tx.query(
      `INSERT INTO provision (${VERSION_COLUMNS}) SELECT * FROM unnest(${VERSION_UNNEST})`,
      VERSION_FIELDS.map(([k]) => rows.map((r) => r[k as keyof typeof r] ?? null)),
    );
  }

  /** The lineage of a version id or a lineage id. */
  async findLineage(anyId: string, forUpdate = false): Promise<LineageRow | undefined> {
    const [row] = await this.txHost.tx.query(
      `SELECT ${LINEAGE_COLUMNS} FROM provision_lineage l
        WHERE l.id = $1 OR l.id = (SELECT lineage_id FROM provision WHERE id = $1)
        LIMIT 1${forUpdate ? ' FOR UPDATE' : ''}`,
      [anyId],
    );
    return row;
  }

  async lineages(ids: string[]): Promise<LineageRow[]> {
    if (!ids.length) return [];
    return this.txHost.tx.query(`SELECT ${LINEAGE_COLUMNS} FROM provision_lineage l WHERE l.id = ANY($1::uuid[])`, [ids]);
  }

  /** Every version of these lineages, in order. */
  async versions(lineageIds: string[]): Promise<ProvisionRow[]> {
    if (!lineageIds.length) return [];
    return this.txHost.tx.query(
      `SELECT ${PROVISION_COLUMNS} FROM provision p WHERE p.lineage_id = ANY($1::uuid[]) ORDER BY p.lineage_id, p.version`,
      [lineageIds],
    );
  }

  async lineageIdsOfDecision(decisionId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.txHost.tx.query(
      `SELECT id FROM provision_lineage WHERE decision_id = $1 ORDER BY created_at, id`,
      [decisionId],
    );
    return rows.map((r) => r.id);
  }

  /** The person's lineages in these categories, as the responsibility rules see them. */
  async priorIndications(personId: string, categories: readonly string[]): Promise<PriorIndication[]> {
    return this.txHost.tx.query(
      `SELECT l.id AS "lineageId", l.category, l.period_start AS start,
              LEAST(l.end_date, (SELECT p.period_end FROM provision p WHERE p.lineage_id = l.id ORDER BY p.version DESC LIMIT 1)) AS "end",
              l.responsibility_basis AS basis, l.client_since AS "clientSince"
         FROM provision_lineage l WHERE l.person_id = $1 AND l.category = ANY($2::text[])`,
      [personId, categories],
    );
  }

  async advanceLineage(lineageId: string, latestVersion: number): Promise<void> {
    await this.txHost.tx.query(`UPDATE provision_lineage SET latest_version = $2, row_version = row_version + 1 WHERE id = $1`, [lineageId, latestVersion]);
  }

  async endLineage(lineageId: string, endDate: IsoDate, reason: EndReason, note: string | null): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE provision_lineage SET end_date = $2, end_reason = $3, end_note = $4, row_version = row_version + 1 WHERE id = $1`,
      [lineageId, endDate, reason, note],
    );
  }

  /** Current versions whose origin period ends by `today` (the payer must change from that day). */
  async dueSwitches(today: IsoDate, limit: number): Promise<Array<{ id: string; lineageId: string; switchOn: IsoDate }>> {
    return this.txHost.tx.query(
      `SELECT p.id, p.lineage_id AS "lineageId", p.responsibility_switch_on AS "switchOn"
         FROM provision p JOIN provision_lineage l ON l.id = p.lineage_id AND l.latest_version = p.version
        WHERE p.responsibility_switch_on <= $1
          AND (l.end_date IS NULL OR l.end_date >= p.responsibility_switch_on)
          AND (p.period_end IS NULL OR p.period_end >= p.responsibility_switch_on)
        ORDER BY p.responsibility_switch_on, p.id LIMIT $2`,
      [today, limit],
    );
  }

  async setSwitchError(id: string, error: string | null, clearSwitch = false): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE provision SET responsibility_switch_error = $2, responsibility_switch_on = CASE WHEN $3 THEN NULL ELSE responsibility_switch_on END WHERE id = $1`,
      [id, error, clearSwitch],
    );
  }

  /** Current versions for a person (municipal scope) or a provider. */
  async currentFor(filter: { personId?: string; providerAgb?: string; municipalities?: string[] }, limit: number): Promise<ProvisionRow[]> {
    return this.txHost.tx.query(
      `SELECT ${PROVISION_COLUMNS} FROM provision p JOIN provision_lineage l ON l.id = p.lineage_id AND l.latest_version = p.version
        WHERE ($1::uuid IS NULL OR p.person_id = $1) AND ($2::text IS NULL OR p.provider_agb = $2)
          AND ($3::text[] IS NULL OR p.municipality = ANY($3) OR p.responsible_municipality = ANY($3))
        ORDER BY p.period_start DESC, p.id LIMIT $4`,
      [filter.personId ?? null, filter.providerAgb ?? null, filter.municipalities ?? null, limit],
    );
  }
}
