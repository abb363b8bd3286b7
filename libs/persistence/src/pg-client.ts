import { Logger } from '@nestjs/common';
import { Client, ClientConfig } from 'pg';

const logger = new Logger('Database');

/**
 * The pool's connection, always listened to. node-postgres emits `error` on a connection that
 * its server ends (a restart, `pg_terminate_backend`, `DROP DATABASE … WITH (FORCE)`), and an
 * `error` nobody listens to ends the process. The pool listens while a connection is idle and
 * TypeORM while a query runner holds it, but not in between: a connection that finishes its
 * start-up in the same packet as the server's termination is handed out (the pool's listener
 * removed) before TypeORM attaches its own, and TypeORM holds one without a listener while it
 * initialises. A PostgreSQL restart must cost a 503 (DATABASE_UNAVAILABLE), never the service
 * (issue 19; CI saw the crash). The dead connection is not reused: node-postgres marks it
 * unqueryable and the pool drops it when it comes back.
 */
export class WatchedPgClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', (err: Error & { code?: string }) => {
      // Only this listener: nobody else will say it.
      if (this.listenerCount('error') === 1) logger.warn(`a database connection ended while no one was using it: ${err.code ?? ''} ${err.message}`.replace(/\s+/g, ' '));
    });
  }
}
