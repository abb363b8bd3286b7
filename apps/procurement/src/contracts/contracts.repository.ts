import { Injectable } from '@nestjs/common';
import { ContractOptionStatus, ContractStatus, FinancingVariant, IsoDate, Unit } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { randomUUID } from 'crypto';

export interface OptionRecord {
  index: number;
  extendsTo: IsoDate;
  decisionDeadline: IsoDate;
  status: ContractOptionStatus;
  decidedOn: IsoDate | null;
  decidedBy: string | null;
  evaluation: Record<string, unknown> | null;
  notifiedAt: string | null;
}

export interface ProductRecord {
  id: string;
  category: string;
  /** '' = the whole category. */
  code: string;
  variant: FinancingVariant;
  unit: Unit;
  crisis: boolean;
  indexationBp: number | null;
  tariffs: Array<{ year: number; tariffCents: number }>;
}

export interface ContractRecord {
  id: string;
  reference: string;
  providerAgb: string;
  roundId: string | null;
  lot: string | null;
  termStart: IsoDate;
  termEnd: IsoDate;
  initialEnd: IsoDate;
  status: ContractStatus;
  endedOn: IsoDate | null;
  endReason: string | null;
  subcontractors: string[];
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  municipalities: string[];
  options: OptionRecord[];
  products: ProductRecord[];
}

export interface NewContract {
  reference: string;
  providerAgb: string;
  roundId: string | null;
  lot: string | null;
  termStart: IsoDate;
  termEnd: IsoDate;
  status: ContractStatus;
  subcontractors: string[];
  municipalities: string[];
  options: Array<{ extendsTo: IsoDate; decisionDeadline: IsoDate }>;
  products: Array<{
    category: string;
    code: string;
    variant: FinancingVariant;
    unit: Unit;
    crisis: boolean;
    indexationBp: number | null;
    tariffs: Array<{ year: number; tariffCents: number }>;
  }>;
  createdBy: string;
}

export interface OverlapRow {
  contractId: string;
  reference: string;
  municipality: string;
  category: string;
  code: string;
  termStart: IsoDate;
  termEnd: IsoDate;
}

export interface DueOption {
  contractId: string;
  reference: string;
  providerAgb: string;
  municipalities: string[];
  index: number;
  extendsTo: IsoDate;
  decisionDeadline: IsoDate;
  notifiedAt: string | null;
}

const SELECT = `
SELECT c.id, c.reference, c.provider_agb AS "providerAgb", c.round_id AS "roundId", c.lot,
       c.term_start AS "termStart", c.term_end AS "termEnd", c.initial_end AS "initialEnd", c.status,
       c.ended_on AS "endedOn", c.end_reason AS "endReason", c.subcontractors, c.revision,
       c.created_at AS "createdAt", c.updated_at AS "updatedAt",
       ARRAY(SELECT cm.municipality FROM contract_municipality cm WHERE cm.contract_id = c.id ORDER BY cm.municipality) AS municipalities,
       COALESCE((SELECT json_agg(json_build_object(
                  'index', o.idx, 'extendsTo', o.extends_to, 'decisionDeadline', o.decision_deadline, 'status', o.status,
                  'decidedOn', o.decided_on, 'decidedBy', o.decided_by, 'evaluation', o.evaluation, 'notifiedAt', o.notified_at) ORDER BY o.idx)
                   FROM contract_option o WHERE o.contract_id = c.id), '[]') AS options,
       COALESCE((SELECT json_agg(json_build_object(
                  'id', p.id, 'category', p.category, 'code', p.code, 'variant', p.variant, 'unit', p.unit, 'crisis', p.crisis,
                  'indexationBp', p.indexation_bp,
                  'tariffs', COALESCE((SELECT json_agg(json_build_object('year', t.year, 'tariffCents', t.tariff_cents) ORDER BY t.year)
                                         FROM contract_tariff t WHERE t.product_id = p.id), '[]')) ORDER BY p.category, p.code)
                   FROM contracted_product p WHERE p.contract_id = c.id), '[]') AS products
  FROM contract c`;

