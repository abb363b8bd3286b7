import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';

export interface PayableDeclaration {
  id: string;
  providerAgb: string;
  amountCents: number;
}

export interface BatchRecord {
  id: string;
  municipality: string;
  preparedBy: string;
  preparedOrg: string;
  preparedAt: Date;
  totalCents: number;
  declarationCount: number;
  note: string | null;
  decision: { decision: string; decidedBy: string; decidedAt: Date; comment: string | null } | null;
}

@Injectable()
export class PaymentsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tx() {
    return this.txHost.tx;
  }

  async lockMunicipality(municipality: string): Promise<void> {
    await this.tx.query(`SELECT pg_advisory_xact_lock(hashtext('finance.payments:' || $1))`, [municipality]);
  }

  /** Assessed declarations to this municipality with an approved amount, not in an open or approved batch. */
  async payable(municipality: string, ids: string[] | null, providerAgb: string | null): Promise<PayableDeclaration[]> {
    const rows = await this.tx.query(
      `SELECT d.id, d.provider_agb, (d.approved_debit_cents - d.approved_credit_cents)::bigint AS amount FROM declaration d
        WHERE d.municipality = $1 AND d.status = 'ASSESSED'
          AND ($2::uuid[] IS NULL OR d.id = ANY($2::uuid[])) AND ($3::text IS NULL OR d.provider_agb = $3)
          AND d.approved_debit_cents - d.approved_credit_cents <> 0
          AND NOT EXISTS (SELECT 1 FROM payment_batch_item i LEFT JOIN payment_decision x ON x.batch_id = i.batch_id
                           WHERE i.declaration_id = d.id AND (x.decision IS NULL OR x.decision = 'APPROVED'))
        ORDER BY d.received_at, d.id`,
      [municipality, ids, providerAgb],
    );
    return rows.map((r: { id: string; provider_agb: string; amount: number }) => ({ id: r.id, providerAgb: r.provider_agb, amountCents: Number(r.amount) }));
  }

  async insertBatch(b: { id: string; municipality: string; preparedBy: string; preparedOrg: string; totalCents: number; note: string | null }, items: PayableDeclaration[]): Promise<void> {
    await this.tx.query(
      `INSERT INTO payment_batch (id, municipality, prepared_by, prepared_org, total_cents, declaration_count, note) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [b.id, b.municipality, b.preparedBy, b.preparedOrg, b.totalCents, items.length, b.note],
    );
    await this.tx.query(
      `INSERT INTO payment_batch_item (batch_id, declaration_id, provider_agb, amount_cents)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::bigint[])`,
      [b.id, items.map((i) => i.id), items.map((i) => i.providerAgb), items.map((i) => i.amountCents)],
    );
  }

  async get(id: string): Promise<BatchRecord | undefined> {
    const [row] = await this.tx.query(
      `SELECT b.*, x.decision, x.decided_by, x.decided_at, x.comment FROM payment_batch b
         LEFT JOIN payment_decision x ON x.batch_id = b.id WHERE b.id = $1`,
      [id],
    );
    return row ? batchOf(row) : undefined;
  }

  async items(batchId: string): Promise<Array<{ declarationId: string; providerAgb: string; amountCents: number }>> {
    const rows = await this.tx.query('SELECT declaration_id, provider_agb, amount_cents FROM payment_batch_item WHERE batch_id = $1 ORDER BY provider_agb, declaration_id', [batchId]);
    return rows.map((r: { declaration_id: string; provider_agb: string; amount_cents: number }) => ({ declarationId: r.declaration_id, providerAgb: r.provider_agb, amountCents: Number(r.amount_cents) }));
  }

  async list(municipalities: string[], after: { at: string; id: string } | undefined, limit: number): Promise<BatchRecord[]> {
    const rows = await this.tx.query(
      `SELECT b.*, x.decision, x.decided_by, x.decided_at, x.comment FROM payment_batch b
         LEFT JOIN payment_decision x ON x.batch_id = b.id
        WHERE b.municipality = ANY($1::text[]) AND ($2::timestamptz IS NULL OR (b.prepared_at, b.id) < ($2::timestamptz, $3::uuid))
        ORDER BY b.prepared_at DESC, b.id DESC LIMIT $4`,
      [municipalities, after?.at ?? null, after?.id ?? null, limit],
    );
    return rows.map(batchOf);
  }

  /** Insert the one decision on a batch; false when it was decided already (the unique batch_id). */
  async insertDecision(d: { id: string; batchId: string; decision: string; decidedBy: string; decidedOrg: string; comment: string | null }): Promise<boolean> {
    const rows = await this.tx.query(
      `INSERT INTO payment_decision (id, batch_id, decision, prepared_by, decided_by, decided_org, comment)
       SELECT $1, b.id, $3, b.prepared_by, $4, $5, $6 FROM payment_batch b WHERE b.id = $2
       ON CONFLICT (batch_id) DO NOTHING RETURNING id`,
      [d.id, d.batchId, d.decision, d.decidedBy, d.decidedOrg, d.comment],
    );
    return rows.length > 0;
  }
}

function batchOf(r: Record<string, unknown>): BatchRecord {
  return {
    id: r.id as string,
    municipality: r.municipality as string,
    preparedBy: r.prepared_by as string,
    preparedOrg: r.prepared_org as string,
    preparedAt: r.prepared_at as Date,
    totalCents: Number(r.total_cents),
    declarationCount: r.declaration_count as number,
    note: r.note as string | null,
    decision: r.decision
      ? { decision: r.decision as string, decidedBy: r.decided_by as string, decidedAt: r.decided_at as Date, comment: r.comment as string | null }
      : null,
  };
}
