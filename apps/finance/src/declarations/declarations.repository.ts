import { Injectable } from '@nestjs/common';
import { IsoDate, Unit } from '@vangnet/contracts';
import { copyIn, TransactionalAdapterTypeOrm, TransactionHost, unnest } from '@vangnet/persistence';
import { FindOptionsWhere, In, Repository, SelectQueryBuilder } from 'typeorm';
import { deliveredKey, PriorUse } from './assessment.rules';
import { DeclarationEntity, DeclarationLineEntity, DeclarationReceiptEntity, SpendEntity } from './declarations.entity';
import { DeclarationRecord, SpendDelta, StoredLine } from './declarations.rules';

/** The cumulative spend after adding, with the report's sequence. */
export interface SpendTotal {
  providerAgb: string;
  municipality: string;
  year: number;
  spendCents: number;
  sequence: number;
}

/** What the spend upsert returns (ADR 0007: the query builder cannot add to a column on conflict). */
interface SpendRow {
  provider_agb: string;
  municipality: string;
  year: number;
  spend_cents: number;
  sequence: number;
}

/** Approved volume and money of a lineage so far, per count unit. */
interface PriorVolumeRow {
  lineageId: string;
  countUnit: Unit | null;
  volume: number;
  money: number;
}

/** Approved cents (net of credits) and distinct residents of a group of lines. */
export interface CostRow {
  cents: number;
  clients: number;
}

export interface CategoryCost extends CostRow {
  category: string;
}

/** What `responsible` owes `payer`: approved lines paid by one for care the other is responsible for. */
export interface PairTotals extends CostRow {
  lines: number;
  months: Array<{ month: string; cents: number }>;
  categories: CategoryCost[];
  providers: Array<{ providerAgb: string; cents: number }>;
}

export interface PairCost extends CostRow {
  responsible: string;
  payer: string;
}

/** A resident's approved cents in one category for one product period. */
export interface PersonCost {
  personId: string;
  category: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  cents: number;
}

/** An assessed declaration with an approved amount to pay. */
export interface PayableDeclaration {
  id: string;
  providerAgb: string;
  amountCents: number;
}

interface RealisedRow {
  month: IsoDate;
  category: string;
  productCode: string | null;
  cents: number;
}

interface PairTotalsRow extends CostRow {
  lines: number;
}

interface MonthCostRow {
  month: string;
  cents: number;
}

interface ProviderCostRow {
  providerAgb: string;
  cents: number;
}

/** An approved debit not credited: a month delivered. */
interface DeliveredRow {
  lineageId: string;
  periodStart: IsoDate;
  category: string;
  productCode: string | null;
}

/** The columns COPY writes, in order (ADR 0007: the bulk of a 100,000-line declaration's time is here). */
const LINE_COLUMNS = [
  'declaration_id',
  'provider_agb',
  'payer_municipality',
  'line_no',
  'reference',
  'previous_reference',
  'reference_owner',
  'submitted_provision_id',
  'lineage_id',
  'provision_id',
  'person_id',
  'responsible_municipality',
  'category',
  'product_code',
  'period_start',
  'period_end',
  'volume',
  'unit',
  'tariff_cents',
  'amount_cents',
  'debit_credit',
  'approved',
  'reasons',
  'approved_cents',
  'count_unit',
  'counted_volume',
] as const;

