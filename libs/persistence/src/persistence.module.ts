import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions, PersistenceOptions } from './data-source';
import { MigrationRunner } from './migration-runner';
import { PoolMetrics } from './pool-metrics';
import { oneQueryAtATime } from './query-runner';

/** The service's database: its own schema, migrated at start. Transactions: see `transactional`. */
@Module({})
export class PersistenceModule {
  static forRoot(options: PersistenceOptions): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(options), retryAttempts: 30, retryDelay: 1000 }),
          // Nest initialises what this returns.
          dataSourceFactory: async (o) => oneQueryAtATime(new DataSource(o ?? dataSourceOptions(options))),
        }),
      ],
      providers: [MigrationRunner, PoolMetrics],
      exports: [MigrationRunner, TypeOrmModule],
    };
  }
}
