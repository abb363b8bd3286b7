import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DECLARATIONS_BUCKET, IsoDate } from '@vangnet/contracts';
import { bucketName, deleteObjectsBefore, existingBucket, NATS_CONNECTION } from '@vangnet/messaging';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { AMSTERDAM_DAY_START, countDeleted, RetentionJob, RetentionKind } from '@vangnet/platform';
import { NatsConnection } from 'nats';

/**
 * The exchange's part of retention (docs/operations.md "Retention"): its archive of messages as
 * exchanged and the declarations answered from them (EXCHANGE_ARCHIVE), and the declaration
 * objects it hands to finance (OBJECT_STORE). A message still waiting (for its retour or answer,
 * or in the provider's mailbox) is kept, whatever its age.
 */
@Injectable()
export class ArchiveRetention implements OnModuleInit {
  constructor(
    private readonly retention: RetentionJob,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
  ) {}

  onModuleInit(): void {
    this.retention.register({
      name: 'exchange_message',
      kind: RetentionKind.EXCHANGE_ARCHIVE,
      transactional: true,
      purge: (keepFrom, limit) =>
        this.deleted(
          `DELETE FROM message WHERE id IN (
             SELECT id FROM message WHERE received_at < ${AMSTERDAM_DAY_START} AND awaiting IS NULL AND status <> 'WAITING' ORDER BY received_at LIMIT $2
           ) RETURNING 1`,
          keepFrom,
          limit,
        ),
    });
    this.retention.register({
      name: 'exchange_declaration',
      kind: RetentionKind.EXCHANGE_ARCHIVE,
      transactional: true,
      purge: (keepFrom, limit) =>
        this.deleted(`DELETE FROM declaration WHERE id IN (SELECT id FROM declaration WHERE received_on < $1::date AND status = 'ANSWERED' LIMIT $2) RETURNING 1`, keepFrom, limit),
    });
    this.retention.register({
      name: 'declaration_objects',
      kind: RetentionKind.OBJECT_STORE,
      purge: async (keepFrom, limit) => {
        const store = await existingBucket(this.nc, bucketName(DECLARATIONS_BUCKET));
        if (!store) return 0;
        const [{ t }] = await this.txHost.tx.query(`SELECT ${AMSTERDAM_DAY_START} AS t`, [keepFrom]);
        return deleteObjectsBefore(store, new Date(t), limit);
      },
    });
  }

  private deleted(sql: string, keepFrom: IsoDate, limit: number): Promise<number> {
    return countDeleted(this.txHost, sql, [keepFrom, limit]);
  }
}
