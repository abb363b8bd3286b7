import { Body, Controller, Get, Injectable, Module, Param, Post } from '@nestjs/common';
import { Caller, CurrentCaller, NON_PERSONAL_DATA, requireActFor, Roles, tenantScopeOf } from '@vangnet/auth';
import { DomainError, IsIsoDate, IsMunicipalityCode, IsoDate, Role } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { randomUUID } from 'crypto';
import { UuidPipe } from '@vangnet/platform';

// A procurement round (aanbesteding) groups the contracts a region awards together, per lot.

export enum RoundErrorCode {
  ROUND_NOT_FOUND = 'ROUND_NOT_FOUND',
  ROUND_EXISTS = 'ROUND_EXISTS',
  DUPLICATE_LOT = 'DUPLICATE_LOT',
}

export class LotInput {
  @IsString()
  @Length(1, 100)
  code!: string;

  @IsString()
  @Length(1, 200)
  name!: string;
}

export class CreateRoundRequest {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsMunicipalityCode({ each: true })
  municipalities!: string[];

  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => LotInput)
  lots!: LotInput[];

  @IsOptional()
  @IsIsoDate()
  publishedOn?: IsoDate;
}

export interface RoundView {
  id: string;
  name: string;
  municipalities: string[];
  lots: LotInput[];
  publishedOn: IsoDate | null;
}

const COLUMNS = `id, name, municipalities, lots, published_on AS "publishedOn"`;

@Injectable()
export class RoundsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  async insert(r: Omit<RoundView, 'id'>): Promise<RoundView | undefined> {
    const rows: RoundView[] = await this.txHost.tx.query(
      `INSERT INTO procurement_round (id, name, municipalities, lots, published_on) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (name) DO NOTHING RETURNING ${COLUMNS}`,
      [randomUUID(), r.name, r.municipalities, JSON.stringify(r.lots), r.publishedOn],
    );
    return rows[0];
  }

  async find(id: string): Promise<RoundView | undefined> {
    const rows: RoundView[] = await this.txHost.tx.query(`SELECT ${COLUMNS} FROM procurement_round WHERE id = $1`, [id]);
    return rows[0];
  }

  async list(municipalities: string[] | null): Promise<RoundView[]> {
    return this.txHost.tx.query(`SELECT ${COLUMNS} FROM procurement_round WHERE ($1::text[] IS NULL OR municipalities && $1) ORDER BY name`, [municipalities]);
  }
}

@Controller('v1/rounds')
export class RoundsController {
  constructor(private readonly repo: RoundsRepository) {}

  @Post()
  @Roles(Role.PROCUREMENT_CONTRACT_MANAGER)
  async create(@Body() body: CreateRoundRequest, @CurrentCaller() caller: Caller): Promise<RoundView> {
    requireActFor(caller, body.municipalities, 'municipalities');
    const codes = body.lots.map((l) => l.code);
    const dup = codes.findIndex((c, i) => codes.indexOf(c) !== i);
    if (dup >= 0) throw DomainError.invalidField(RoundErrorCode.DUPLICATE_LOT, `lots[${dup}].code`, `lot ${codes[dup]} appears twice`);
    const round = await this.repo.insert({ name: body.name, municipalities: body.municipalities, lots: body.lots, publishedOn: body.publishedOn ?? null });
    if (!round) throw DomainError.conflict(RoundErrorCode.ROUND_EXISTS, `a round named "${body.name}" exists`, [{ name: 'name', code: RoundErrorCode.ROUND_EXISTS, reason: 'the name is taken' }]);
    return round;
  }

  @Get()
  async list(@CurrentCaller() caller: Caller): Promise<{ items: RoundView[] }> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    return { items: await this.repo.list(scope.providerAgb === undefined ? scope.municipalities : null) };
  }

  @Get(':id')
  async get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<RoundView> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    const round = await this.repo.find(id);
    if (!round || (scope.providerAgb === undefined && !round.municipalities.some((m) => scope.municipalities.includes(m)))) {
      throw DomainError.notFound(RoundErrorCode.ROUND_NOT_FOUND, `round ${id} does not exist`);
    }
    return round;
  }
}

@Module({ controllers: [RoundsController], providers: [RoundsRepository], exports: [RoundsRepository] })
export class RoundsModule {}
