#!/usr/bin/env node
// `node tools/generate/feature.mjs <app> <feature> [--role ROLE] [--root DIR]`
// Lays out a new feature of a service in the one shape (docs/guides/building-a-service.md):
// module, thin controller, service (rules that need I/O), repository (the entity's repository),
// entity, dto, errors, pure rules with a passing spec, and the migration for its table. Prints
// what to add to app.module.ts. Refuses to overwrite anything.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROLES = {
  access: 'ACCESS_CASEWORKER',
  'care-plans': 'CARE_PLANS_COORDINATOR',
  housing: 'HOUSING_PLACEMENT_OFFICER',
  procurement: 'PROCUREMENT_CONTRACT_MANAGER',
  finance: 'FINANCE_CONTROLLER',
  exchange: 'PLATFORM_OPERATOR',
  gateway: 'PLATFORM_OPERATOR',
};

export function names(feature) {
  const words = feature.split('-');
  const pascal = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return {
    kebab: feature,
    pascal,
    camel: pascal[0].toLowerCase() + pascal.slice(1),
    snake: words.join('_'),
    upper: words.join('_').toUpperCase(),
  };
}

export function featureFiles(app, feature, { role = ROLES[app] ?? 'PLATFORM_OPERATOR', timestamp = Date.now() } = {}) {
  const n = names(feature);
  const { kebab: k, pascal: P, camel: c, snake: table, upper: U } = n;
  const files = {};

  files[`${k}/${k}.entity.ts`] = `import { centsTransformer } from '@vangnet/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The ${table} table's one definition; the migration that creates it must agree (the drift test checks). */
@Entity('${table}')
@Index('${table}_municipality', ['municipality', 'id'])
export class ${P}Entity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The tenant: every row that concerns a resident or a municipality carries it. */
  @Column({ type: 'text' })
  municipality!: string;

  @Column({ type: 'text' })
  name!: string;

  /** A DATE stays a 'YYYY-MM-DD' string. */
  @Column({ type: 'date' })
  validFrom!: string;

  /** Money is BIGINT eurocents. */
  @Column({ type: 'bigint', transformer: centsTransformer })
  amountCents!: number;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ type: 'text' })
  createdBy!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
`;

  files[`${k}/${k}.dto.ts`] = `import { IsCents, IsIsoDate, IsMunicipalityCode } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { IsOptional, IsString, Length } from 'class-validator';

export class Create${P}Request {
  @IsMunicipalityCode()
  municipality!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @IsIsoDate()
  validFrom!: string;

  @IsCents()
  amountCents!: number;
}

export class ${P}ListQuery extends PageQuery {
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
}

export interface ${P}View {
  id: string;
  municipality: string;
  name: string;
  validFrom: string;
  amountCents: number;
  version: number;
}
`;

  files[`${k}/${k}.errors.ts`] = `import { DomainError } from '@vangnet/contracts';

export enum ${P}ErrorCode {
  ${U}_NOT_FOUND = '${U}_NOT_FOUND',
  VALID_FROM_IN_PAST = 'VALID_FROM_IN_PAST',
}

export class ${P}Error extends DomainError<${P}ErrorCode> {
  /** One 404 for "does not exist" and "not yours": nobody learns what other municipalities hold. */
  static missing(id: string): ${P}Error {
    return new ${P}Error(${P}ErrorCode.${U}_NOT_FOUND, \`no ${k.replace(/-/g, ' ')} \${id} in your municipalities\`, 404);
  }
}
`;

  files[`${k}/${k}.rules.ts`] = `import { InvalidParam, IsoDate } from '@vangnet/contracts';
import { ${P}ErrorCode } from './${k}.errors';

/** What a new ${k.replace(/-/g, ' ')} needs, as the rules see it: plain values, no I/O. */
export interface ${P}Input {
  validFrom: IsoDate;
  amountCents: number;
}

/** The rule breaches of a new ${k.replace(/-/g, ' ')}, each naming its field (none: it may be stored). */
export function ${c}Problems(input: ${P}Input, today: IsoDate): InvalidParam[] {
  const problems: InvalidParam[] = [];
  if (input.validFrom < today) {
    problems.push({ name: 'validFrom', code: ${P}ErrorCode.VALID_FROM_IN_PAST, reason: \`validFrom \${input.validFrom} lies before today (\${today})\` });
  }
  return problems;
}
`;

  files[`${k}/${k}.rules.spec.ts`] = `import { ${P}ErrorCode } from './${k}.errors';
import { ${P}Input, ${c}Problems } from './${k}.rules';

const a${P} = (overrides: Partial<${P}Input> = {}): ${P}Input => ({ validFrom: '2027-01-01', amountCents: 100, ...overrides });

describe(${c}Problems.name, () => {
  it('should find nothing wrong when it starts today or later', () => {
    expect(${c}Problems(a${P}({ validFrom: '2027-01-01' }), '2027-01-01')).toEqual([]);
    expect(${c}Problems(a${P}({ validFrom: '2027-06-01' }), '2027-01-01')).toEqual([]);
  });

  it('should name validFrom when it lies before today', () => {
    expect(${c}Problems(a${P}({ validFrom: '2026-12-31' }), '2027-01-01')).toEqual([
      expect.objectContaining({ name: 'validFrom', code: ${P}ErrorCode.VALID_FROM_IN_PAST }),
    ]);
  });
});
`;

  files[`${k}/${k}.repository.ts`] = `import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { ${P}Entity } from './${k}.entity';

/** The only file of the feature that touches the database; it joins the caller's transaction. */
@Injectable()
export class ${P}Repository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<${P}Entity> {
    return this.txHost.tx.getRepository(${P}Entity);
  }

  async insert(row: Omit<${P}Entity, 'version' | 'createdAt'>): Promise<void> {
    await this.rows.insert(row);
  }

  async find(id: string): Promise<${P}Entity | undefined> {
    return (await this.rows.findOneBy({ id })) ?? undefined;
  }

  /** A page in id order, in these municipalities. */
  list(f: { municipalities: string[]; after?: string; limit: number }): Promise<${P}Entity[]> {
    const q = this.rows.createQueryBuilder('r').where('r.municipality = ANY(:municipalities)', { municipalities: f.municipalities });
    if (f.after) q.andWhere('r.id > :after', { after: f.after });
    return q.orderBy('r.id').limit(f.limit).getMany();
  }
}
`;

  files[`${k}/${k}.service.ts`] = `import { Injectable } from '@nestjs/common';
import { actorOf, Caller, mayRead, requireActFor } from '@vangnet/auth';
import { ValidationFailedError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { Clock, decodeCursor, foundOr404, mustExist, Page, toPage } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { Create${P}Request, ${P}ListQuery, ${P}View } from './${k}.dto';
import { ${P}Entity } from './${k}.entity';
import { ${P}Error } from './${k}.errors';
import { ${P}Repository } from './${k}.repository';
import { ${c}Problems } from './${k}.rules';

/** The rules that need I/O: scope, today, the store. The pure ones are in ${k}.rules.ts. */
@Injectable()
export class ${P}Service {
  constructor(
    private readonly repo: ${P}Repository,
    private readonly clock: Clock,
  ) {}

  @Transactional()
  async create(caller: Caller, req: Create${P}Request): Promise<${P}View> {
    requireActFor(caller, req.municipality, 'municipality');
    const problems = ${c}Problems(req, this.clock.today());
    if (problems.length) throw new ValidationFailedError(problems, 'the request breaks a rule');
    const id = randomUUID();
    await this.repo.insert({ id, municipality: req.municipality, name: req.name, validFrom: req.validFrom, amountCents: req.amountCents, createdBy: actorOf(caller) });
    return view(mustExist(await this.repo.find(id), \`${k} \${id}\`));
  }

  async get(caller: Caller, id: string): Promise<${P}View> {
    return view(foundOr404(await this.repo.find(id), () => ${P}Error.missing(id), (r) => mayRead(caller, { municipalities: [r.municipality] })));
  }

  async list(caller: Caller, q: ${P}ListQuery): Promise<Page<${P}View>> {
    if (q.municipality) requireActFor(caller, q.municipality, 'municipality');
    const limit = q.limit ?? 100;
    const rows = await this.repo.list({ municipalities: q.municipality ? [q.municipality] : caller.municipalities, after: decodeCursor<{ id: string }>(q.cursor)?.id, limit: limit + 1 });
    const page = toPage(rows, limit, (last) => ({ id: last.id }));
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }
}

function view(r: ${P}Entity): ${P}View {
  return { id: r.id, municipality: r.municipality, name: r.name, validFrom: r.validFrom, amountCents: r.amountCents, version: r.version };
}
`;

  files[`${k}/${k}.controller.ts`] = `import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { Create${P}Request, ${P}ListQuery, ${P}View } from './${k}.dto';
import { ${P}Service } from './${k}.service';

/** Thin: parse (the DTOs validate), call the service, return its view. */
@Controller('v1/${k}')
export class ${P}Controller {
  constructor(private readonly service: ${P}Service) {}

  @Post()
  @Roles(Role.${role})
  create(@Body() body: Create${P}Request, @CurrentCaller() caller: Caller): Promise<${P}View> {
    return this.service.create(caller, body);
  }

  @Get()
  @Roles(Role.${role})
  list(@Query() q: ${P}ListQuery, @CurrentCaller() caller: Caller): Promise<Page<${P}View>> {
    return this.service.list(caller, q);
  }

  @Get(':id')
  @Roles(Role.${role})
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<${P}View> {
    return this.service.get(caller, id);
  }
}
`;

  files[`${k}/${k}.module.ts`] = `import { Module } from '@nestjs/common';
import { ${P}Controller } from './${k}.controller';
import { ${P}Repository } from './${k}.repository';
import { ${P}Service } from './${k}.service';

/** Other features use ${P}Service, never the repository or the table. */
@Module({
  controllers: [${P}Controller],
  providers: [${P}Repository, ${P}Service],
  exports: [${P}Service],
})
export class ${P}Module {}
`;

  files[`database/migrations/${timestamp}-${k}.ts`] = `import { MigrationInterface, QueryRunner } from 'typeorm';

/** The ${table} table, as ${P}Entity declares it. */
export class ${P}Table${timestamp} implements MigrationInterface {
  name = '${P}Table${timestamp}';

  async up(q: QueryRunner): Promise<void> {
    await q.query(\`
      CREATE TABLE ${table} (
        id uuid PRIMARY KEY,
        municipality text NOT NULL,
        name text NOT NULL,
        valid_from date NOT NULL,
        amount_cents bigint NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )\`);
    await q.query(\`CREATE INDEX ${table}_municipality ON ${table} (municipality, id)\`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(\`DROP TABLE ${table}\`);
  }
}
`;
  return { files, names: n, timestamp };
}