@Injectable()
export class DeclarationsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tx() {
    return this.txHost.tx;
  }

  private get declarations(): Repository<DeclarationEntity> {
    return this.tx.getRepository(DeclarationEntity);
  }

  private get lineRows(): Repository<DeclarationLineEntity> {
    return this.tx.getRepository(DeclarationLineEntity);
  }

  /** One provider's declarations are assessed one at a time (cumulative volume, references). */
  async lockProvider(agb: string): Promise<void> {
    await this.tx.query(`SELECT pg_advisory_xact_lock(hashtext('finance.declarations:' || $1))`, [agb]);
  }

  numberTaken(providerAgb: string, declarationNumber: string): Promise<boolean> {
    return this.declarations.existsBy({ providerAgb, declarationNumber });
  }

  /** What earlier approved lines used of these assignments, and the debits this declaration's credits name. */
  async priorUse(agb: string, lineageIds: string[], references: string[], previousReferences: string[]): Promise<PriorUse> {
    const use = await this.lineRows
      .createQueryBuilder('l')
      .select('l.lineageId', 'lineageId')
      .addSelect('l.countUnit', 'countUnit')
      .addSelect(`sum(CASE WHEN l.debitCredit = 'DEBIT' THEN l.countedVolume ELSE 0 - l.countedVolume END)::bigint`, 'volume')
      .addSelect('sum(l.approvedCents)::bigint', 'money')
      .where('l.lineageId = ANY(:lineageIds) AND l.approved', { lineageIds })
      .groupBy('l.lineageId')
      .addGroupBy('l.countUnit')
      .getRawMany<PriorVolumeRow>();
    // Approved debits not reversed by an approved credit: a month delivered.
    const delivered = await this.lineRows
      .createQueryBuilder('l')
      .select('l.lineageId', 'lineageId')
      .addSelect('l.periodStart', 'periodStart')
      .addSelect('l.category', 'category')
      .addSelect('l.productCode', 'productCode')
      .where(`l.lineageId = ANY(:lineageIds) AND l.approved AND l.debitCredit = 'DEBIT'`, { lineageIds })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM declaration_line c WHERE c.provider_agb = l.provider_agb AND c.previous_reference = l.reference
                                                         AND c.debit_credit = 'CREDIT' AND c.approved)`,
      )
      .getRawMany<DeliveredRow>();
    const known = references.length
      ? await this.lineRows
          .createQueryBuilder('l')
          .select('l.reference', 'reference')
          .where('l.providerAgb = :agb AND l.reference = ANY(:references) AND l.referenceOwner', { agb, references })
          .getRawMany<{ reference: string }>()
      : [];
    const debits = previousReferences.length
      ? await this.lineRows
          .createQueryBuilder('l')
          .where(`l.providerAgb = :agb AND l.reference = ANY(:previousReferences) AND l.referenceOwner AND l.approved AND l.debitCredit = 'DEBIT'`, { agb, previousReferences })
          .getMany()
      : [];
    const credited = previousReferences.length
      ? await this.lineRows
          .createQueryBuilder('l')
          .select('l.previousReference', 'previousReference')
          .where(`l.providerAgb = :agb AND l.previousReference = ANY(:previousReferences) AND l.debitCredit = 'CREDIT' AND l.approved`, { agb, previousReferences })
          .getRawMany<{ previousReference: string }>()
      : [];
    const prior: PriorUse = {
      volume: new Map(),
      money: new Map(),
      delivered: new Set(delivered.map((d) => deliveredKey(d.lineageId, d.periodStart, d.category, d.productCode))),
      references: new Set(known.map((k) => k.reference)),
      debits: new Map(debits.map((d) => [d.reference, d])),
      credited: new Set(credited.map((c) => c.previousReference)),
    };
    for (const u of use) {
      if (u.countUnit) prior.volume.set(`${u.lineageId}|${u.countUnit}`, Number(u.volume));
      prior.money.set(u.lineageId, (prior.money.get(u.lineageId) ?? 0) + Number(u.money));
    }
    return prior;
  }

  async insertDeclaration(d: DeclarationRecord): Promise<void> {
    await this.declarations.insert(d);
  }

  async insertLines(declarationId: string, providerAgb: string, payer: string, lines: readonly StoredLine[]): Promise<void> {
    // COPY on the transaction's connection: the bulk of a 100,000-line declaration's time is here.
    await copyIn(
      this.tx,
      'declaration_line',
      LINE_COLUMNS,
      lines.map((l) => [
        declarationId,
        providerAgb,
        payer,
        l.lineNo,
        l.reference,
        l.previousReference,
        l.referenceOwner,
        l.submittedProvisionId,
        l.lineageId,
        l.provisionId,
        l.personId,
        l.responsibleMunicipality,
        l.category,
        l.productCode,
        l.periodStart,
        l.periodEnd,
        l.volume,
        l.unit,
        l.tariffCents,
        l.amountCents,
        l.debitCredit,
        l.approved,
        l.reasons,
        l.approvedCents,
        l.countUnit,
        l.countedVolume,
      ]),
    );
  }

  /** Add approved amounts to the cumulative spend and return the new totals with their next sequence. */
  async addSpend(rows: readonly SpendDelta[]): Promise<SpendTotal[]> {
    if (!rows.length) return [];
    const sorted = [...rows].sort((a, b) => (a.municipality === b.municipality ? a.year - b.year : a.municipality < b.municipality ? -1 : 1));
    const u = unnest(sorted, {
      provider_agb: ['text', (r) => r.providerAgb],
      municipality: ['text', (r) => r.municipality],
      year: ['int', (r) => r.year],
      spend_cents: ['bigint', (r) => r.deltaCents],
    });
    const out: SpendRow[] = await this.tx.query(
      `INSERT INTO spend (${u.columns}, sequence) SELECT ${u.columns}, 1 FROM ${u.from}
       ON CONFLICT (provider_agb, municipality, year) DO UPDATE SET spend_cents = spend.spend_cents + EXCLUDED.spend_cents, sequence = spend.sequence + 1
       RETURNING provider_agb, municipality, year, spend_cents, sequence`,
      u.params,
    );
    return out.map((r) => ({ providerAgb: r.provider_agb, municipality: r.municipality, year: r.year, spendCents: r.spend_cents, sequence: r.sequence }));
  }

  /** What became of a declaration the exchange handed over by reference, if it came before. */
  async receiptOf(declarationRef: string): Promise<DeclarationReceiptEntity | undefined> {
    return (await this.tx.getRepository(DeclarationReceiptEntity).findOneBy({ declarationRef })) ?? undefined;
  }

  async insertReceipt(r: Omit<DeclarationReceiptEntity, 'receivedAt'>): Promise<void> {
    await this.tx.getRepository(DeclarationReceiptEntity).insert(r);
  }

  async get(id: string): Promise<DeclarationEntity | undefined> {
    return (await this.declarations.findOneBy({ id })) ?? undefined;
  }

  /**
   * Newest first, a page at a time, after the declaration `after` (its own receipt time as
   * PostgreSQL keeps it, to the microsecond: a Date's milliseconds would pass over the rows later
   * in the same millisecond); `municipalities` undefined: every municipality.
   */
  async list(f: { providerAgb?: string; municipalities?: string[]; after?: string; limit: number }): Promise<DeclarationEntity[]> {
    const q = this.declarations.createQueryBuilder('d');
    if (f.providerAgb !== undefined) q.andWhere('d.providerAgb = :providerAgb', { providerAgb: f.providerAgb });
    if (f.municipalities !== undefined) q.andWhere('d.municipality = ANY(:municipalities)', { municipalities: f.municipalities });
    if (f.after) q.andWhere('(d.receivedAt, d.id) < (SELECT a.received_at, a.id FROM declaration a WHERE a.id = CAST(:after AS uuid))', { after: f.after });
    return q.orderBy('d.receivedAt', 'DESC').addOrderBy('d.id', 'DESC').limit(f.limit).getMany();
  }

  /** A page of a declaration's lines after `afterLineNo`, all or only the approved or rejected ones. */
  linesOf(declarationId: string, status: 'APPROVED' | 'REJECTED' | undefined, afterLineNo: number, limit: number): Promise<DeclarationLineEntity[]> {
    const q = this.lineRows.createQueryBuilder('l').where('l.declarationId = :declarationId AND l.lineNo > :afterLineNo', { declarationId, afterLineNo });
    if (status !== undefined) q.andWhere('l.approved = :approved', { approved: status === 'APPROVED' });
    return q.orderBy('l.lineNo').limit(limit).getMany();
  }

  // Figures over approved lines (net of credits) for budgets, reports, settlements and payments.

  /** Approved lines whose care `responsible` pays, delivered from `from` to `to` (by the product period's start). */
  private approvedIn(responsible: string | undefined, from: IsoDate, to: IsoDate) {
    const q = this.lineRows.createQueryBuilder('l').where('l.approved AND l.periodStart BETWEEN :from AND :to', { from, to });
    if (responsible !== undefined) q.andWhere('l.responsibleMunicipality = :responsible', { responsible });
    return q;
  }

  /** Realised cents per month delivered (its first day), category and product code of a municipality's year. */
  realisedByMonth(municipality: string, year: number): Promise<RealisedRow[]> {
    return this.approvedIn(municipality, `${year}-01-01`, `${year}-12-31`)
      .select(`to_char(date_trunc('month', l.periodStart), 'YYYY-MM-DD')`, 'month')
      .addSelect('l.category', 'category')
      .addSelect('l.productCode', 'productCode')
      .addSelect('sum(l.approvedCents)::bigint', 'cents')
      .groupBy(`date_trunc('month', l.periodStart)`)
      .addGroupBy('l.category')
      .addGroupBy('l.productCode')
      .getRawMany<RealisedRow>();
  }

  /** Approved cents and distinct residents per category of these lines. */
  private byCategory(lines: SelectQueryBuilder<DeclarationLineEntity>): Promise<CategoryCost[]> {
    return lines
      .select('l.category', 'category')
      .addSelect('sum(l.approvedCents)::bigint', 'cents')
      .addSelect('count(DISTINCT l.personId)::int', 'clients')
      .groupBy('l.category')
      .orderBy('l.category')
      .getRawMany<CategoryCost>();
  }

  /** A municipality's year: approved cents and distinct residents, per category and in all. */
  async costPerCategory(municipality: string, year: number): Promise<{ total: CostRow; categories: CategoryCost[] }> {
    const lines = () => this.approvedIn(municipality, `${year}-01-01`, `${year}-12-31`);
    const total = await lines().select('coalesce(sum(l.approvedCents), 0)::bigint', 'cents').addSelect('count(DISTINCT l.personId)::int', 'clients').getRawOne<CostRow>();
    const categories = await this.byCategory(lines());
    return { total: total ?? { cents: 0, clients: 0 }, categories };
  }

  /** These residents' approved cents per category and product period in a municipality's year. */
  costsOf(municipality: string, year: number, personIds: string[]): Promise<PersonCost[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.approvedIn(municipality, `${year}-01-01`, `${year}-12-31`)
      .andWhere('l.personId = ANY(:personIds)', { personIds })
      .select('l.personId', 'personId')
      .addSelect('l.category', 'category')
      .addSelect('l.periodStart', 'periodStart')
      .addSelect('l.periodEnd', 'periodEnd')
      .addSelect('sum(l.approvedCents)::bigint', 'cents')
      .groupBy('l.personId')
      .addGroupBy('l.category')
      .addGroupBy('l.periodStart')
      .addGroupBy('l.periodEnd')
      .getRawMany<PersonCost>();
  }

  /** Approved amounts paid by `payer` for care `responsible` is responsible for, delivered in [from, to]. */
  async between(responsible: string, payer: string, from: IsoDate, to: IsoDate): Promise<PairTotals> {
    const lines = () => this.approvedIn(responsible, from, to).andWhere('l.payerMunicipality = :payer', { payer });
    const totals = await lines()
      .select('coalesce(sum(l.approvedCents), 0)::bigint', 'cents')
      .addSelect('count(*)::int', 'lines')
      .addSelect('count(DISTINCT l.personId)::int', 'clients')
      .getRawOne<PairTotalsRow>();
    const months = await lines()
      .select(`to_char(date_trunc('month', l.periodStart), 'YYYY-MM')`, 'month')
      .addSelect('sum(l.approvedCents)::bigint', 'cents')
      .groupBy(`date_trunc('month', l.periodStart)`)
      .orderBy(`date_trunc('month', l.periodStart)`)
      .getRawMany<MonthCostRow>();
    const categories = await this.byCategory(lines());
    const providers = await lines()
      .select('l.providerAgb', 'providerAgb')
      .addSelect('sum(l.approvedCents)::bigint', 'cents')
      .groupBy('l.providerAgb')
      .orderBy('l.providerAgb')
      .getRawMany<ProviderCostRow>();
    return { cents: totals?.cents ?? 0, lines: totals?.lines ?? 0, clients: totals?.clients ?? 0, months, categories, providers };
  }

  /** Costs per responsible municipality and who paid them, delivered in [from, to]. */
  matrix(from: IsoDate, to: IsoDate): Promise<PairCost[]> {
    return this.approvedIn(undefined, from, to)
      .select('l.responsibleMunicipality', 'responsible')
      .addSelect('l.payerMunicipality', 'payer')
      .addSelect('sum(l.approvedCents)::bigint', 'cents')
      .addSelect('count(DISTINCT l.personId)::int', 'clients')
      .groupBy('l.responsibleMunicipality')
      .addGroupBy('l.payerMunicipality')
      .orderBy('l.responsibleMunicipality')
      .addOrderBy('l.payerMunicipality')
      .getRawMany<PairCost>();
  }

  /** Assessed declarations to this municipality with a non-zero approved amount, oldest first. */
  async payable(municipality: string, ids: string[] | undefined, providerAgb: string | undefined): Promise<PayableDeclaration[]> {
    const q = this.declarations
      .createQueryBuilder('d')
      .where(`d.municipality = :municipality AND d.status = 'ASSESSED' AND d.approvedDebitCents <> d.approvedCreditCents`, { municipality });
    if (ids !== undefined) q.andWhere('d.id = ANY(:ids)', { ids });
    if (providerAgb !== undefined) q.andWhere('d.providerAgb = :providerAgb', { providerAgb });
    const rows = await q.orderBy('d.receivedAt').addOrderBy('d.id').getMany();
    return rows.map((d) => ({ id: d.id, providerAgb: d.providerAgb, amountCents: d.approvedDebitCents - d.approvedCreditCents }));
  }

  /** Cumulative spend as reported to procurement; `municipalities` undefined: every municipality. */
  spendOf(f: { providerAgb?: string; municipalities?: string[]; year?: number }): Promise<SpendEntity[]> {
    const where: FindOptionsWhere<SpendEntity> = {};
    if (f.providerAgb !== undefined) where.providerAgb = f.providerAgb;
    if (f.municipalities !== undefined) where.municipality = In(f.municipalities);
    if (f.year !== undefined) where.year = f.year;
    return this.tx.getRepository(SpendEntity).find({ where, order: { year: 'ASC', municipality: 'ASC', providerAgb: 'ASC' }, take: 1000 });
  }
}
