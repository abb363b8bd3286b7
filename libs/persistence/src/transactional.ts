import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';

export { Transactional, TransactionHost, Propagation } from '@nestjs-cls/transactional';
export type { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';

/**
 * The one transaction mechanism: `@Transactional()` or `txHost.withTransaction(...)`; repositories
 * use `txHost.tx` and so join the caller's transaction, and the outbox joins it too.
 */
export function transactionalPlugin() {
  return new ClsPluginTransactional({
    imports: [TypeOrmModule],
    adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
    enableTransactionProxy: false,
  });
}

/** Is this error the database being unreachable or restarting (worth a retry), not a bug? */
export function isTransientDatabaseError(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e?.driverError?.code ?? e?.code;
  if (code && (/^08/.test(code) || ['57P01', '57P02', '57P03', '53300', '40001', '40P01', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code))) {
    return true;
  }
  return /Connection terminated|connection timeout|terminating connection|Client has encountered a connection error|Connection ended unexpectedly|timeout exceeded when trying to connect/i.test(
    e?.message ?? '',
  );
}
