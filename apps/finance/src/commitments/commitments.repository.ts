import { Injectable } from '@nestjs/common';
import { DeliveryForm, Frequency, IsoDate, Unit } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { CommitmentLeaf, ProvisionVersionFacts } from './commitments.rules';

export interface NewVersion extends ProvisionVersionFacts {
  decisionId: string;
  householdId: string | null;
  crisis: boolean;
  previousProvisionId: string | null;
  eventId: string;
}

interface VersionRow {
  provision_id: string;
  lineage_id: string;
  version: number;
  valid_from: string;
  period_start: string;
  period_end: string | null;
  delivery_form: DeliveryForm;
  category: string;
  product_code: string | null;
  provider_agb: string | null;
  volume_amount: number | null;
  volume_unit: Unit | null;
  volume_frequency: Frequency | null;
  budget_cents: number | null;
  contract_id: string | null;
  tariff_cents: number | null;
  tariff_unit: Unit | null;
  variant: string | null;
  municipality: string;
  responsible_municipality: string;
  person_id: string;
  person_pseudonym: string;
}

export function versionFromRow(r: VersionRow): ProvisionVersionFacts {
  return {
    provisionId: r.provision_id,
    lineageId: r.lineage_id,
    version: r.version,
    validFrom: r.valid_from,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    deliveryForm: r.delivery_form,
    category: r.category,
    productCode: r.product_code,
    providerAgb: r.provider_agb,
    volume: r.volume_amount !== null && r.volume_unit && r.volume_frequency ? { amount: r.volume_amount, unit: r.volume_unit, frequency: r.volume_frequency } : null,
    budgetCents: r.budget_cents,
    contractId: r.contract_id,
    tariffCents: r.tariff_cents,
    tariffUnit: r.tariff_unit,
    variant: r.variant,
    municipality: r.municipality,
    responsibleMunicipality: r.responsible_municipality,
    personId: r.person_id,
    personPseudonym: r.person_pseudonym,
  };
}

const VERSION_COLUMNS = `provision_id, lineage_id, version, valid_from, period_start, period_end, delivery_form, category,
  product_code, provider_agb, volume_amount, volume_unit, volume_frequency, budget_cents, contract_id, tariff_cents,
  tariff_unit, variant, municipality, responsible_municipality, person_id, person_pseudonym`;

export interface DirtyLineage {
  lineageId: string;
  seq: number;
  attempts: number;
}

export interface LineageSummary {
  lineageId: string;
  status: string;
  reason: string | null;
  /** Null keeps the booked total (a lineage waiting for a tariff keeps its last booking). */
  totalCents: number | null;
  horizon: IsoDate | null;
  firstDay: IsoDate | null;
  lastDay: IsoDate | null;
  endDate: IsoDate | null;
  latest: ProvisionVersionFacts;
  versions: number;
}

export interface Mutation {
  lineageId: string;
  year: number;
  municipality: string;
  kind: 'BOOKED' | 'REBOOKED' | 'RELEASED';
  deltaCents: number;
}

export interface CommitmentRow extends CommitmentLeaf {
  lineageId: string;
  providerAgb: string | null;
  category: string;
  productCode: string | null;
}

const DIRTY_UPSERT = `ON CONFLICT (lineage_id) DO UPDATE SET seq = lineage_dirty.seq + 1, attempts = 0, not_before = NULL`;

