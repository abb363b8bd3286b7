import { Injectable } from '@nestjs/common';
import { MetricsService } from '@vangnet/observability';
import { DataSource, FindOptionsWhere, IsNull, Repository } from 'typeorm';
import { DeadLetterEntity } from './dead-letter.entity';

/** A dead letter as the API shows it: the row itself. */
export type DeadLetter = DeadLetterEntity;

export interface NewDeadLetter {
  consumer: string;
  messageId?: string;
  subject: string;
  streamSequence?: number;
  deliveries: number;
  errorCode: string;
  reason: string;
  payload: string;
}

interface OpenCount {
  consumer: string;
  n: number;
}

@Injectable()
export class DeadLetterStore {
  private readonly rows: Repository<DeadLetterEntity>;

  constructor(dataSource: DataSource, metrics: MetricsService) {
    this.rows = dataSource.getRepository(DeadLetterEntity);
    metrics.addCollector(async () => {
      const counts = await this.rows
        .createQueryBuilder('d')
        .select('d.consumer', 'consumer')
        .addSelect('count(*)::int', 'n')
        .where('d.resolvedAt IS NULL')
        .groupBy('d.consumer')
        .getRawMany<OpenCount>();
      metrics.deadLetters.reset();
      for (const c of counts) metrics.deadLetters.set({ consumer: c.consumer }, c.n);
    });
  }

  async add(d: NewDeadLetter): Promise<void> {
    await this.rows.insert({
      consumer: d.consumer,
      messageId: d.messageId ?? null,
      subject: d.subject,
      streamSequence: d.streamSequence ?? null,
      deliveries: d.deliveries,
      errorCode: d.errorCode,
      reason: d.reason.slice(0, 4000),
      payload: d.payload,
    });
  }

  list(filter: { consumer?: string; includeResolved?: boolean; limit?: number }): Promise<DeadLetter[]> {
    // TypeORM refuses undefined in a where: add only the filters given.
    const where: FindOptionsWhere<DeadLetterEntity> = {};
    if (filter.consumer !== undefined) where.consumer = filter.consumer;
    if (!filter.includeResolved) where.resolvedAt = IsNull();
    return this.rows.find({
      where,
      order: { id: 'DESC' },
      take: filter.limit ?? 200,
    });
  }

  async get(id: number): Promise<DeadLetter | undefined> {
    return (await this.rows.findOneBy({ id })) ?? undefined;
  }

  async resolve(id: number, resolution: string): Promise<void> {
    await this.rows.update({ id, resolvedAt: IsNull() }, { resolvedAt: () => 'now()', resolution });
  }
}

/** Replays a dead letter through its handler (the inbox still guarantees at most once). */
export abstract class DeadLetterReplayer {
  abstract replay(letter: DeadLetter): Promise<void>;
}
