import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { prepared, TransactionalAdapterTypeOrm, TransactionHost, unnest, UnnestColumn } from '@vangnet/persistence';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { UnpricedFigure, UseFigure } from '../budgets/budgets.rules';
import { TariffRow } from '../tariffs/tariffs.rules';
import {
  CommitmentEntity,
  CommitmentMutationEntity,
  CommitmentUnpricedEntity,
  LineageEndEntity,
  LineageEntity,
  ProjectionPendingEntity,
  ProvisionVersionEntity,
} from './commitments.entity';
import { BookedTotal, CommitmentRow, DirtyLineage, LineageSummary, Mutation, ProvisionVersionFacts, UnpricedRow } from './commitments.rules';

export interface NewVersion extends ProvisionVersionFacts {
  decisionId: string;
  householdId: string | null;
  crisis: boolean;
  previousProvisionId: string | null;
  eventId: string;
}

/** The columns of a version the rules read; the hot paths select them as a typed row (no entity hydration). */
const VERSION_FACTS = [
  'provisionId',
  'lineageId',
  'version',
  'validFrom',
  'periodStart',
  'periodEnd',
  'deliveryForm',
  'category',
  'productCode',
  'providerAgb',
  'volumeAmount',
  'volumeUnit',
  'volumeFrequency',
  'budgetCents',
  'contractId',
  'tariffCents',
  'tariffUnit',
  'variant',
  'municipality',
  'responsibleMunicipality',
  'personId',
  'personPseudonym',
] as const;
type VersionRow = Pick<ProvisionVersionEntity, (typeof VERSION_FACTS)[number]>;

/** Select a version's facts as a typed row, property-named: 20,000 rows without TypeORM's entity hydration (a third of the time). */
function versionRows(q: SelectQueryBuilder<ProvisionVersionEntity>): Promise<VersionRow[]> {
  q.select(`v.${VERSION_FACTS[0]}`, VERSION_FACTS[0]);
  for (const c of VERSION_FACTS.slice(1)) q.addSelect(`v.${c}`, c);
  return q.getRawMany<VersionRow>();
}

export function versionFacts(r: VersionRow): ProvisionVersionFacts {
  return {
    provisionId: r.provisionId,
    lineageId: r.lineageId,
    version: r.version,
    validFrom: r.validFrom,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    deliveryForm: r.deliveryForm,
    category: r.category,
    productCode: r.productCode,
    providerAgb: r.providerAgb,
    volume: r.volumeAmount !== null && r.volumeUnit && r.volumeFrequency ? { amount: r.volumeAmount, unit: r.volumeUnit, frequency: r.volumeFrequency } : null,
    budgetCents: r.budgetCents,
    contractId: r.contractId,
    tariffCents: r.tariffCents,
    tariffUnit: r.tariffUnit,
    variant: r.variant,
    municipality: r.municipality,
    responsibleMunicipality: r.responsibleMunicipality,
    personId: r.personId,
    personPseudonym: r.personPseudonym,
  };
}

/** A lineage's part of a municipality's year. */
export interface LineageYear {
  lineageId: string;
  yearCents: number;
}

/** The twelve month sums of a municipality's year, with the lineages they come from. */
interface MonthSumsRow {
  lineages: number;
  m1: number | null;
  m2: number | null;
  m3: number | null;
  m4: number | null;
  m5: number | null;
  m6: number | null;
  m7: number | null;
  m8: number | null;
  m9: number | null;
  m10: number | null;
  m11: number | null;
  m12: number | null;
}

/** The month sums per category and product code (the budget figures). */
interface ProductMonthSumsRow extends Omit<MonthSumsRow, 'lineages'> {
  category: string;
  productCode: string | null;
}

/** `sum(c.months[1]) AS m1, …, sum(c.months[12]) AS m12`: a year's month parts in one pass. */
const MONTH_SUMS = Array.from({ length: 12 }, (_, i) => `sum(c.months[${i + 1}])::bigint AS m${i + 1}`).join(', ');
const monthSum = (r: Omit<MonthSumsRow, 'lineages'>, month: number): number => Number(r[`m${month}` as keyof Omit<MonthSumsRow, 'lineages'>] ?? 0);