@Injectable()
export class CommitmentsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /**
   * Store a version and mark its lineage for recomputation, in one statement. Returns whether the
   * version was new; a replay of a stored version changes nothing.
   */
  async insertVersion(v: NewVersion): Promise<boolean> {
    const rows = await this.tx.query(
      `WITH ins AS (
         INSERT INTO provision_version (provision_id, lineage_id, version, valid_from, decision_id, person_id, person_pseudonym,
           household_id, category, product_code, delivery_form, provider_agb, volume_amount, volume_unit, volume_frequency,
           period_start, period_end, budget_cents, contract_id, tariff_cents, tariff_unit, variant, municipality,
           responsible_municipality, crisis, previous_provision_id, event_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)
         ON CONFLICT DO NOTHING
         RETURNING lineage_id)
       INSERT INTO lineage_dirty (lineage_id) SELECT lineage_id FROM ins ${DIRTY_UPSERT}
       RETURNING lineage_id`,
      [
        v.provisionId,
        v.lineageId,
        v.version,
        v.validFrom,
        v.decisionId,
        v.personId,
        v.personPseudonym,
        v.householdId,
        v.category,
        v.productCode,
        v.deliveryForm,
        v.providerAgb,
        v.volume?.amount ?? null,
        v.volume?.unit ?? null,
        v.volume?.frequency ?? null,
        v.periodStart,
        v.periodEnd,
        v.budgetCents,
        v.contractId,
        v.tariffCents,
        v.tariffUnit,
        v.variant,
        v.municipality,
        v.responsibleMunicipality,
        v.crisis,
        v.previousProvisionId,
        v.eventId,
      ],
    );
    return rows.length > 0;
  }

  async versionHolder(lineageId: string, version: number): Promise<string | undefined> {
    const [row] = await this.tx.query('SELECT provision_id FROM provision_version WHERE lineage_id = $1 AND version = $2', [lineageId, version]);
    return row?.provision_id;
  }

  async insertEnd(e: { eventId: string; lineageId: string; provisionId: string; endDate: IsoDate; reason: string; eventTime: string }): Promise<void> {
    await this.tx.query(
      `WITH ins AS (
         INSERT INTO lineage_end (event_id, lineage_id, provision_id, end_date, reason, event_time)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING lineage_id)
       INSERT INTO lineage_dirty (lineage_id) SELECT lineage_id FROM ins ${DIRTY_UPSERT}`,
      [e.eventId, e.lineageId, e.provisionId, e.endDate, e.reason, e.eventTime],
    );
  }

  /** Serialise projectors across replicas for this transaction; false when another one is at work. */
  async tryProjectorLock(): Promise<boolean> {
    const [row] = await this.tx.query(`SELECT pg_try_advisory_xact_lock(hashtext('finance.commitment-projector')) AS ok`);
    return row.ok === true;
  }

  async dueDirty(limit: number): Promise<DirtyLineage[]> {
    const rows = await this.tx.query(
      `SELECT lineage_id, seq, attempts FROM lineage_dirty
        WHERE not_before IS NULL OR not_before <= now()
        ORDER BY lineage_id LIMIT $1`,
      [limit],
    );
    return rows.map((r: { lineage_id: string; seq: number; attempts: number }) => ({ lineageId: r.lineage_id, seq: r.seq, attempts: r.attempts }));
  }

  async anyDue(): Promise<boolean> {
    const rows = await this.tx.query('SELECT 1 FROM lineage_dirty WHERE not_before IS NULL OR not_before <= now() LIMIT 1');
    return rows.length > 0;
  }

  async versionsOf(lineageIds: string[]): Promise<ProvisionVersionFacts[]> {
    const rows: VersionRow[] = await this.tx.query(`SELECT ${VERSION_COLUMNS} FROM provision_version WHERE lineage_id = ANY($1::uuid[])`, [lineageIds]);
    return rows.map(versionFromRow);
  }

  /** The lineage end in force: of several `ended` events, the latest published one. */
  async endsOf(lineageIds: string[]): Promise<Map<string, IsoDate>> {
    const rows: Array<{ lineage_id: string; end_date: string }> = await this.tx.query(
      `SELECT DISTINCT ON (lineage_id) lineage_id, end_date FROM lineage_end
        WHERE lineage_id = ANY($1::uuid[]) ORDER BY lineage_id, event_time DESC, event_id DESC`,
      [lineageIds],
    );
    return new Map(rows.map((r) => [r.lineage_id, r.end_date]));
  }

  async bookedTotals(lineageIds: string[]): Promise<Array<{ lineageId: string; year: number; municipality: string; cents: number }>> {
    const rows = await this.tx.query(
      `SELECT lineage_id, year, municipality, sum(amount_cents)::bigint AS cents FROM commitment
        WHERE lineage_id = ANY($1::uuid[]) GROUP BY lineage_id, year, municipality`,
      [lineageIds],
    );
    return rows.map((r: { lineage_id: string; year: number; municipality: string; cents: number }) => ({
      lineageId: r.lineage_id,
      year: r.year,
      municipality: r.municipality,
      cents: Number(r.cents),
    }));
  }

  async replaceCommitments(lineageIds: string[], rows: CommitmentRow[]): Promise<void> {
    if (lineageIds.length) await this.tx.query('DELETE FROM commitment WHERE lineage_id = ANY($1::uuid[])', [lineageIds]);
    for (let i = 0; i < rows.length; i += 20_000) {
      const chunk = rows.slice(i, i + 20_000);
      const col = <T>(f: (r: CommitmentRow) => T) => chunk.map(f);
      await this.tx.query(
        `INSERT INTO commitment (lineage_id, provision_id, month, year, municipality, provider_agb, category, product_code, tariff_cents, amount_cents)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bigint[], $10::bigint[])`,
        [
          col((r) => r.lineageId),
          col((r) => r.provisionId),
          col((r) => r.month),
          col((r) => r.year),
          col((r) => r.municipality),
          col((r) => r.providerAgb),
          col((r) => r.category),
          col((r) => r.productCode),
          col((r) => r.tariffCents),
          col((r) => r.amountCents),
        ],
      );
    }
  }

  async upsertSummaries(list: LineageSummary[]): Promise<void> {
    if (!list.length) return;
    const col = <T>(f: (r: LineageSummary) => T) => list.map(f);
    await this.tx.query(
      `INSERT INTO lineage (lineage_id, status, reason, total_cents, horizon, first_day, last_day, end_date, person_id, person_pseudonym,
         provider_agb, municipality, responsible_municipality, category, product_code, versions, computed_at)
       SELECT u.lineage_id, u.status, u.reason, coalesce(u.total_cents, 0), u.horizon, u.first_day, u.last_day, u.end_date, u.person_id,
              u.person_pseudonym, u.provider_agb, u.municipality, u.responsible_municipality, u.category, u.product_code, u.versions, now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[], $5::date[], $6::date[], $7::date[], $8::date[], $9::uuid[], $10::text[],
                     $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::int[])
           AS u(lineage_id, status, reason, total_cents, horizon, first_day, last_day, end_date, person_id, person_pseudonym,
                provider_agb, municipality, responsible_municipality, category, product_code, versions)
       ON CONFLICT (lineage_id) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason,
         total_cents = CASE WHEN EXCLUDED.status = 'PENDING_TARIFF' THEN lineage.total_cents ELSE EXCLUDED.total_cents END,
         horizon = EXCLUDED.horizon, first_day = EXCLUDED.first_day, last_day = EXCLUDED.last_day, end_date = EXCLUDED.end_date,
         person_id = EXCLUDED.person_id, person_pseudonym = EXCLUDED.person_pseudonym, provider_agb = EXCLUDED.provider_agb,
         municipality = EXCLUDED.municipality, responsible_municipality = EXCLUDED.responsible_municipality,
         category = EXCLUDED.category, product_code = EXCLUDED.product_code, versions = EXCLUDED.versions, computed_at = now()`,
      [
        col((s) => s.lineageId),
        col((s) => s.status),
        col((s) => s.reason),
        col((s) => s.totalCents),
        col((s) => s.horizon),
        col((s) => s.firstDay),
        col((s) => s.lastDay),
        col((s) => s.endDate),
        col((s) => s.latest.personId),
        col((s) => s.latest.personPseudonym),
        col((s) => s.latest.providerAgb),
        col((s) => s.latest.municipality),
        col((s) => s.latest.responsibleMunicipality),
        col((s) => s.latest.category),
        col((s) => s.latest.productCode),
        col((s) => s.versions),
      ],
    );
  }

  async insertMutations(list: Mutation[]): Promise<void> {
    if (!list.length) return;
    await this.tx.query(
      `INSERT INTO commitment_mutation (lineage_id, year, municipality, kind, delta_cents)
       SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::bigint[])`,
      [list.map((m) => m.lineageId), list.map((m) => m.year), list.map((m) => m.municipality), list.map((m) => m.kind), list.map((m) => m.deltaCents)],
    );
  }

  /** Done: drop the marks that were not renewed while we worked (a renewed one is taken next round). */
  async clearDirty(list: DirtyLineage[]): Promise<void> {
    if (!list.length) return;
    await this.tx.query(
      `DELETE FROM lineage_dirty d USING unnest($1::uuid[], $2::bigint[]) AS u(lineage_id, seq)
        WHERE d.lineage_id = u.lineage_id AND d.seq = u.seq`,
      [list.map((d) => d.lineageId), list.map((d) => d.seq)],
    );
  }

  /** Waiting for a tariff: try again after a growing pause, unless new facts arrive first. */
  async postpone(list: DirtyLineage[]): Promise<void> {
    if (!list.length) return;
    await this.tx.query(
      `UPDATE lineage_dirty d SET attempts = d.attempts + 1,
              not_before = now() + make_interval(secs => least(3600, 5 * power(2, least(d.attempts, 10))))
         FROM unnest($1::uuid[], $2::bigint[]) AS u(lineage_id, seq)
        WHERE d.lineage_id = u.lineage_id AND d.seq = u.seq`,
      [list.map((d) => d.lineageId), list.map((d) => d.seq)],
    );
  }

  /** Open-ended lineages committed to the end of a budget year that has passed: recompute to the new year's end. */
  async markExpiredHorizons(yearEnd: IsoDate): Promise<number> {
    const rows = await this.tx.query(
      `INSERT INTO lineage_dirty (lineage_id)
       SELECT lineage_id FROM lineage WHERE horizon IS NOT NULL AND horizon < $1 ORDER BY lineage_id
       ${DIRTY_UPSERT} RETURNING 1`,
      [yearEnd],
    );
    return rows.length;
  }

  async markBudgetsDirty(keys: Array<{ municipality: string; year: number }>): Promise<void> {
    const uniq = [...new Map(keys.map((k) => [`${k.municipality}|${k.year}`, k])).values()].sort((a, b) =>
      a.municipality === b.municipality ? a.year - b.year : a.municipality < b.municipality ? -1 : 1,
    );
    if (!uniq.length) return;
    await this.tx.query(
      `INSERT INTO budget_dirty (municipality, year) SELECT * FROM unnest($1::text[], $2::int[])
       ON CONFLICT (municipality, year) DO UPDATE SET seq = budget_dirty.seq + 1`,
      [uniq.map((k) => k.municipality), uniq.map((k) => k.year)],
    );
  }

  // Reads for the API.

  async lineageIdOf(provisionOrLineageId: string): Promise<string | undefined> {
    const [row] = await this.tx.query(
      `SELECT lineage_id FROM provision_version WHERE provision_id = $1
       UNION ALL SELECT lineage_id FROM lineage WHERE lineage_id = $1
       UNION ALL SELECT lineage_id FROM lineage_end WHERE lineage_id = $1 OR provision_id = $1 LIMIT 1`,
      [provisionOrLineageId],
    );
    return row?.lineage_id;
  }

  async lineage(lineageId: string): Promise<Record<string, unknown> | undefined> {
    const [row] = await this.tx.query('SELECT * FROM lineage WHERE lineage_id = $1', [lineageId]);
    return row;
  }

  async commitmentsOf(lineageIds: string[]): Promise<Array<{ lineage_id: string; provision_id: string; month: string; year: number; municipality: string; tariff_cents: number | null; amount_cents: number }>> {
    return this.tx.query(
      `SELECT lineage_id, provision_id, month, year, municipality, tariff_cents, amount_cents FROM commitment
        WHERE lineage_id = ANY($1::uuid[]) ORDER BY lineage_id, month, provision_id`,
      [lineageIds],
    );
  }

  async mutationsOf(lineageId: string): Promise<Array<{ year: number; municipality: string; kind: string; delta_cents: number; at: Date }>> {
    return this.tx.query('SELECT year, municipality, kind, delta_cents, at FROM commitment_mutation WHERE lineage_id = $1 ORDER BY id', [lineageId]);
  }

  /** Lineages with a commitment in a municipality's year, a page at a time (by lineage id). */
  async lineagesIn(municipality: string, year: number, after: string | undefined, limit: number): Promise<Array<{ lineage_id: string; year_cents: number }>> {
    return this.tx.query(
      `SELECT lineage_id, sum(amount_cents)::bigint AS year_cents FROM commitment
        WHERE municipality = $1 AND year = $2 AND ($3::uuid IS NULL OR lineage_id > $3::uuid)
        GROUP BY lineage_id ORDER BY lineage_id LIMIT $4`,
      [municipality, year, after ?? null, limit],
    );
  }

  async totalIn(municipality: string, year: number): Promise<{ cents: number; lineages: number; months: Array<{ month: string; cents: number }> }> {
    const months: Array<{ month: string; cents: number }> = await this.tx.query(
      `SELECT to_char(month, 'YYYY-MM') AS month, sum(amount_cents)::bigint AS cents FROM commitment
        WHERE municipality = $1 AND year = $2 GROUP BY month ORDER BY month`,
      [municipality, year],
    );
    const [{ n }] = await this.tx.query('SELECT count(DISTINCT lineage_id)::int AS n FROM commitment WHERE municipality = $1 AND year = $2', [municipality, year]);
    return { cents: months.reduce((a, m) => a + Number(m.cents), 0), lineages: n, months: months.map((m) => ({ month: m.month, cents: Number(m.cents) })) };
  }

  async versionsForApi(lineageId: string): Promise<ProvisionVersionFacts[]> {
    const rows: VersionRow[] = await this.tx.query(`SELECT ${VERSION_COLUMNS} FROM provision_version WHERE lineage_id = $1 ORDER BY version`, [lineageId]);
    return rows.map(versionFromRow);
  }
}
