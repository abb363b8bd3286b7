import { Controller, Injectable, Module } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { IsMunicipalityCode } from '@vangnet/contracts';
import { InboxEvent, OnEvent, OnEventBatch, Outbox } from '@vangnet/messaging';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { PlatformModule } from '@vangnet/platform';
import { IsInt, IsString, Length, Min } from 'class-validator';
import { ClsService } from 'nestjs-cls';
import { MigrationInterface, QueryRunner } from 'typeorm';

export const BENCH_EVENT_V1 = 'housing.bench-item.recorded.v1';
/** The same item, handled a batch at a time (@OnEventBatch): one set-based insert per batch. */
export const BENCH_BATCH_V1 = 'housing.bench-batch.recorded.v1';
/** Handled by a consumer that does nothing but the inbox: the pipeline's own cost. */
export const BENCH_NOTE_V1 = 'housing.bench-note.recorded.v1';
export const BENCH_ECHO = 'finance.bench.echo';

export class BenchEchoRequest {
  @IsString()
  @Length(1, 64)
  text!: string;

  @IsMunicipalityCode()
  municipality!: string;

  @IsInt()
  @Min(0)
  n!: number;
}

export class BenchItemRecordedV1 {
  @IsInt()
  @Min(0)
  n!: number;
}

export class BenchTables1800000000001 implements MigrationInterface {
  name = 'BenchTables1800000000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE bench_item (n int NOT NULL)');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE bench_item');
  }
}

@Controller()
export class BenchEchoHandler {
  @MessagePattern(BENCH_ECHO)
  echo(@Payload() req: BenchEchoRequest): { text: string; n: number } {
    return { text: req.text, n: req.n };
  }
}

@Injectable()
export class BenchProducer {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly outbox: Outbox,
    private readonly cls: ClsService,
  ) {}

  /** One transaction: the state change and its events. */
  record(from: number, count: number, type = BENCH_EVENT_V1): Promise<void> {
    return this.cls.run(() =>
      this.txHost.withTransaction(async () => {
        const ns = Array.from({ length: count }, (_, i) => from + i);
        await this.txHost.tx.query('INSERT INTO bench_item (n) SELECT unnest($1::int[])', [ns]);
        await this.outbox.publishAll(ns.map((n) => ({ type, data: { n }, municipality: 'GM0546' })));
      }),
    );
  }
}

@Injectable()
export class BenchConsumer {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  @OnEvent(BENCH_EVENT_V1, BenchItemRecordedV1)
  async recorded(data: BenchItemRecordedV1): Promise<void> {
    await this.txHost.tx.query('INSERT INTO bench_item (n) VALUES ($1)', [data.n]);
  }

  @OnEventBatch(BENCH_BATCH_V1, BenchItemRecordedV1)
  async recordedInBatches(events: InboxEvent<BenchItemRecordedV1>[]): Promise<void> {
    await this.txHost.tx.query('INSERT INTO bench_item (n) SELECT unnest($1::int[])', [events.map((e) => e.data.n)]);
  }

  @OnEvent(BENCH_NOTE_V1, BenchItemRecordedV1)
  noted(): void {
    /* the inbox row is the only write */
  }
}

@Module({
  imports: [PlatformModule.forService({ service: 'housing', migrations: [BenchTables1800000000001] })],
  providers: [BenchProducer],
})
export class BenchProducerModule {}

@Module({
  imports: [PlatformModule.forService({ service: 'finance', migrations: [BenchTables1800000000001] })],
  controllers: [BenchEchoHandler],
  providers: [BenchConsumer],
})
export class BenchConsumerModule {}
