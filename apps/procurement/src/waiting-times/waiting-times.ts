import { Body, Controller, Get, Injectable, Module, Post, Put, Query } from '@nestjs/common';
import { actorOf, Caller, CurrentCaller, NON_PERSONAL_DATA, requireOwnAgb, Roles, tenantScopeOf } from '@vangnet/auth';
import { DomainError, IsAgbCode, IsIsoDate, IsoDate, ProductCategory, ProductRef, Role } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Clock } from '@vangnet/platform';
import { IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ProvidersModule } from '../providers/providers.module';
import { ProvidersRepository } from '../providers/providers.repository';
import { RequiredNested } from '../common/validation';

// Waiting times per provider × product, reported by providers, against a regional norm in days.

export enum WaitingTimeErrorCode {
  UNKNOWN_PROVIDER = 'UNKNOWN_PROVIDER',
  MEASURED_IN_FUTURE = 'MEASURED_IN_FUTURE',
}

export class ReportWaitingTimeRequest {
  @IsAgbCode()
  providerAgb!: string;

  @RequiredNested(() => ProductRef)
  product!: ProductRef;

  /** Days from request (aanmelding) to start of care, as measured on `measuredOn`. */
  @IsInt()
  @Min(0)
  @Max(3650)
  waitingDays!: number;

  @IsIsoDate()
  measuredOn!: IsoDate;
}

export class SetNormRequest {
  /** Without a code the norm holds for the whole category. */
  @RequiredNested(() => ProductRef)
  product!: ProductRef;

  @IsInt()
  @Min(0)
  @Max(3650)
  normDays!: number;
}

export class WaitingTimeQuery {
  @IsOptional()
  @IsAgbCode()
  providerAgb?: string;

  @IsOptional()
  @IsEnum(ProductCategory)
  category?: ProductCategory;
}

export interface WaitingTimeView {
  providerAgb: string;
  product: { category: string; code?: string };
  waitingDays: number;
  measuredOn: IsoDate;
  normDays: number | null;
  exceedsNorm: boolean | null;
}

/** Compare a waiting time with its norm: the code's own norm, else the category's. */
export function againstNorm(waitingDays: number, codeNorm: number | null, categoryNorm: number | null): { normDays: number | null; exceedsNorm: boolean | null } {
  const normDays = codeNorm ?? categoryNorm;
  return { normDays, exceedsNorm: normDays == null ? null : waitingDays > normDays };
}

@Injectable()
export class WaitingTimesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async report(r: { providerAgb: string; category: string; code: string; waitingDays: number; measuredOn: IsoDate; by: string }): Promise<void> {
    await this.txHost.tx.query(
      'INSERT INTO waiting_time_report (provider_agb, category, code, waiting_days, measured_on, reported_by) VALUES ($1, $2, $3, $4, $5, $6)',
      [r.providerAgb, r.category, r.code, r.waitingDays, r.measuredOn, r.by],
    );
  }

  async setNorm(category: string, code: string, normDays: number, by: string): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO waiting_time_norm (category, code, norm_days, set_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (category, code) DO UPDATE SET norm_days = EXCLUDED.norm_days, set_by = EXCLUDED.set_by, updated_at = now()`,
      [category, code, normDays, by],
    );
  }

  /** The latest report per provider × product, with the code's and the category's norm. */
  async latest(f: { providerAgb?: string; category?: string }): Promise<Array<{ providerAgb: string; category: string; code: string; waitingDays: number; measuredOn: IsoDate; codeNorm: number | null; categoryNorm: number | null }>> {
    return this.txHost.tx.query(
      `SELECT DISTINCT ON (r.provider_agb, r.category, r.code)
              r.provider_agb AS "providerAgb", r.category, r.code, r.waiting_days AS "waitingDays", r.measured_on AS "measuredOn",
              (SELECT n.norm_days FROM waiting_time_norm n WHERE n.category = r.category AND n.code = r.code AND r.code <> '') AS "codeNorm",
              (SELECT n.norm_days FROM waiting_time_norm n WHERE n.category = r.category AND n.code = '') AS "categoryNorm"
         FROM waiting_time_report r
        WHERE ($1::text IS NULL OR r.provider_agb = $1) AND ($2::text IS NULL OR r.category = $2)
        ORDER BY r.provider_agb, r.category, r.code, r.measured_on DESC, r.id DESC`,
      [f.providerAgb ?? null, f.category ?? null],
    );
  }
}

@Controller('v1')
export class WaitingTimesController {
  constructor(
    private readonly repo: WaitingTimesRepository,
    private readonly providers: ProvidersRepository,
    private readonly clock: Clock,
  ) {}

  /** A provider reports its own waiting time (a contract manager may report for any provider). */
  @Post('waiting-times')
  @Roles(Role.PROVIDER, Role.PROCUREMENT_CONTRACT_MANAGER)
  async report(@Body() body: ReportWaitingTimeRequest, @CurrentCaller() caller: Caller): Promise<WaitingTimeView> {
    requireOwnAgb(caller, body.providerAgb, 'providerAgb');
    if (body.measuredOn > this.clock.today()) {
      throw DomainError.invalidField(WaitingTimeErrorCode.MEASURED_IN_FUTURE, 'measuredOn', 'a waiting time is measured today or earlier');
    }
    if (!(await this.providers.exists(body.providerAgb))) {
      throw DomainError.invalidField(WaitingTimeErrorCode.UNKNOWN_PROVIDER, 'providerAgb', `provider ${body.providerAgb} is not registered`, 422);
    }
    const code = body.product.code ?? '';
    await this.repo.report({ providerAgb: body.providerAgb, category: body.product.category, code, waitingDays: body.waitingDays, measuredOn: body.measuredOn, by: actorOf(caller) });
    const [latest] = await this.repo.latest({ providerAgb: body.providerAgb, category: body.product.category }).then((rows) => rows.filter((r) => r.code === code));
    return toView(latest);
  }

  @Put('waiting-time-norms')
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  async setNorm(@Body() body: SetNormRequest, @CurrentCaller() caller: Caller): Promise<{ product: ProductRef; normDays: number }> {
    await this.repo.setNorm(body.product.category, body.product.code ?? '', body.normDays, actorOf(caller));
    return { product: body.product, normDays: body.normDays };
  }

  @Get('waiting-times')
  async list(@Query() q: WaitingTimeQuery, @CurrentCaller() caller: Caller): Promise<{ items: WaitingTimeView[] }> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    if (scope.providerAgb !== undefined && q.providerAgb && q.providerAgb !== scope.providerAgb) return { items: [] };
    const providerAgb = scope.providerAgb !== undefined ? scope.providerAgb : q.providerAgb;
    return { items: (await this.repo.latest({ providerAgb, category: q.category })).map(toView) };
  }
}

function toView(r: { providerAgb: string; category: string; code: string; waitingDays: number; measuredOn: IsoDate; codeNorm: number | null; categoryNorm: number | null }): WaitingTimeView {
  return {
    providerAgb: r.providerAgb,
    product: r.code ? { category: r.category, code: r.code } : { category: r.category },
    waitingDays: r.waitingDays,
    measuredOn: r.measuredOn,
    ...againstNorm(r.waitingDays, r.codeNorm, r.categoryNorm),
  };
}

@Module({ imports: [ProvidersModule], controllers: [WaitingTimesController], providers: [WaitingTimesRepository] })
export class WaitingTimesModule {}
