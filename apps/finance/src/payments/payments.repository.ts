import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { PaymentBatchEntity, PaymentBatchInstalmentEntity, PaymentBatchItemEntity, PaymentDecisionEntity } from './payments.entity';

/** A batch with its decision, when it has one. */
export interface BatchRecord extends PaymentBatchEntity {
  decision: PaymentDecisionEntity | null;
}

export type NewBatch = Pick<PaymentBatchEntity, 'id' | 'municipality' | 'preparedBy' | 'preparedOrg' | 'totalCents' | 'note'>;
export type BatchItem = Pick<PaymentBatchItemEntity, 'declarationId' | 'providerAgb' | 'amountCents'>;
export type BatchInstalment = Pick<PaymentBatchInstalmentEntity, 'subsidyId' | 'seq' | 'organisationAgb' | 'amountCents'>;

/** An instalment's batch and that batch's state. */
export interface InstalmentBatchRow {
  subsidyId: string;
  seq: number;
  batchId: string;
  decision: string | null;
}

@Injectable()
export class PaymentsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get batches(): Repository<PaymentBatchEntity> {
    return this.txHost.tx.getRepository(PaymentBatchEntity);
  }

  private get items(): Repository<PaymentBatchItemEntity> {
    return this.txHost.tx.getRepository(PaymentBatchItemEntity);
  }

  private get instalments(): Repository<PaymentBatchInstalmentEntity> {
    return this.txHost.tx.getRepository(PaymentBatchInstalmentEntity);
  }

  private get decisions(): Repository<PaymentDecisionEntity> {
    return this.txHost.tx.getRepository(PaymentDecisionEntity);
  }

  /** One batch at a time per paying municipality. */
  async lockMunicipality(municipality: string): Promise<void> {
    await this.txHost.tx.query(`SELECT pg_advisory_xact_lock(hashtext('finance.payments:' || $1))`, [municipality]);
  }

  /** Of these declarations, the ones in a batch that is open (not decided) or approved. */
  async held(declarationIds: string[]): Promise<Set<string>> {
    if (!declarationIds.length) return new Set();
    const rows = await this.items
      .createQueryBuilder('i')
      .select('i.declarationId', 'declarationId')
      .leftJoin(PaymentDecisionEntity, 'x', 'x.batchId = i.batchId')
      .where('i.declarationId = ANY(:declarationIds)', { declarationIds })
      .andWhere(`(x.decision IS NULL OR x.decision = 'APPROVED')`)
      .getRawMany<{ declarationId: string }>();
    return new Set(rows.map((r) => r.declarationId));
  }

  /** Instalments of these subsidies in a batch that is open (not decided) or approved, with the batch's decision. */
  async instalmentBatches(subsidyIds: string[]): Promise<InstalmentBatchRow[]> {
    if (!subsidyIds.length) return [];
    return this.instalments
      .createQueryBuilder('i')
      .select('i.subsidyId', 'subsidyId')
      .addSelect('i.seq', 'seq')
      .addSelect('i.batchId', 'batchId')
      .addSelect('x.decision', 'decision')
      .leftJoin(PaymentDecisionEntity, 'x', 'x.batchId = i.batchId')
      .where('i.subsidyId = ANY(:subsidyIds)', { subsidyIds })
      .andWhere(`(x.decision IS NULL OR x.decision = 'APPROVED')`)
      .getRawMany<InstalmentBatchRow>();
  }

  async insertBatch(b: NewBatch, items: BatchItem[], instalments: BatchInstalment[] = []): Promise<void> {
    await this.batches.insert({ ...b, declarationCount: items.length, instalmentCount: instalments.length });
    if (items.length) await this.items.insert(items.map((i) => ({ ...i, batchId: b.id })));
    if (instalments.length) await this.instalments.insert(instalments.map((i) => ({ ...i, batchId: b.id })));
  }

  instalmentsOf(batchId: string): Promise<PaymentBatchInstalmentEntity[]> {
    return this.instalments.find({ where: { batchId }, order: { organisationAgb: 'ASC', subsidyId: 'ASC', seq: 'ASC' } });
  }

  async get(id: string): Promise<BatchRecord | undefined> {
    const batch = await this.batches.findOneBy({ id });
    return batch ? { ...batch, decision: await this.decisions.findOneBy({ batchId: id }) } : undefined;
  }

  itemsOf(batchId: string): Promise<PaymentBatchItemEntity[]> {
    return this.items.find({ where: { batchId }, order: { providerAgb: 'ASC', declarationId: 'ASC' } });
  }

  /** Newest first, a page at a time, after the batch `after` (its preparation time to the microsecond, as PostgreSQL keeps it). */
  async list(municipalities: string[], after: string | undefined, limit: number): Promise<BatchRecord[]> {
    const q = this.batches.createQueryBuilder('b').where('b.municipality = ANY(:municipalities)', { municipalities });
    if (after) q.andWhere('(b.preparedAt, b.id) < (SELECT a.prepared_at, a.id FROM payment_batch a WHERE a.id = CAST(:after AS uuid))', { after });
    const batches = await q.orderBy('b.preparedAt', 'DESC').addOrderBy('b.id', 'DESC').limit(limit).getMany();
    if (!batches.length) return [];
    const decisions = await this.decisions.createQueryBuilder('x').where('x.batchId = ANY(:ids)', { ids: batches.map((b) => b.id) }).getMany();
    return batches.map((b) => ({ ...b, decision: decisions.find((d) => d.batchId === b.id) ?? null }));
  }

  /** Insert the one decision on a batch; false when it was decided already (the unique batch_id). */
  async insertDecision(d: Pick<PaymentDecisionEntity, 'id' | 'batchId' | 'decision' | 'preparedBy' | 'decidedBy' | 'decidedOrg' | 'comment'>): Promise<boolean> {
    const result = await this.decisions.createQueryBuilder().insert().values(d).orIgnore().returning('id').execute();
    const inserted: unknown[] = result.raw;
    return inserted.length > 0;
  }
}
