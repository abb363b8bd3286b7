import { Controller, Get, HttpCode, Injectable, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { Roles } from '@vangnet/auth';
import { CommonErrorCode, DomainError, Role } from '@vangnet/contracts';
import { MetricsService } from '@vangnet/observability';
import { IsBooleanString, IsOptional, IsString } from 'class-validator';
import { DataSource } from 'typeorm';

export interface DeadLetter {
  id: number;
  consumer: string;
  messageId: string | null;
  subject: string;
  streamSequence: number | null;
  deliveries: number;
  errorCode: string;
  reason: string;
  payload: string;
  createdAt: Date;
  resolvedAt: Date | null;
  resolution: string | null;
}

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

const COLUMNS = `id, consumer, message_id AS "messageId", subject, stream_sequence AS "streamSequence", deliveries,
  error_code AS "errorCode", reason, payload, created_at AS "createdAt", resolved_at AS "resolvedAt", resolution`;

@Injectable()
export class DeadLetterStore {
  constructor(
    private readonly dataSource: DataSource,
    metrics: MetricsService,
  ) {
    metrics.addCollector(async () => {
      const rows: Array<{ consumer: string; n: number }> = await this.dataSource.query(
        'SELECT consumer, count(*)::int AS n FROM dead_letter WHERE resolved_at IS NULL GROUP BY consumer',
      );
      metrics.deadLetters.reset();
      for (const r of rows) metrics.deadLetters.set({ consumer: r.consumer }, r.n);
    });
  }

  async add(d: NewDeadLetter): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO dead_letter (consumer, message_id, subject, stream_sequence, deliveries, error_code, reason, payload)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [d.consumer, d.messageId ?? null, d.subject, d.streamSequence ?? null, d.deliveries, d.errorCode, d.reason.slice(0, 4000), d.payload],
    );
  }

  async list(filter: { consumer?: string; includeResolved?: boolean; limit?: number }): Promise<DeadLetter[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM dead_letter
        WHERE ($1::text IS NULL OR consumer = $1) AND ($2 OR resolved_at IS NULL)
        ORDER BY id DESC LIMIT $3`,
      [filter.consumer ?? null, filter.includeResolved ?? false, filter.limit ?? 200],
    );
  }

  async get(id: number): Promise<DeadLetter | undefined> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM dead_letter WHERE id = $1`, [id]);
    return row;
  }

  async resolve(id: number, resolution: string): Promise<void> {
    await this.dataSource.query('UPDATE dead_letter SET resolved_at = now(), resolution = $2 WHERE id = $1 AND resolved_at IS NULL', [id, resolution]);
  }
}

export class DeadLetterQuery {
  @IsOptional()
  @IsString()
  consumer?: string;

  @IsOptional()
  @IsBooleanString()
  includeResolved?: string;
}

/** Replays a dead letter through its handler (the inbox still guarantees at most once). */
export abstract class DeadLetterReplayer {
  abstract replay(letter: DeadLetter): Promise<void>;
}

@Controller('v1/dead-letters')
@Roles(Role.PLATFORM_OPERATOR, Role.AUDITOR)
export class DeadLetterController {
  constructor(
    private readonly store: DeadLetterStore,
    private readonly replayer: DeadLetterReplayer,
  ) {}

  @Get()
  async list(@Query() q: DeadLetterQuery): Promise<{ items: DeadLetter[] }> {
    return { items: await this.store.list({ consumer: q.consumer, includeResolved: q.includeResolved === 'true' }) };
  }

  /** Try the event again (after the cause was fixed); resolved when the handler succeeds. */
  @Post(':id/retry')
  @Roles(Role.PLATFORM_OPERATOR)
  @HttpCode(200)
  async retry(@Param('id', ParseIntPipe) id: number): Promise<DeadLetter> {
    const letter = await this.require(id);
    await this.replayer.replay(letter);
    await this.store.resolve(id, 'RETRIED');
    return (await this.store.get(id)) as DeadLetter;
  }

  @Post(':id/discard')
  @Roles(Role.PLATFORM_OPERATOR)
  @HttpCode(200)
  async discard(@Param('id', ParseIntPipe) id: number): Promise<DeadLetter> {
    await this.require(id);
    await this.store.resolve(id, 'DISCARDED');
    return (await this.store.get(id)) as DeadLetter;
  }

  private async require(id: number): Promise<DeadLetter> {
    const letter = await this.store.get(id);
    if (!letter) throw DomainError.notFound(CommonErrorCode.NOT_FOUND, `dead letter ${id} does not exist`);
    if (letter.resolvedAt) throw DomainError.conflict(CommonErrorCode.CONFLICT, `dead letter ${id} is already ${letter.resolution}`);
    return letter;
  }
}
