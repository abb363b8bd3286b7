import { DataSource, DataSourceOptions, MixedList } from 'typeorm';
import { SnakeNamingStrategy } from './naming';
import { WatchedPgClient } from './pg-client';
import { installPgTypeParsers } from './pg-types';
import { TypeOrmNestLogger } from './typeorm-logger';

export interface PersistenceOptions {
  /** The service's own schema; nothing else writes it. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Defaults to DATABASE_URL. */
  url?: string;
  /** Connections in this service's pool (DATABASE_POOL_SIZE, default 5). */
  poolSize?: number;
}

export function databaseUrl(explicit?: string): string {
  const url = explicit ?? process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  return url;
}

/**
 * One DataSource per service, confined to its schema via search_path, so raw SQL in migrations
 * and the platform tables (outbox, inbox, …) land in the service's own schema. Never synchronize.
 */
export function dataSourceOptions(options: PersistenceOptions): DataSourceOptions {
  installPgTypeParsers();
  const poolSize = options.poolSize ?? Number(process.env.DATABASE_POOL_SIZE ?? 5);
  return {
    type: 'postgres',
    url: databaseUrl(options.url),
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    namingStrategy: new SnakeNamingStrategy(),
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    logging: ['error', 'warn'],
    logger: new TypeOrmNestLogger(['error', 'warn']),
    maxQueryExecutionTime: 2000,
    poolSize,
    applicationName: `vangnet-${options.schema}`,
    extra: {
      max: poolSize,
      Client: WatchedPgClient,
      options: `-c search_path="${options.schema}",public -c timezone=UTC`,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30000,
    },
  };
}

/** The schema a service's DataSource is confined to. */
export function dataSourceSchema(dataSource: DataSource): string {
  return (dataSource.options as { schema?: string }).schema ?? 'public';
}

/** The connection string a service's DataSource uses (for a dedicated connection beside its pool). */
export function dataSourceUrl(dataSource: DataSource): string {
  return databaseUrl((dataSource.options as { url?: string }).url);
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
