import { Body, Controller, Get, Injectable, Module, Post, Query, Res } from '@nestjs/common';
import { Type } from 'class-transformer';
import { Response } from 'express';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Roles } from '@vangnet/auth';
import { DomainError, EventEnvelope, IsMunicipalityCode, Role } from '@vangnet/contracts';
import { OnEvent, Outbox, PoisonEventError } from '@vangnet/messaging';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { PlatformModule } from '@vangnet/platform';
import { IsArray, IsInt, IsOptional, IsString, Length, Min, ValidateNested } from 'class-validator';
import { ClsService } from 'nestjs-cls';
import { MigrationInterface, QueryRunner } from 'typeorm';

// A producer ('housing') that writes widgets and their events, and a consumer ('finance') that
// applies them: just enough domain to prove the messaging guarantees with the real platform.
export const WIDGET_CREATED_V1 = 'housing.widget.created.v1';

export class WidgetCreatedV1 {
  @IsString()
  @Length(1, 100)
  name!: string;

  @IsInt()
  @Min(0)
  n!: number;
}

export class WidgetTables1800000000000 implements MigrationInterface {
  name = 'WidgetTables1800000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE widget (id bigserial PRIMARY KEY, name text NOT NULL)');
    await q.query('CREATE TABLE applied (event_id uuid NOT NULL, name text NOT NULL, n int NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE applied');
    await q.query('DROP TABLE widget');
  }
}

@Injectable()
export class WidgetService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly outbox: Outbox,
    private readonly cls: ClsService,
  ) {}

  /** Writes widgets and one event each in one transaction; `rollback` aborts it at the end. */
  create(names: string[], opts: { rollback?: boolean; start?: number } = {}): Promise<void> {
    return this.cls.run(() =>
      this.txHost.withTransaction(async () => {
        let n = opts.start ?? 0;
        for (const name of names) {
          await this.txHost.tx.query('INSERT INTO widget (name) VALUES ($1)', [name]);
          await this.outbox.publish({ type: WIDGET_CREATED_V1, data: { name, n: n++ }, municipality: 'GM0546' });
        }
        if (opts.rollback) throw new Error('rolled back on purpose');
      }),
    );
  }
}

/** How the consumer's handler behaves per widget name (set by the tests). */
export const behaviour = {
  failuresLeft: new Map<string, number>(),
  attempts: new Map<string, number>(),
  delayMs: 0,
  /** The handler waits at this gate (after writing, before commit) for widgets with this name. */
  gates: new Map<string, Promise<void>>(),
  /** Called when a handler reaches a gate. */
  onGate: (_name: string) => undefined as void,
};

@Injectable()
export class WidgetHandler {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  @OnEvent(WIDGET_CREATED_V1, WidgetCreatedV1)
  async created(data: WidgetCreatedV1, event: EventEnvelope<WidgetCreatedV1>): Promise<void> {
    behaviour.attempts.set(data.name, (behaviour.attempts.get(data.name) ?? 0) + 1);
    if (behaviour.delayMs) await new Promise((r) => setTimeout(r, behaviour.delayMs));
    await this.txHost.tx.query('INSERT INTO applied (event_id, name, n) VALUES ($1, $2, $3)', [event.id, data.name, data.n]);
    const gate = behaviour.gates.get(data.name);
    if (gate) {
      behaviour.onGate(data.name);
      await gate;
    }
    if (data.name.startsWith('poison')) throw new Error(`cannot apply ${data.name}`);
    if (data.name.startsWith('never')) throw new PoisonEventError('WIDGET_FORBIDDEN', `${data.name} is not allowed`);
    const left = behaviour.failuresLeft.get(data.name) ?? 0;
    if (left > 0) {
      behaviour.failuresLeft.set(data.name, left - 1);
      throw new Error(`transient failure for ${data.name}`);
    }
  }
}

export class EchoRequest {
  @IsString()
  @Length(1, 50)
  text!: string;

  @IsMunicipalityCode()
  municipality!: string;

  @IsInt()
  @Min(0)
  delayMs!: number;
}

export class EchoLine {
  @IsString()
  @Length(1, 50)
  note!: string;
}

/** A body with nested objects: what the hostile-input tests nest and poison. */
export class NestedEchoRequest {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => EchoLine)
  lines!: EchoLine[];
}

export class EchoQuery {
  @IsOptional()
  @IsString()
  @Length(1, 50)
  name?: string;
}

@Controller('v1/echo')
export class EchoController {
  @Post('nested')
  @Roles(Role.FINANCE_CONTROLLER)
  nested(@Body() req: NestedEchoRequest): { notes: string[] } {
    return { notes: req.lines.map((l) => l.note) };
  }

  @Get()
  @Roles(Role.FINANCE_CONTROLLER)
  find(@Query() q: EchoQuery): { name: string | null } {
    return { name: q.name ?? null };
  }

  @MessagePattern('finance.echo.ask')
  async ask(@Payload() req: EchoRequest): Promise<{ text: string }> {
    if (req.delayMs) await new Promise((r) => setTimeout(r, req.delayMs));
    if (req.text === 'rule') throw new DomainError('ECHO_REFUSED', 'echo refuses "rule"', 422);
    if (req.text === 'crash') throw new Error('something internal broke');
    return { text: req.text };
  }

  @Post()
  @Roles(Role.FINANCE_CONTROLLER)
  post(@Body() req: EchoRequest): { text: string } {
    return { text: req.text };
  }

  /** Answers 202 by setting the status itself, as some routes do. */
  @Post('accepted')
  @Roles(Role.FINANCE_CONTROLLER)
  accepted(@Body() req: EchoRequest, @Res({ passthrough: true }) res: Response): { text: string } {
    res.status(202);
    return { text: req.text };
  }
}

const FAST = { retryDelayMs: 50, maxRetryDelayMs: 200, maxDeliveries: 3, ackWaitMs: 2000 };

@Module({
  imports: [PlatformModule.forService({ service: 'housing', migrations: [WidgetTables1800000000000], messaging: FAST })],
  providers: [WidgetService],
})
export class ProducerModule {}

@Module({
  imports: [PlatformModule.forService({ service: 'finance', migrations: [WidgetTables1800000000000], messaging: FAST })],
  controllers: [EchoController],
  providers: [WidgetHandler],
})
export class ConsumerModule {}

/** The consumer with a long ack wait: an event it strands would only come back after a minute. */
@Module({
  imports: [PlatformModule.forService({ service: 'finance', migrations: [WidgetTables1800000000000], messaging: { ...FAST, ackWaitMs: 60_000 } })],
  providers: [WidgetHandler],
})
export class PatientConsumerModule {}