const DIRTY_UPSERT = `ON CONFLICT (lineage_id) DO UPDATE SET seq = lineage_dirty.seq + 1, attempts = 0, not_before = NULL`;

/** A version's columns in provision_version, read from a NewVersion (one array each in `insertVersions`). */
const VERSION_COLUMNS: Readonly<Record<string, UnnestColumn<NewVersion>>> = {
  provision_id: ['uuid', (v) => v.provisionId],
  lineage_id: ['uuid', (v) => v.lineageId],
  version: ['int', (v) => v.version],
  valid_from: ['date', (v) => v.validFrom],
  decision_id: ['uuid', (v) => v.decisionId],
  person_id: ['uuid', (v) => v.personId],
  person_pseudonym: ['text', (v) => v.personPseudonym],
  household_id: ['uuid', (v) => v.householdId],
  category: ['text', (v) => v.category],
  product_code: ['text', (v) => v.productCode],
  delivery_form: ['text', (v) => v.deliveryForm],
  provider_agb: ['text', (v) => v.providerAgb],
  volume_amount: ['bigint', (v) => v.volume?.amount ?? null],
  volume_unit: ['text', (v) => v.volume?.unit ?? null],
  volume_frequency: ['text', (v) => v.volume?.frequency ?? null],
  period_start: ['date', (v) => v.periodStart],
  period_end: ['date', (v) => v.periodEnd],
  budget_cents: ['bigint', (v) => v.budgetCents],
  contract_id: ['uuid', (v) => v.contractId],
  tariff_cents: ['bigint', (v) => v.tariffCents],
  tariff_unit: ['text', (v) => v.tariffUnit],
  variant: ['text', (v) => v.variant],
  municipality: ['text', (v) => v.municipality],
  responsible_municipality: ['text', (v) => v.responsibleMunicipality],
  crisis: ['boolean', (v) => v.crisis],
  previous_provision_id: ['uuid', (v) => v.previousProvisionId],
  event_id: ['uuid', (v) => v.eventId],
};

/** `lineage|version`: the key of a version's place in its lineage. */
export const versionKey = (lineageId: string, version: number) => `${lineageId}|${version}`;

/** A version stored by `insertVersions` (its provision id). */
interface StoredRow {
  fact_id: string;
}

interface HolderRow {
  lineage_id: string;
  version: number;
  provision_id: string;
}

/** A row of a statement that answers one row per stored or marked item. */
interface CountedRow {
  stored: number;
}

/** A lineage that is due, with its mark's sequence (null when only unprojected facts brought it). */
interface DueRow {
  lineage_id: string;
  seq: number | null;
}