export function generate(root, app, feature, options = {}) {
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(feature)) throw new Error(`the feature name must be kebab-case, not "${feature}"`);
  const src = join(root, 'apps', app, 'src');
  if (!existsSync(join(src, 'app.module.ts'))) throw new Error(`no app ${app} (apps/${app}/src/app.module.ts)`);
  if (existsSync(join(src, feature))) throw new Error(`apps/${app}/src/${feature} exists already`);
  const { files, names: n, timestamp } = featureFiles(app, feature, options);
  const written = [];
  for (const [path, content] of Object.entries(files)) {
    const target = join(src, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content, { flag: 'wx' });
    written.push(relative(root, target));
  }
  const next = [
    `import { ${n.pascal}Module } from './${feature}/${feature}.module';`,
    `import { ${n.pascal}Entity } from './${feature}/${feature}.entity';`,
    `import { ${n.pascal}Table${timestamp} } from './database/migrations/${timestamp}-${feature}';`,
    `PlatformModule.forService({ …, entities: [… ${n.pascal}Entity], migrations: [… ${n.pascal}Table${timestamp}] }), and ${n.pascal}Module in imports`,
  ];
  return { written, next };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const [, value] = args.splice(i, 2);
    return value;
  };
  const root = opt('--root') ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const role = opt('--role');
  const [app, feature] = args;
  if (!app || !feature) {
    console.error('usage: node tools/generate/feature.mjs <app> <feature> [--role ROLE_KEY] [--root DIR]');
    process.exit(2);
  }
  try {
    const { written, next } = generate(root, app, feature, role ? { role } : {});
    console.log(`wrote\n${written.map((w) => `  ${w}`).join('\n')}\nnow add to apps/${app}/src/app.module.ts:\n${next.map((l) => `  ${l}`).join('\n')}`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
