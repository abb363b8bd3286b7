import { DynamicModule, RequestMethod } from '@nestjs/common';
import { IncomingMessage } from 'http';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { currentCorrelationId } from './correlation';

/** JSON logs (pino) that carry the service name and the correlation id of the work in progress. */
export function loggingModule(service: string): DynamicModule {
  // Read the level when the module is built, not when this file is loaded (tests set it late).
  return LoggerModule.forRootAsync({
    useFactory: () => ({
    // Express 5 route syntax (the default '*' makes Nest warn on every start).
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: process.env.LOG_LEVEL ?? 'info',
      base: { service },
      messageKey: 'message',
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label: string) => ({ level: label }) },
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId ? { correlationId } : {};
      },
      genReqId: (req: IncomingMessage) => currentCorrelationId() ?? String(req.headers['x-correlation-id'] ?? ''),
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
      serializers: {
        req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: {
        ignore: (req: IncomingMessage) => /\/(health\/(live|ready)|metrics)$/.test(req.url?.split('?')[0] ?? ''),
      },
      customLogLevel: (_req: IncomingMessage, res: { statusCode: number }, err?: Error) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      // Buffered, asynchronous writes (flushed at exit): a synchronous write(2) per log line
      // cost a noticeable share of a busy service's CPU.
      stream: pino.destination({ dest: 1, sync: false, minLength: 4096 }),
    },
    }),
  });
}
