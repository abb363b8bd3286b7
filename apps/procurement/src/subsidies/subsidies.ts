import { Body, Controller, Get, Injectable, Module, Param, Post, Query } from '@nestjs/common';
import { actorOf, Caller, CurrentCaller, narrowToScope, NON_PERSONAL_DATA, requireActFor, Roles, scopeAllows, tenantScopeOf } from '@vangnet/auth';
import { CommonErrorCode, DomainError, IsAgbCode, IsCents, IsIsoDate, IsMunicipalityCode, IsoDate, IsYear, Role, SUBSIDY_GRANTED_V1, SubsidyGrantedV1, validatePayload } from '@vangnet/contracts';
import { Outbox } from '@vangnet/messaging';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Length, MaxLength, ValidateNested } from 'class-validator';
import { randomUUID } from 'crypto';
import { ProvidersModule } from '../providers/providers.module';
import { ProvidersRepository } from '../providers/providers.repository';
import { instalmentProblems, quarterlyInstalments } from './subsidies.rules';
import { UuidPipe } from '@vangnet/platform';

// Subsidies: lump-sum grants to organisations per year, with conditions and instalments that finance pays.

export enum SubsidyErrorCode {
  SUBSIDY_NOT_FOUND = 'SUBSIDY_NOT_FOUND',
  SUBSIDY_REFERENCE_EXISTS = 'SUBSIDY_REFERENCE_EXISTS',
  UNKNOWN_PROVIDER = 'UNKNOWN_PROVIDER',
}

export class InstalmentInput {
  @IsIsoDate()
  dueDate!: IsoDate;

  @IsCents()
  amountCents!: number;
}

export class GrantSubsidyRequest {
  @IsOptional()
  @IsString()
  @Length(1, 100)
  reference?: string;

  @IsAgbCode()
  organisationAgb!: string;

  @IsMunicipalityCode()
  municipality!: string;

  @IsYear()
  year!: number;

  @IsCents()
  amountCents!: number;

  @IsString()
  @Length(1, 500)
  purpose!: string;

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  conditions!: string[];