@Injectable()
export class CommitmentsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tx() {
    return this.txHost.tx;
  }

  private get versions(): Repository<ProvisionVersionEntity> {
    return this.tx.getRepository(ProvisionVersionEntity);
  }

  private get ends(): Repository<LineageEndEntity> {
    return this.tx.getRepository(LineageEndEntity);
  }

  private get lineages(): Repository<LineageEntity> {
    return this.tx.getRepository(LineageEntity);
  }

  private get commitments(): Repository<CommitmentEntity> {
    return this.tx.getRepository(CommitmentEntity);
  }

  private get unpriced(): Repository<CommitmentUnpricedEntity> {
    return this.tx.getRepository(CommitmentUnpricedEntity);
  }

  private get mutations(): Repository<CommitmentMutationEntity> {
    return this.tx.getRepository(CommitmentMutationEntity);
  }

  /**
   * Store versions and note them for the projector, in one statement for the whole batch (the
   * intake's batch handler, ADR 0016; one prepared plan, the rows as one array per column).
   * Returns the provision ids that were new; a replay of a stored version changes nothing, and of
   * two versions in the list with the same provision id or place (lineage, version) the first wins.
   */
  async insertVersions(list: NewVersion[]): Promise<Set<string>> {
    if (!list.length) return new Set();
    const u = unnest(list, VERSION_COLUMNS);
    const rows: StoredRow[] = await this.tx.query(
      prepared(
        'finance_insert_versions',
        `WITH ins AS (
           INSERT INTO provision_version (${u.columns}) SELECT ${u.columns} FROM ${u.from}
           ON CONFLICT DO NOTHING
           RETURNING provision_id, lineage_id)
         INSERT INTO projection_pending (fact_id, lineage_id) SELECT provision_id, lineage_id FROM ins
         RETURNING fact_id`,
      ),
      u.params,
    );
    return new Set(rows.map((r) => r.fact_id));
  }

  /** Which provision holds each of these places (lineage, version), keyed by `versionKey`. */
  async versionHolders(places: Array<{ lineageId: string; version: number }>): Promise<Map<string, string>> {
    const u = unnest(places, { lineage_id: ['uuid', (p) => p.lineageId], version: ['int', (p) => p.version] }, 1, 'k');
    const rows: HolderRow[] = await this.tx.query(
      `SELECT v.lineage_id, v.version, v.provision_id FROM provision_version v JOIN ${u.from} ON v.lineage_id = k.lineage_id AND v.version = k.version`,
      u.params,
    );
    return new Map(rows.map((r) => [versionKey(r.lineage_id, r.version), r.provision_id]));
  }

  /** Store an end and note it for the projector, in one statement; a replay changes nothing. */
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
    const [row]: Array<{ ok: boolean }> = await this.tx.query(`SELECT pg_try_advisory_xact_lock(hashtext('finance.commitment-projector')) AS ok`);
    return row.ok === true;
  }

  /**
   * Lineages to recompute: those with facts not yet projected, and those marked (by a tariff, a
   * new budget year, a retry that is due). `seq` is the mark's, null without one.
   */
  async dueLineages(limit: number): Promise<DirtyLineage[]> {
    const rows: DueRow[] = await this.tx.query(
      `WITH due AS (
         (SELECT lineage_id FROM projection_pending ORDER BY lineage_id LIMIT $1)
         UNION (SELECT lineage_id FROM lineage_dirty WHERE not_before IS NULL OR not_before <= now() ORDER BY lineage_id LIMIT $1))
       SELECT due.lineage_id, d.seq FROM (SELECT lineage_id FROM due ORDER BY lineage_id LIMIT $1) due
         LEFT JOIN lineage_dirty d ON d.lineage_id = due.lineage_id`,
      [limit],
    );
    return rows.map((r) => ({ lineageId: r.lineage_id, seq: r.seq }));
  }

  /**
   * Take these lineages' pending facts before reading them: a fact committed after this statement
   * keeps its pending row and is projected next round.
   */
  async takePending(lineageIds: string[]): Promise<void> {
    await this.tx.getRepository(ProjectionPendingEntity).createQueryBuilder().delete().where('lineage_id = ANY(:lineageIds)', { lineageIds }).execute();
  }

  async versionsOf(lineageIds: string[]): Promise<ProvisionVersionFacts[]> {
    const rows = await versionRows(this.versions.createQueryBuilder('v').where('v.lineageId = ANY(:lineageIds)', { lineageIds }));
    return rows.map(versionFacts);
  }

  /** Every version of the lineages these ids name (an id is any version's provisionId or the lineage id). */
  async lineagesNamed(ids: string[]): Promise<ProvisionVersionFacts[]> {
    const rows = await versionRows(
      this.versions.createQueryBuilder('v').where(
        `v.lineageId IN (SELECT lineage_id FROM provision_version WHERE provision_id = ANY(:ids)
                         UNION SELECT lineage_id FROM provision_version WHERE lineage_id = ANY(:ids))`,
        { ids },
      ),
    );
    return rows.map(versionFacts);
  }

  /** The lineage end in force: of several `ended` events, the latest published one. */
  async endsOf(lineageIds: string[]): Promise<Map<string, IsoDate>> {
    const rows = await this.ends
      .createQueryBuilder('e')
      .distinctOn(['e.lineage_id'])
      .where('e.lineageId = ANY(:lineageIds)', { lineageIds })
      .orderBy('e.lineage_id')
      .addOrderBy('e.event_time', 'DESC')
      .addOrderBy('e.event_id', 'DESC')
      .getMany();
    return new Map(rows.map((r) => [r.lineageId, r.endDate]));
  }

  async bookedTotals(lineageIds: string[]): Promise<BookedTotal[]> {
    const rows = await this.commitments
      .createQueryBuilder('c')
      .select('c.lineageId', 'lineageId')
      .addSelect('c.year', 'year')
      .addSelect('c.municipality', 'municipality')
      .addSelect('sum(c.amountCents)::bigint', 'cents')
      .where('c.lineageId = ANY(:lineageIds)', { lineageIds })
      .groupBy('c.lineageId')
      .addGroupBy('c.year')
      .addGroupBy('c.municipality')
      .getRawMany<BookedTotal>();
    return rows.map((r) => ({ ...r, cents: Number(r.cents) }));
  }

  /**
   * Replace these lineages' commitment rows. The insert is one JSON document per chunk: at 2,000
   * lineages a round (thousands of rows, ten columns and a month array each) far cheaper to
   * serialise than parameter arrays (the commitment bench, ADR 0007).
   */
  async replaceCommitments(lineageIds: string[], rows: CommitmentRow[], unpriced: UnpricedRow[] = []): Promise<void> {
    if (lineageIds.length) {
      await this.commitments.createQueryBuilder().delete().where('lineage_id = ANY(:lineageIds)', { lineageIds }).execute();
      await this.unpriced.createQueryBuilder().delete().where('lineage_id = ANY(:lineageIds)', { lineageIds }).execute();
    }
    if (unpriced.length) {
      await this.unpriced.insert(
        unpriced.map((u) => ({
          lineageId: u.lineageId,
          provisionId: u.provisionId,
          year: u.year,
          municipality: u.municipality,
          providerAgb: u.providerAgb,
          category: u.category,
          productCode: u.productCode,
          estimateCents: u.estimateCents,
          estimateTariffYear: u.estimateTariffYear,
        })),
      );
    }
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

  /** Upsert the lineages' summaries in one statement; a lineage waiting for a tariff keeps its booked total. */
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
    const u = unnest(list, {
      lineage_id: ['uuid', (m) => m.lineageId],
      year: ['int', (m) => m.year],
      municipality: ['text', (m) => m.municipality],
      kind: ['text', (m) => m.kind],
      delta_cents: ['bigint', (m) => m.deltaCents],
    });
    await this.tx.query(`INSERT INTO commitment_mutation (${u.columns}) SELECT ${u.columns} FROM ${u.from}`, u.params);
  }

  /** Done: drop the marks that were not renewed while we worked (a renewed one is taken next round). */
  async clearDirty(all: DirtyLineage[]): Promise<void> {
    const list = all.filter((d) => d.seq !== null);
    if (!list.length) return;
    const u = unnest(list, { lineage_id: ['uuid', (d) => d.lineageId], seq: ['bigint', (d) => d.seq] });
    await this.tx.query(`DELETE FROM lineage_dirty d USING ${u.from} WHERE d.lineage_id = u.lineage_id AND d.seq = u.seq`, u.params);
  }

  /**
   * Waiting for a tariff: try again after a growing pause — unless the mark was renewed while we
   * worked (a tariff arrived), which keeps it due.
   */
  async postpone(list: DirtyLineage[]): Promise<void> {
    if (!list.length) return;
    const u = unnest(list, { lineage_id: ['uuid', (d) => d.lineageId], seq: ['bigint', (d) => d.seq] }, 1, 's');
    await this.tx.query(
      `INSERT INTO lineage_dirty AS d (lineage_id, seq, attempts, not_before)
       SELECT s.lineage_id, 1, 1, now() + interval '5 seconds' FROM ${u.from} ORDER BY 1
       ON CONFLICT (lineage_id) DO UPDATE SET attempts = d.attempts + 1,
              not_before = now() + make_interval(secs => least(3600, 5 * power(2, least(d.attempts, 10))))
        WHERE d.seq = (SELECT s.seq FROM ${u.from} WHERE s.lineage_id = d.lineage_id)`,
      u.params,
    );
  }

  /** Open-ended lineages committed to the end of a budget year that has passed: recompute to the new year's end. */
  async markExpiredHorizons(yearEnd: IsoDate): Promise<number> {
    const rows: CountedRow[] = await this.tx.query(
      `INSERT INTO lineage_dirty (lineage_id)
       SELECT lineage_id FROM lineage WHERE horizon IS NOT NULL AND horizon < $1 ORDER BY lineage_id
       ${DIRTY_UPSERT} RETURNING 1 AS stored`,
      [yearEnd],
    );
    return rows.length;
  }

  /**
   * A tariff became known or changed: mark the lineages waiting for one of this provider, those
   * with this product and year unpriced (issue 12: a published tariff completes a partly priced
   * commitment), and those booked at another tariff for this product and year (one statement).
   */
  async markAffectedByTariff(t: TariffRow): Promise<number> {
    const rows: CountedRow[] = await this.tx.query(
      `INSERT INTO lineage_dirty (lineage_id)
       SELECT lineage_id FROM (
         SELECT lineage_id FROM lineage WHERE status = 'PENDING_TARIFF' AND provider_agb = $1
         UNION
         SELECT lineage_id FROM commitment_unpriced
          WHERE provider_agb = $1 AND category = $2 AND ($3 = '' OR coalesce(product_code, '') = $3) AND year = $4
            AND municipality = ANY($5::text[])
         UNION
         SELECT lineage_id FROM commitment
          WHERE provider_agb = $1 AND category = $2 AND ($3 = '' OR coalesce(product_code, '') = $3) AND year = $4
            AND municipality = ANY($5::text[]) AND tariff_cents IS DISTINCT FROM $6
       ) affected ORDER BY lineage_id
       ${DIRTY_UPSERT}
       RETURNING 1 AS stored`,
      [t.providerAgb, t.category, t.code, t.year, t.municipalities, t.tariffCents],
    );
    return rows.length;
  }

  // Reads for the API and the other features.

  /** The lineage of any version's provision id or of a lineage id (known from a version, a summary or an end). */
  async lineageIdOf(provisionOrLineageId: string): Promise<string | undefined> {
    const id = provisionOrLineageId;
    const version = await this.versions.findOne({ select: { lineageId: true }, where: [{ provisionId: id }, { lineageId: id }] });
    if (version) return version.lineageId;
    const summary = await this.lineages.findOne({ select: { lineageId: true }, where: { lineageId: id } });
    if (summary) return summary.lineageId;
    return (await this.ends.findOne({ select: { lineageId: true }, where: [{ lineageId: id }, { provisionId: id }] }))?.lineageId;
  }

  async lineage(lineageId: string): Promise<LineageEntity | undefined> {
    return (await this.lineages.findOneBy({ lineageId })) ?? undefined;
  }

  commitmentsOf(lineageId: string): Promise<CommitmentEntity[]> {
    return this.commitments.find({ where: { lineageId }, order: { year: 'ASC', provisionId: 'ASC' } });
  }

  unpricedOf(lineageId: string): Promise<CommitmentUnpricedEntity[]> {
    return this.unpriced.find({ where: { lineageId }, order: { year: 'ASC', provisionId: 'ASC' } });
  }

  /** The unpriced part of a municipality's year per category and product code (the budget forecast shows it apart). */
  async unpricedIn(municipality: string, year: number): Promise<UnpricedFigure[]> {
    const rows = await this.unpriced
      .createQueryBuilder('u')
      .select('u.category', 'category')
      .addSelect('u.productCode', 'productCode')
      .addSelect('count(DISTINCT u.lineageId)::int', 'lineages')
      .addSelect('coalesce(sum(u.estimateCents), 0)::bigint', 'estimateCents')
      .addSelect('count(*) FILTER (WHERE u.estimateCents IS NULL)::int', 'withoutEstimate')
      .where('u.municipality = :municipality AND u.year = :year', { municipality, year })
      .groupBy('u.category')
      .addGroupBy('u.productCode')
      .getRawMany<UnpricedFigure>();
    return rows.map((r) => ({ ...r, estimateCents: Number(r.estimateCents) }));
  }

  mutationsOf(lineageId: string): Promise<CommitmentMutationEntity[]> {
    return this.mutations.find({ where: { lineageId }, order: { id: 'ASC' } });
  }

  /** Lineages with a commitment in a municipality's year, a page at a time (by lineage id). */
  async lineagesIn(municipality: string, year: number, after: string | undefined, limit: number): Promise<LineageYear[]> {
    const q = this.commitments
      .createQueryBuilder('c')
      .select('c.lineageId', 'lineageId')
      .addSelect('sum(c.amountCents)::bigint', 'yearCents')
      .where('c.municipality = :municipality AND c.year = :year', { municipality, year });
    if (after !== undefined) q.andWhere('c.lineageId > :after', { after });
    const rows = await q.groupBy('c.lineageId').orderBy('c.lineageId').limit(limit).getRawMany<LineageYear>();
    return rows.map((r) => ({ lineageId: r.lineageId, yearCents: Number(r.yearCents) }));
  }

  /** A municipality's year: the month sums (months without any left out) and how many lineages. */
  async totalIn(municipality: string, year: number): Promise<{ cents: number; lineages: number; months: Array<{ month: string; cents: number }> }> {
    const row = await this.commitments
      .createQueryBuilder('c')
      .select('count(DISTINCT c.lineageId)::int', 'lineages')
      .addSelect(MONTH_SUMS)
      .where('c.municipality = :municipality AND c.year = :year', { municipality, year })
      .getRawOne<MonthSumsRow>();
    const months = Array.from({ length: 12 }, (_, i) => ({ month: `${year}-${String(i + 1).padStart(2, '0')}`, cents: row ? monthSum(row, i + 1) : 0 })).filter((m) => m.cents !== 0);
    return { cents: months.reduce((a, m) => a + m.cents, 0), lineages: row?.lineages ?? 0, months };
  }

  /** Committed cents per month, category and product code of a municipality's year (the budget figures). */
  async committedByMonth(municipality: string, year: number): Promise<UseFigure[]> {
    const rows = await this.commitments
      .createQueryBuilder('c')
      .select('c.category', 'category')
      .addSelect('c.productCode', 'productCode')
      .addSelect(MONTH_SUMS)
      .where('c.municipality = :municipality AND c.year = :year', { municipality, year })
      .groupBy('c.category')
      .addGroupBy('c.productCode')
      .getRawMany<ProductMonthSumsRow>();
    return rows.flatMap((r) =>
      Array.from({ length: 12 }, (_, i) => ({ month: `${year}-${String(i + 1).padStart(2, '0')}-01`, category: r.category, productCode: r.productCode, cents: monthSum(r, i + 1) })),
    );
  }

  async versionsOfLineage(lineageId: string): Promise<ProvisionVersionFacts[]> {
    return (await this.versions.find({ where: { lineageId }, order: { version: 'ASC' } })).map(versionFacts);
  }

  /** The pseudonyms of the residents these versions (any version's provision id) belong to. */
  async pseudonymsOf(provisionIds: string[]): Promise<Map<string, string>> {
    if (!provisionIds.length) return new Map();
    const rows = await this.versions
      .createQueryBuilder('v')
      .select(['v.provisionId', 'v.personPseudonym'])
      .where('v.provisionId = ANY(:provisionIds)', { provisionIds })
      .getMany();
    return new Map(rows.map((r) => [r.provisionId, r.personPseudonym]));
  }
}
