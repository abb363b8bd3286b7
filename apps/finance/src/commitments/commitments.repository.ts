import { Injectable } from '@nestjs/common';
import { DeliveryForm, Frequency, IsoDate, Unit } from '@vangnet/contracts';
import { prepared, TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { ProvisionVersionFacts } from './commitments.rules';

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
  /** The mark's sequence when the lineage was marked, null when only unprojected facts brought it. */
  seq: number | null;
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

/** One version's commitment in one year, with its month parts (index 0 = January). */
export interface CommitmentRow {
  lineageId: string;
  provisionId: string;
  year: number;
  municipality: string;
  providerAgb: string | null;
  category: string;
  productCode: string | null;
  tariffCents: number | null;
  amountCents: number;
  months: number[];
}

const INSERT_VERSION = `WITH ins AS (
       INSERT INTO provision_version (provision_id, lineage_id, version, valid_from, decision_id, person_id, person_pseudonym,
           household_id, category, product_code, delivery_form, provider_agb, volume_amount, volume_unit, volume_frequency,
           period_start, period_end, budget_cents, contract_id, tariff_cents, tariff_unit, variant, municipality,
           responsible_municipality, crisis, previous_provision_id, event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)
       ON CONFLICT DO NOTHING
       RETURNING provision_id, lineage_id)
       INSERT INTO projection_pending (fact_id, lineage_id) SELECT provision_id, lineage_id FROM ins
       RETURNING 1`;

const DIRTY_UPSERT = `ON CONFLICT (lineage_id) DO UPDATE SET seq = lineage_dirty.seq + 1, attempts = 0, not_before = NULL`;

@Injectable()
export class CommitmentsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tx() {
    return this.txHost.tx;
  }

  /**
   * Store a version and note it for the projector, in one statement. Returns whether the version
   * was new; a replay of a stored version changes nothing.
   */
  async insertVersion(v: NewVersion): Promise<boolean> {
    const rows = await this.tx.query(
      prepared('finance_insert_version', INSERT_VERSION),
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
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING event_id, lineage_id)
       INSERT INTO projection_pending (fact_id, lineage_id) SELECT event_id, lineage_id FROM ins`,
      [e.eventId, e.lineageId, e.provisionId, e.endDate, e.reason, e.eventTime],
    );
  }

  /** Serialise projectors across replicas for this transaction; false when another one is at work. */
  async tryProjectorLock(): Promise<boolean> {
    const [row] = await this.tx.query(`SELECT pg_try_advisory_xact_lock(hashtext('finance.commitment-projector')) AS ok`);
    return row.ok === true;
  }

  /**
   * Lineages to recompute: those with facts not yet projected, and those marked (by a tariff, a
   * new budget year, a retry that is due). `seq` is the mark's, null without one.
   */
  async dueLineages(limit: number): Promise<DirtyLineage[]> {
    const rows = await this.tx.query(
      `WITH due AS (
         (SELECT lineage_id FROM projection_pending ORDER BY lineage_id LIMIT $1)
         UNION (SELECT lineage_id FROM lineage_dirty WHERE not_before IS NULL OR not_before <= now() ORDER BY lineage_id LIMIT $1))
       SELECT due.lineage_id, d.seq FROM (SELECT lineage_id FROM due ORDER BY lineage_id LIMIT $1) due
         LEFT JOIN lineage_dirty d ON d.lineage_id = due.lineage_id`,
      [limit],
    );
    return rows.map((r: { lineage_id: string; seq: number | null }) => ({ lineageId: r.lineage_id, seq: r.seq }));
  }

  /**
   * Take these lineages' pending facts before reading them: a fact committed after this statement
   * keeps its pending row and is projected next round.
   */
  async takePending(lineageIds: string[]): Promise<void> {
    await this.tx.query('DELETE FROM projection_pending WHERE lineage_id = ANY($1::uuid[])', [lineageIds]);
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
    // One JSON document per chunk: far cheaper to serialise than a dozen parameter arrays.
    for (let i = 0; i < rows.length; i += 20_000) {
      const chunk = rows.slice(i, i + 20_000).map((r) => ({
        l: r.lineageId,
        p: r.provisionId,
        y: r.year,
        mu: r.municipality,
        pa: r.providerAgb,
        c: r.category,
        pc: r.productCode,
        t: r.tariffCents,
        a: r.amountCents,
        ms: r.months,
      }));
      await this.tx.query(
        `INSERT INTO commitment (lineage_id, provision_id, year, municipality, provider_agb, category, product_code, tariff_cents, amount_cents, months)
         SELECT l, p, y, mu, pa, c, pc, t, a, ms
           FROM json_to_recordset($1::json) AS x(l uuid, p uuid, y int, mu text, pa text, c text, pc text, t bigint, a bigint, ms bigint[])`,
        [JSON.stringify(chunk)],
      );
    }
  }

  async upsertSummaries(list: LineageSummary[]): Promise<void> {
    if (!list.length) return;
    const doc = list.map((s) => ({
      l: s.lineageId,
      s: s.status,
      r: s.reason,
      t: s.totalCents,
      h: s.horizon,
      f: s.firstDay,
      ld: s.lastDay,
      e: s.endDate,
      pi: s.latest.personId,
      pp: s.latest.personPseudonym,
      pa: s.latest.providerAgb,
      m: s.latest.municipality,
      rm: s.latest.responsibleMunicipality,
      c: s.latest.category,
      pc: s.latest.productCode,
      v: s.versions,
    }));
    await this.tx.query(
      `INSERT INTO lineage (lineage_id, status, reason, total_cents, horizon, first_day, last_day, end_date, person_id, person_pseudonym,
         provider_agb, municipality, responsible_municipality, category, product_code, versions, computed_at)
       SELECT l, s, r, coalesce(t, 0), h, f, ld, e, pi, pp, pa, m, rm, c, pc, v, now()
         FROM json_to_recordset($1::json) AS x(l uuid, s text, r text, t bigint, h date, f date, ld date, e date, pi uuid, pp text,
                                               pa text, m text, rm text, c text, pc text, v int)
        ORDER BY l
       ON CONFLICT (lineage_id) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason,
         total_cents = CASE WHEN EXCLUDED.status = 'PENDING_TARIFF' THEN lineage.total_cents ELSE EXCLUDED.total_cents END,
         horizon = EXCLUDED.horizon, first_day = EXCLUDED.first_day, last_day = EXCLUDED.last_day, end_date = EXCLUDED.end_date,
         person_id = EXCLUDED.person_id, person_pseudonym = EXCLUDED.person_pseudonym, provider_agb = EXCLUDED.provider_agb,
         municipality = EXCLUDED.municipality, responsible_municipality = EXCLUDED.responsible_municipality,
         category = EXCLUDED.category, product_code = EXCLUDED.product_code, versions = EXCLUDED.versions, computed_at = now()`,
      [JSON.stringify(doc)],
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
  async clearDirty(all: DirtyLineage[]): Promise<void> {
    const list = all.filter((d) => d.seq !== null);
    if (!list.length) return;
    await this.tx.query(
      `DELETE FROM lineage_dirty d USING unnest($1::uuid[], $2::bigint[]) AS u(lineage_id, seq)
        WHERE d.lineage_id = u.lineage_id AND d.seq = u.seq`,
      [list.map((d) => d.lineageId), list.map((d) => d.seq)],
    );
  }

  /**
   * Waiting for a tariff: try again after a growing pause — unless the mark was renewed while we
   * worked (a tariff arrived), which keeps it due.
   */
  async postpone(list: DirtyLineage[]): Promise<void> {
    if (!list.length) return;
    await this.tx.query(
      `INSERT INTO lineage_dirty AS d (lineage_id, seq, attempts, not_before)
       SELECT u.lineage_id, 1, 1, now() + interval '5 seconds' FROM unnest($1::uuid[]) AS u(lineage_id) ORDER BY 1
       ON CONFLICT (lineage_id) DO UPDATE SET attempts = d.attempts + 1,
              not_before = now() + make_interval(secs => least(3600, 5 * power(2, least(d.attempts, 10))))
        WHERE d.seq = (SELECT s.seq FROM unnest($1::uuid[], $2::bigint[]) AS s(lineage_id, seq) WHERE s.lineage_id = d.lineage_id)`,
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

  async commitmentsOf(lineageIds: string[]): Promise<Array<{ lineage_id: string; provision_id: string; year: number; municipality: string; tariff_cents: number | null; amount_cents: number; months: number[] }>> {
    const rows = await this.tx.query(
      `SELECT lineage_id, provision_id, year, municipality, tariff_cents, amount_cents, months FROM commitment
        WHERE lineage_id = ANY($1::uuid[]) ORDER BY lineage_id, year, provision_id`,
      [lineageIds],
    );
    return rows.map((r: { months: Array<string | number> }) => ({ ...r, months: r.months.map(Number) }));
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
      `SELECT to_char(make_date($2, m, 1), 'YYYY-MM') AS month, sum(c.months[m])::bigint AS cents
         FROM commitment c CROSS JOIN generate_series(1, 12) AS m
        WHERE c.municipality = $1 AND c.year = $2 GROUP BY m HAVING sum(c.months[m]) <> 0 ORDER BY m`,
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
