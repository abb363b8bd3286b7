import { Injectable } from '@nestjs/common';
import { IsoDate, Unit } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { ProvisionVersionFacts } from '../commitments/commitments.rules';
import { copyIn } from '@vangnet/persistence';
import { versionFromRow } from '../commitments/commitments.repository';
import { deliveredKey, PriorDebit, PriorUse } from './assessment.rules';

export interface DeclarationRecord {
  id: string;
  providerAgb: string;
  municipality: string;
  declarationNumber: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  receivedOn: IsoDate;
  dueDate: IsoDate;
  receivedAt: Date;
  submittedBy: string;
  status: string;
  lineCount: number;
  approvedCount: number;
  rejectedCount: number;
  submittedDebitCents: number;
  submittedCreditCents: number;
  approvedDebitCents: number;
  approvedCreditCents: number;
}

export interface StoredLine {
  lineNo: number;
  reference: string;
  previousReference: string | null;
  referenceOwner: boolean;
  submittedProvisionId: string;
  lineageId: string;
  provisionId: string;
  personId: string;
  responsibleMunicipality: string;
  category: string;
  productCode: string | null;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  volume: number;
  unit: Unit;
  tariffCents: number;
  amountCents: number;
  debitCredit: string;
  approved: boolean;
  reasons: string[];
  approvedCents: number;
  countUnit: string | null;
  countedVolume: number;
}

interface DeclarationRow {
  id: string;
  provider_agb: string;
  municipality: string;
  declaration_number: string;
  period_start: string;
  period_end: string;
  received_on: string;
  due_date: string;
  received_at: Date;
  submitted_by: string;
  status: string;
  line_count: number;
  approved_count: number;
  rejected_count: number;
  submitted_debit_cents: number;
  submitted_credit_cents: number;
  approved_debit_cents: number;
  approved_credit_cents: number;
}

