import { Logger as NestLogger } from '@nestjs/common';
import { AbstractLogger, LogLevel, LogMessage } from 'typeorm';

/** TypeORM's own messages go through the service's JSON logger, not console.log. */
export class TypeOrmNestLogger extends AbstractLogger {
  private readonly logger = new NestLogger('TypeORM');

  protected writeLog(level: LogLevel, message: LogMessage | LogMessage[]): void {
    for (const m of Array.isArray(message) ? message : [message]) {
      const text = typeof m.message === 'string' ? m.message : JSON.stringify(m.message);
      if (level === 'error' || m.type === 'query-error') this.logger.warn(text);
      else if (level === 'warn' || m.type === 'query-slow') this.logger.warn(text);
      else this.logger.debug(text);
    }
  }
}