  /** Default: four quarterly instalments. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  @Type(() => InstalmentInput)
  instalments?: InstalmentInput[];
}

export class SubsidyQuery {
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @IsOptional()
  @IsYear()
  year?: number;

  @IsOptional()
  @IsAgbCode()
  organisationAgb?: string;
}

export type SubsidyView = SubsidyGrantedV1 & { createdBy: string; createdAt: string };

const SELECT = `
SELECT s.id AS "subsidyId", s.reference, s.organisation_agb AS "organisationAgb", s.municipality, s.year, s.amount_cents AS "amountCents",
       s.purpose, s.conditions, s.created_by AS "createdBy", s.created_at AS "createdAt",
       (SELECT json_agg(json_build_object('seq', i.seq, 'dueDate', i.due_date, 'amountCents', i.amount_cents) ORDER BY i.seq)
          FROM subsidy_instalment i WHERE i.subsidy_id = s.id) AS instalments
  FROM subsidy s`;

function withoutNullReference(s: SubsidyView): SubsidyView {
  if (s.reference != null) return s;
  const { reference: _none, ...rest } = s;
  return rest;
}

@Injectable()
export class SubsidiesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async insert(s: SubsidyGrantedV1, by: string): Promise<boolean> {
    const rows = await this.txHost.tx.query(
      `INSERT INTO subsidy (id, reference, organisation_agb, municipality, year, amount_cents, purpose, conditions, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (reference) DO NOTHING RETURNING id`,
      [s.subsidyId, s.reference ?? null, s.organisationAgb, s.municipality, s.year, s.amountCents, s.purpose, JSON.stringify(s.conditions), by],
    );
    if (!rows.length) return false;
    await this.txHost.tx.query(
      'INSERT INTO subsidy_instalment (subsidy_id, seq, due_date, amount_cents) SELECT $1, * FROM unnest($2::int[], $3::date[], $4::bigint[])',
      [s.subsidyId, s.instalments.map((i) => i.seq), s.instalments.map((i) => i.dueDate), s.instalments.map((i) => i.amountCents)],
    );
    return true;
  }

  async find(id: string): Promise<SubsidyView | undefined> {
    const rows: SubsidyView[] = await this.txHost.tx.query(`${SELECT} WHERE s.id = $1`, [id]);
    return rows.map(withoutNullReference)[0];
  }

  async list(f: { municipalities?: string[]; year?: number; organisationAgb?: string }): Promise<SubsidyView[]> {
    return this.txHost.tx.query(
      `${SELECT} WHERE ($1::text[] IS NULL OR s.municipality = ANY($1)) AND ($2::int IS NULL OR s.year = $2) AND ($3::text IS NULL OR s.organisation_agb = $3)
        ORDER BY s.year, s.municipality, s.created_at LIMIT 1000`,
      [f.municipalities ?? null, f.year ?? null, f.organisationAgb ?? null],
    ).then((rows: SubsidyView[]) => rows.map(withoutNullReference));
  }
}

@Injectable()
export class SubsidiesService {
  constructor(
    private readonly repo: SubsidiesRepository,
    private readonly providers: ProvidersRepository,
    private readonly outbox: Outbox,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  async grant(input: GrantSubsidyRequest, caller: Caller): Promise<SubsidyView> {
    requireActFor(caller, input.municipality, 'municipality');
    const problems = input.instalments ? instalmentProblems(input.amountCents, input.instalments) : [];
    if (problems.length) throw new DomainError(CommonErrorCode.VALIDATION_FAILED, problems[0].reason, 400, problems);
    const data: SubsidyGrantedV1 = {
      subsidyId: randomUUID(),
      organisationAgb: input.organisationAgb,
      municipality: input.municipality,
      year: input.year,
      amountCents: input.amountCents,
      purpose: input.purpose,
      conditions: input.conditions,
      instalments: input.instalments
        ? input.instalments.map((i, n) => ({ seq: n + 1, dueDate: i.dueDate, amountCents: i.amountCents }))
        : quarterlyInstalments(input.year, input.amountCents),
      ...(input.reference ? { reference: input.reference } : {}),
    };
    // The event catalogue does not list this event yet, so the outbox cannot check it: check here.
    const checked = validatePayload(SubsidyGrantedV1, data);
    if (!checked.ok) throw new Error(`SubsidyGrantedV1 breaks its contract: ${checked.invalidParams.map((p) => p.name).join(', ')}`);
    return this.txHost.withTransaction(async () => {
      if (!(await this.providers.exists(input.organisationAgb))) {
        throw DomainError.invalidField(SubsidyErrorCode.UNKNOWN_PROVIDER, 'organisationAgb', `organisation ${input.organisationAgb} is not registered`, 422);
      }
      if (!(await this.repo.insert(data, actorOf(caller)))) {
        throw DomainError.conflict(SubsidyErrorCode.SUBSIDY_REFERENCE_EXISTS, `a subsidy with reference ${input.reference} exists`, [
          { name: 'reference', code: SubsidyErrorCode.SUBSIDY_REFERENCE_EXISTS, reason: 'the reference is taken' },
        ]);
      }
      await this.outbox.publish({ type: SUBSIDY_GRANTED_V1, data, municipality: input.municipality });
      const saved = await this.repo.find(data.subsidyId);
      if (!saved) throw new Error('the subsidy just written is gone');
      return saved;
    });
  }

  async get(id: string, caller: Caller): Promise<SubsidyView> {
    const s = await this.repo.find(id);
    if (!s || !scopeAllows(tenantScopeOf(caller, NON_PERSONAL_DATA), { providerAgb: s.organisationAgb, municipalities: [s.municipality] })) throw DomainError.notFound(SubsidyErrorCode.SUBSIDY_NOT_FOUND, `subsidy ${id} does not exist`);
    return s;
  }

  async list(q: SubsidyQuery, caller: Caller): Promise<{ items: SubsidyView[] }> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    const asked = narrowToScope(scope, { providerAgb: q.organisationAgb, municipalities: q.municipality ? [q.municipality] : undefined });
    if (!asked) return { items: [] };
    return { items: await this.repo.list({ municipalities: asked.municipalities, year: q.year, organisationAgb: asked.providerAgb }) };
  }
}

@Controller('v1/subsidies')
export class SubsidiesController {
  constructor(private readonly subsidies: SubsidiesService) {}

  @Post()
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  grant(@Body() body: GrantSubsidyRequest, @CurrentCaller() caller: Caller): Promise<SubsidyView> {
    return this.subsidies.grant(body, caller);
  }

  @Get()
  list(@Query() q: SubsidyQuery, @CurrentCaller() caller: Caller): Promise<{ items: SubsidyView[] }> {
    return this.subsidies.list(q, caller);
  }

  @Get(':id')
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<SubsidyView> {
    return this.subsidies.get(id, caller);
  }
}

@Module({ imports: [ProvidersModule], controllers: [SubsidiesController], providers: [SubsidiesRepository, SubsidiesService] })
export class SubsidiesModule {}