const declarationOf = (r: DeclarationRow): DeclarationRecord => ({
  id: r.id,
  providerAgb: r.provider_agb,
  municipality: r.municipality,
  declarationNumber: r.declaration_number,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  receivedOn: r.received_on,
  dueDate: r.due_date,
  receivedAt: r.received_at,
  submittedBy: r.submitted_by,
  status: r.status,
  lineCount: r.line_count,
  approvedCount: r.approved_count,
  rejectedCount: r.rejected_count,
  submittedDebitCents: r.submitted_debit_cents,
  submittedCreditCents: r.submitted_credit_cents,
  approvedDebitCents: r.approved_debit_cents,
  approvedCreditCents: r.approved_credit_cents,
});

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

  /** One provider's declarations are assessed one at a time (cumulative volume, references). */
  async lockProvider(agb: string): Promise<void> {
    await this.tx.query(`SELECT pg_advisory_xact_lock(hashtext('finance.declarations:' || $1))`, [agb]);
  }

  async numberTaken(agb: string, declarationNumber: string): Promise<boolean> {
    const rows = await this.tx.query('SELECT 1 FROM declaration WHERE provider_agb = $1 AND declaration_number = $2', [agb, declarationNumber]);
    return rows.length > 0;
  }

  /** Every version of the lineages these ids name (an id is any version's provisionId or the lineage id). */
  async assignments(ids: string[]): Promise<ProvisionVersionFacts[]> {
    const rows = await this.tx.query(
      `SELECT provision_id, lineage_id, version, valid_from, period_start, period_end, delivery_form, category, product_code, provider_agb,
              volume_amount, volume_unit, volume_frequency, budget_cents, contract_id, tariff_cents, tariff_unit, variant, municipality,
              responsible_municipality, person_id, person_pseudonym
         FROM provision_version
        WHERE lineage_id IN (SELECT lineage_id FROM provision_version WHERE provision_id = ANY($1::uuid[])
                             UNION SELECT lineage_id FROM provision_version WHERE lineage_id = ANY($1::uuid[]))`,
      [ids],
    );
    return rows.map(versionFromRow);
  }

  async endsOf(lineageIds: string[]): Promise<Map<string, IsoDate>> {
    const rows: Array<{ lineage_id: string; end_date: string }> = await this.tx.query(
      `SELECT DISTINCT ON (lineage_id) lineage_id, end_date FROM lineage_end
        WHERE lineage_id = ANY($1::uuid[]) ORDER BY lineage_id, event_time DESC, event_id DESC`,
      [lineageIds],
    );
    return new Map(rows.map((r) => [r.lineage_id, r.end_date]));
  }

  /** What earlier approved lines used of these assignments, and the debits this declaration's credits name. */
  async priorUse(agb: string, lineageIds: string[], references: string[], previousReferences: string[]): Promise<PriorUse> {
    const use: Array<{ lineage_id: string; count_unit: string | null; volume: number; money: number }> = await this.tx.query(
      `SELECT lineage_id, count_unit,
              sum(CASE WHEN debit_credit = 'DEBIT' THEN counted_volume ELSE -counted_volume END)::bigint AS volume,
              sum(approved_cents)::bigint AS money
         FROM declaration_line WHERE lineage_id = ANY($1::uuid[]) AND approved GROUP BY lineage_id, count_unit`,
      [lineageIds],
    );
    const delivered: Array<{ lineage_id: string; period_start: string; category: string; product_code: string | null }> = await this.tx.query(
      `SELECT l.lineage_id, l.period_start, l.category, l.product_code FROM declaration_line l
        WHERE l.lineage_id = ANY($1::uuid[]) AND l.approved AND l.debit_credit = 'DEBIT'
          AND NOT EXISTS (SELECT 1 FROM declaration_line c WHERE c.provider_agb = l.provider_agb AND c.previous_reference = l.reference
                                                           AND c.debit_credit = 'CREDIT' AND c.approved)`,
      [lineageIds],
    );
    const known: Array<{ reference: string }> = references.length
      ? await this.tx.query('SELECT reference FROM declaration_line WHERE provider_agb = $1 AND reference = ANY($2::text[]) AND reference_owner', [agb, references])
      : [];
    const debits: Array<{
      reference: string;
      lineage_id: string;
      period_start: string;
      period_end: string;
      category: string;
      product_code: string | null;
      volume: number;
      unit: Unit;
      amount_cents: number;
    }> = previousReferences.length
      ? await this.tx.query(
          `SELECT reference, lineage_id, period_start, period_end, category, product_code, volume, unit, amount_cents FROM declaration_line
            WHERE provider_agb = $1 AND reference = ANY($2::text[]) AND reference_owner AND approved AND debit_credit = 'DEBIT'`,
          [agb, previousReferences],
        )
      : [];
    const credited: Array<{ previous_reference: string }> = previousReferences.length
      ? await this.tx.query(
          `SELECT previous_reference FROM declaration_line WHERE provider_agb = $1 AND previous_reference = ANY($2::text[]) AND debit_credit = 'CREDIT' AND approved`,
          [agb, previousReferences],
        )
      : [];
    const prior: PriorUse = {
      volume: new Map(),
      money: new Map(),
      delivered: new Set(delivered.map((d) => deliveredKey(d.lineage_id, d.period_start, d.category, d.product_code))),
      references: new Set(known.map((k) => k.reference)),
      debits: new Map(
        debits.map((d): [string, PriorDebit] => [
          d.reference,
          {
            reference: d.reference,
            lineageId: d.lineage_id,
            periodStart: d.period_start,
            periodEnd: d.period_end,
            category: d.category,
            productCode: d.product_code,
            volume: Number(d.volume),
            unit: d.unit,
            amountCents: Number(d.amount_cents),
          },
        ]),
      ),
      credited: new Set(credited.map((c) => c.previous_reference)),
    };
    for (const u of use) {
      if (u.count_unit) prior.volume.set(`${u.lineage_id}|${u.count_unit}`, Number(u.volume));
      prior.money.set(u.lineage_id, (prior.money.get(u.lineage_id) ?? 0) + Number(u.money));
    }
    return prior;
  }

  async insertDeclaration(d: Omit<DeclarationRecord, 'receivedAt'>): Promise<void> {
    await this.tx.query(
      `INSERT INTO declaration (id, provider_agb, municipality, declaration_number, period_start, period_end, received_on, due_date,
         submitted_by, status, line_count, approved_count, rejected_count, submitted_debit_cents, submitted_credit_cents,
         approved_debit_cents, approved_credit_cents)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        d.id,
        d.providerAgb,
        d.municipality,
        d.declarationNumber,
        d.periodStart,
        d.periodEnd,
        d.receivedOn,
        d.dueDate,
        d.submittedBy,
        d.status,
        d.lineCount,
        d.approvedCount,
        d.rejectedCount,
        d.submittedDebitCents,
        d.submittedCreditCents,
        d.approvedDebitCents,
        d.approvedCreditCents,
      ],
    );
  }

  async insertLines(declarationId: string, providerAgb: string, payer: string, lines: StoredLine[]): Promise<void> {
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
  async addSpend(rows: Array<{ providerAgb: string; municipality: string; year: number; deltaCents: number }>): Promise<Array<{ providerAgb: string; municipality: string; year: number; spendCents: number; sequence: number }>> {
    if (!rows.length) return [];
    const sorted = [...rows].sort((a, b) => (a.municipality === b.municipality ? a.year - b.year : a.municipality < b.municipality ? -1 : 1));
    const out: Array<{ provider_agb: string; municipality: string; year: number; spend_cents: number; sequence: number }> = await this.tx.query(
      `INSERT INTO spend (provider_agb, municipality, year, spend_cents, sequence)
       SELECT p, m, y, d, 1 FROM unnest($1::text[], $2::text[], $3::int[], $4::bigint[]) AS u(p, m, y, d)
       ON CONFLICT (provider_agb, municipality, year) DO UPDATE SET spend_cents = spend.spend_cents + EXCLUDED.spend_cents, sequence = spend.sequence + 1
       RETURNING provider_agb, municipality, year, spend_cents, sequence`,
      [sorted.map((r) => r.providerAgb), sorted.map((r) => r.municipality), sorted.map((r) => r.year), sorted.map((r) => r.deltaCents)],
    );
    return out.map((r) => ({ providerAgb: r.provider_agb, municipality: r.municipality, year: r.year, spendCents: Number(r.spend_cents), sequence: r.sequence }));
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

  async get(id: string): Promise<DeclarationRecord | undefined> {
    const [row] = await this.tx.query('SELECT * FROM declaration WHERE id = $1', [id]);
    return row ? declarationOf(row) : undefined;
  }

  async list(f: { providerAgb?: string; municipalities?: string[] | null; after?: { at: string; id: string }; limit: number }): Promise<DeclarationRecord[]> {
    const rows: DeclarationRow[] = await this.tx.query(
      `SELECT * FROM declaration
        WHERE ($1::text IS NULL OR provider_agb = $1) AND ($2::text[] IS NULL OR municipality = ANY($2::text[]))
          AND ($3::timestamptz IS NULL OR (received_at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY received_at DESC, id DESC LIMIT $5`,
      [f.providerAgb ?? null, f.municipalities ?? null, f.after?.at ?? null, f.after?.id ?? null, f.limit],
    );
    return rows.map(declarationOf);
  }

  async lines(
    declarationId: string,
    status: 'APPROVED' | 'REJECTED' | undefined,
    afterLineNo: number,
    limit: number,
  ): Promise<Array<StoredLine & { personPseudonym: string | null }>> {
    const rows = await this.tx.query(
      `SELECT l.*, v.person_pseudonym FROM declaration_line l LEFT JOIN provision_version v ON v.provision_id = l.provision_id
        WHERE l.declaration_id = $1 AND l.line_no > $2 AND ($3::bool IS NULL OR l.approved = $3)
        ORDER BY l.line_no LIMIT $4`,
      [declarationId, afterLineNo, status === undefined ? null : status === 'APPROVED', limit],
    );
    return rows.map((r: Record<string, unknown>) => ({
      lineNo: r.line_no as number,
      reference: r.reference as string,
      previousReference: r.previous_reference as string | null,
      referenceOwner: r.reference_owner as boolean,
      submittedProvisionId: r.submitted_provision_id as string,
      lineageId: r.lineage_id as string,
      provisionId: r.provision_id as string,
      personId: r.person_id as string,
      responsibleMunicipality: r.responsible_municipality as string,
      category: r.category as string,
      productCode: r.product_code as string | null,
      periodStart: r.period_start as string,
      periodEnd: r.period_end as string,
      volume: Number(r.volume),
      unit: r.unit as Unit,
      tariffCents: Number(r.tariff_cents),
      amountCents: Number(r.amount_cents),
      debitCredit: r.debit_credit as string,
      approved: r.approved as boolean,
      reasons: r.reasons as string[],
      approvedCents: Number(r.approved_cents),
      countUnit: r.count_unit as string | null,
      countedVolume: Number(r.counted_volume),
      personPseudonym: r.person_pseudonym as string | null,
    }));
  }
}
