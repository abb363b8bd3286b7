import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '@vangnet/observability';
import { DataSource } from 'typeorm';
import { dataSourceSchema, quoteIdent } from './data-source';

/**
 * Runs this service's migrations at start, under a PostgreSQL advisory lock so two replicas that
 * start together never migrate at once. Readiness stays down until it is done.
 */
@Injectable()
export class MigrationRunner implements OnModuleInit {
  private readonly logger = new Logger(MigrationRunner.name);
  private migrated = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly health: HealthRegistry,
  ) {
    this.health.register('database', async () => {
      if (!this.migrated) return { up: false, detail: { message: 'migrations have not run yet' } };
      await this.dataSource.query('SELECT 1');
      return { up: true, detail: { schema: this.schema } };
    });
  }

  get schema(): string {
    return dataSourceSchema(this.dataSource);
  }

  async onModuleInit(): Promise<void> {
    await this.migrate();
  }

  async migrate(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const lockKey = `vangnet-migrations:${this.schema}`;
    try {
      await runner.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
      await runner.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(this.schema)}`);
      const done = await this.dataSource.runMigrations({ transaction: 'each' });
      if (done.length) this.logger.log(`applied ${done.length} migration(s): ${done.map((m) => m.name).join(', ')}`);
      this.migrated = true;
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]).catch(() => undefined);
      await runner.release();
    }
  }

  isMigrated(): boolean {
    return this.migrated;
  }
}