@Injectable()
export class ContractsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /** Serialises the writes that must see every contract of one provider (the overlap rule). */
  async lockProvider(agb: string): Promise<void> {
    await this.txHost.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`procurement:contracts:${agb}`]);
  }

  /** Inserts the contract with everything under it; undefined when the reference is taken. */
  async insert(c: NewContract): Promise<string | undefined> {
    const id = randomUUID();
    const tx = this.txHost.tx;
    const rows = await tx.query(
      `INSERT INTO contract (id, reference, provider_agb, round_id, lot, term_start, term_end, initial_end, status, subcontractors, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10) ON CONFLICT (reference) DO NOTHING RETURNING id`,
      [id, c.reference, c.providerAgb, c.roundId, c.lot, c.termStart, c.termEnd, c.status, c.subcontractors, c.createdBy],
    );
    if (!rows.length) return undefined;
    await tx.query('INSERT INTO contract_municipality (contract_id, municipality) SELECT $1, unnest($2::text[])', [id, c.municipalities]);
    if (c.options.length) {
      await tx.query(
        `INSERT INTO contract_option (contract_id, idx, extends_to, decision_deadline, status)
         SELECT $1, i, e, d, 'OPEN' FROM unnest($2::int[], $3::date[], $4::date[]) AS o(i, e, d)`,
        [id, c.options.map((_, i) => i + 1), c.options.map((o) => o.extendsTo), c.options.map((o) => o.decisionDeadline)],
      );
    }
    const productIds = c.products.map(() => randomUUID());
    await tx.query(
      `INSERT INTO contracted_product (id, contract_id, category, code, variant, unit, crisis, indexation_bp)
       SELECT pid, $1, cat, code, variant, unit, crisis, bp
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bool[], $8::int[]) AS p(pid, cat, code, variant, unit, crisis, bp)`,
      [
        id,
        productIds,
        c.products.map((p) => p.category),
        c.products.map((p) => p.code),
        c.products.map((p) => p.variant),
        c.products.map((p) => p.unit),
        c.products.map((p) => p.crisis),
        c.products.map((p) => p.indexationBp),
      ],
    );
    const tariffs = c.products.flatMap((p, i) => p.tariffs.map((t) => ({ productId: productIds[i], ...t })));
    if (tariffs.length) {
      await tx.query(
        'INSERT INTO contract_tariff (product_id, year, tariff_cents) SELECT * FROM unnest($1::uuid[], $2::int[], $3::bigint[])',
        [tariffs.map((t) => t.productId), tariffs.map((t) => t.year), tariffs.map((t) => t.tariffCents)],
      );
    }
    return id;
  }

  async find(id: string, forUpdate = false): Promise<ContractRecord | undefined> {
    if (forUpdate) {
      const locked = await this.txHost.tx.query('SELECT provider_agb FROM contract WHERE id = $1 FOR UPDATE', [id]);
      if (!locked.length) return undefined;
    }
    const rows: ContractRecord[] = await this.txHost.tx.query(`${SELECT} WHERE c.id = $1`, [id]);
    return rows[0];
  }

  async byProvider(agb: string): Promise<ContractRecord[]> {
    return this.txHost.tx.query(`${SELECT} WHERE c.provider_agb = $1 ORDER BY c.term_start, c.reference`, [agb]);
  }

  async list(f: {
    providerAgb?: string;
    municipalities?: string[];
    status?: ContractStatus;
    reference?: string;
    category?: string;
    activeOn?: IsoDate;
    after?: string;
    limit: number;
  }): Promise<ContractRecord[]> {
    return this.txHost.tx.query(
      `${SELECT}
        WHERE ($1::text IS NULL OR c.provider_agb = $1)
          AND ($2::text[] IS NULL OR EXISTS (SELECT 1 FROM contract_municipality cm WHERE cm.contract_id = c.id AND cm.municipality = ANY($2)))
          AND ($3::text IS NULL OR c.status = $3)
          AND ($4::text IS NULL OR c.reference = $4)
          AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM contracted_product p WHERE p.contract_id = c.id AND p.category = $5))
          AND ($6::date IS NULL OR (c.term_start <= $6 AND c.term_end >= $6))
          AND ($7::text IS NULL OR c.reference > $7)
        ORDER BY c.reference LIMIT $8`,
      [f.providerAgb ?? null, f.municipalities ?? null, f.status ?? null, f.reference ?? null, f.category ?? null, f.activeOn ?? null, f.after ?? null, f.limit + 1],
    );
  }

  /** Products of the provider's other contracts for these municipalities whose term touches [start, end]. */
  async overlapping(agb: string, municipalities: string[], start: IsoDate, end: IsoDate, excludeId: string | null): Promise<OverlapRow[]> {
    return this.txHost.tx.query(
      `SELECT c.id AS "contractId", c.reference, cm.municipality, p.category, p.code, c.term_start AS "termStart", c.term_end AS "termEnd"
         FROM contract c
         JOIN contract_municipality cm ON cm.contract_id = c.id
         JOIN contracted_product p ON p.contract_id = c.id
        WHERE c.provider_agb = $1 AND cm.municipality = ANY($2::text[]) AND c.term_start <= $4 AND c.term_end >= $3
          AND ($5::uuid IS NULL OR c.id <> $5)
        ORDER BY c.reference, cm.municipality`,
      [agb, municipalities, start, end, excludeId],
    );
  }

  /** Change the contract's own row; every change raises the revision. */
  async update(id: string, f: { termEnd?: IsoDate; status?: ContractStatus; endedOn?: IsoDate; endReason?: string }): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE contract SET term_end = COALESCE($2, term_end), status = COALESCE($3, status), ended_on = COALESCE($4, ended_on),
              end_reason = COALESCE($5, end_reason), revision = revision + 1, updated_at = now()
        WHERE id = $1`,
      [id, f.termEnd ?? null, f.status ?? null, f.endedOn ?? null, f.endReason ?? null],
    );
  }

  async setTariff(productId: string, year: number, tariffCents: number): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO contract_tariff (product_id, year, tariff_cents) VALUES ($1, $2, $3)
       ON CONFLICT (product_id, year) DO UPDATE SET tariff_cents = EXCLUDED.tariff_cents`,
      [productId, year, tariffCents],
    );
  }

  async decideOption(contractId: string, index: number, status: ContractOptionStatus, decidedOn: IsoDate, decidedBy: string, evaluation: object | null): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE contract_option SET status = $3, decided_on = $4, decided_by = $5, evaluation = $6 WHERE contract_id = $1 AND idx = $2`,
      [contractId, index, status, decidedOn, decidedBy, evaluation ? JSON.stringify(evaluation) : null],
    );
  }

  /** Open options from `fromIndex` on lapse (a declined option or an early end leaves nothing to extend). */
  async declineOpenOptions(contractId: string, fromIndex: number, decidedOn: IsoDate, decidedBy: string): Promise<void> {
    await this.txHost.tx.query(
      `UPDATE contract_option SET status = 'DECLINED', decided_on = $3, decided_by = $4
        WHERE contract_id = $1 AND idx >= $2 AND status = 'OPEN'`,
      [contractId, fromIndex, decidedOn, decidedBy],
    );
  }

  /**
   * Claims the open options of active contracts whose decision deadline lies in [from, to] and
   * that were not announced yet; the claim and the event commit together, once per option.
   */
  async claimDueOptions(from: IsoDate, to: IsoDate): Promise<DueOption[]> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows]: [DueOption[], number] = await this.txHost.tx.query(
      `UPDATE contract_option o SET notified_at = now()
         FROM contract c
        WHERE o.contract_id = c.id AND o.status = 'OPEN' AND o.notified_at IS NULL AND c.status = 'ACTIVE'
          AND o.decision_deadline BETWEEN $1 AND $2
        RETURNING o.contract_id AS "contractId", c.reference, c.provider_agb AS "providerAgb", o.idx AS "index",
                  o.extends_to AS "extendsTo", o.decision_deadline AS "decisionDeadline", o.notified_at AS "notifiedAt",
                  ARRAY(SELECT cm.municipality FROM contract_municipality cm WHERE cm.contract_id = c.id ORDER BY cm.municipality) AS municipalities`,
      [from, to],
    );
    return rows;
  }

  async openOptionsDueBy(to: IsoDate, scope: { providerAgb?: string; municipalities?: string[] }): Promise<DueOption[]> {
    return this.txHost.tx.query(
      `SELECT o.contract_id AS "contractId", c.reference, c.provider_agb AS "providerAgb", o.idx AS "index",
              o.extends_to AS "extendsTo", o.decision_deadline AS "decisionDeadline", o.notified_at AS "notifiedAt",
              ARRAY(SELECT cm.municipality FROM contract_municipality cm WHERE cm.contract_id = c.id ORDER BY cm.municipality) AS municipalities
         FROM contract_option o JOIN contract c ON c.id = o.contract_id
        WHERE o.status = 'OPEN' AND c.status = 'ACTIVE' AND o.decision_deadline <= $1
          AND ($2::text IS NULL OR c.provider_agb = $2)
          AND ($3::text[] IS NULL OR EXISTS (SELECT 1 FROM contract_municipality cm WHERE cm.contract_id = c.id AND cm.municipality = ANY($3)))
        ORDER BY o.decision_deadline, c.reference, o.idx`,
      [to, scope.providerAgb ?? null, scope.municipalities ?? null],
    );
  }

  /** Active contracts whose last day has passed. */
  async expiredIds(today: IsoDate): Promise<Array<{ id: string; providerAgb: string }>> {
    return this.txHost.tx.query(`SELECT id, provider_agb AS "providerAgb" FROM contract WHERE status = 'ACTIVE' AND term_end < $1 ORDER BY term_end`, [today]);
  }
}
