import { Injectable, Optional } from '@nestjs/common';
import { MetricsService } from '@vangnet/observability';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';

/** What node-postgres' Pool exposes about its connections. */
interface PgPoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/** The service's connection pool on each scrape: in use, idle, callers waiting for a connection, size. */
@Injectable()
export class PoolMetrics {
  constructor(dataSource: DataSource, @Optional() metrics?: MetricsService) {
    if (!metrics) return;
    const gauge = (name: string, help: string) => new Gauge({ name, help, registers: [metrics.registry] });
    const inUse = gauge('vangnet_db_pool_in_use', 'Database connections checked out of the pool');
    const idle = gauge('vangnet_db_pool_idle', 'Database connections open and idle in the pool');
    const waiting = gauge('vangnet_db_pool_waiting', 'Queries waiting for a free database connection');
    const max = gauge('vangnet_db_pool_max', 'The pool size (DATABASE_POOL_SIZE)');
    metrics.addCollector(async () => {
      const pool = (dataSource.driver as unknown as { master?: PgPoolCounts }).master;
      if (!pool) return;
      inUse.set(pool.totalCount - pool.idleCount);
      idle.set(pool.idleCount);
      waiting.set(pool.waitingCount);
      if (pool.options?.max) max.set(pool.options.max);
    });
  }
}
