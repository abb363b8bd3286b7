import { DynamicModule, RequestMethod } from '@nestjs/common';
import { IncomingMessage } from 'http';
import { Logger, LoggerModule, PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import type { Options } from 'pino-http';
import { redactUrl, scrubLogValue } from './redaction';
import { currentCorrelationId } from './correlation';
import { activeSpanContext } from './tracing';

const SYNTHETIC_STATUS_ERROR = /^failed with status code \d{3}$/;
const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * The pino options of every service: JSON with the service name and correlation id, personal
 * data masked (URL query values, BSNs in any string), bodies never logged.
 */
export function pinoOptions(service: string): Options {
  return {
      // An unknown level is the configuration check's to report (as JSON); pino would throw.
      level: LEVELS.includes(process.env.LOG_LEVEL ?? '') ? (process.env.LOG_LEVEL as string) : 'info',
      base: { service },
      messageKey: 'message',
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      formatters: { level: (label: string) => ({ level: label }) },
      // The correlation id, and the trace and span of the work in progress (OpenTelemetry's
      // log data model names: trace_id, span_id), so a line can be found from its trace.
      mixin: () => {
        const correlationId = currentCorrelationId();
        const sc = activeSpanContext();
        return { ...(correlationId ? { correlationId } : {}), ...(sc ? { trace_id: sc.traceId, span_id: sc.spanId } : {}) };
      },
      genReqId: (req: IncomingMessage) => currentCorrelationId() ?? String(req.headers['x-correlation-id'] ?? ''),
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
      // The serializers below read the request and response themselves: pino-http's default ones
      // would first copy every header and parse the query string (Express 5 parses it on each
      // read) for every request, only for ours to keep the method, the URL and the status.
      wrapSerializers: false,
      serializers: {
        req: (req: { method: string; url: string; originalUrl?: string }) => ({ method: req.method, url: redactUrl(req.originalUrl ?? req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        // pino-http makes an Error ("failed with status code 503") for a 5xx answered without
        // one: its stack is pino-http's own, so it is left out.
        err: (err: Error) =>
          SYNTHETIC_STATUS_ERROR.test(err?.message ?? '') ? { type: 'Error', message: err.message } : pino.stdSerializers.err(scrubLogValue(err) as Error),
      },
      hooks: {
        // Every argument of every log call (Nest's logger, TypeORM's, ours) has its BSNs masked.
        logMethod(args: unknown[], method: (...a: unknown[]) => void) {
          return method.apply(this, args.map((a) => scrubLogValue(a)));
        },
      },
      autoLogging: {
        ignore: (req: IncomingMessage) => /\/(health\/(live|ready)|metrics)$/.test(req.url?.split('?')[0] ?? ''),
      },
      // 503 is a dependency away for a moment (a database restart), said with Retry-After: a warning.
      customLogLevel: (_req: IncomingMessage, res: { statusCode: number }, err?: Error) =>
        res.statusCode === 503 ? 'warn' : err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      // Asynchronous writes without a minimum size: a line goes out as soon as the previous write
      // is done (lines logged meanwhile are written together), so a busy service still makes few
      // write(2) calls while an idle or starting one loses nothing it logged to a later kill;
      // what is pending is flushed synchronously at exit (pino registers that for a non-sync
      // destination, and our shutdown, start-failure and signal paths exit through process.exit).
      // A 4 KB minimum kept a starting service's first lines in memory, where a kill lost them.
      stream: destination(),
  };
}

let sharedDestination: ReturnType<typeof pino.destination> | undefined;

/** One stdout destination per process (pino-http and the boot logger write to the same one). */
function destination(): ReturnType<typeof pino.destination> {
  sharedDestination ??= pino.destination({ dest: 1, sync: false, minLength: 0 });
  return sharedDestination;
}

/** JSON logs (pino) that carry the service name and the correlation id of the work in progress. */
export function loggingModule(service: string): DynamicModule {
  // Read the level when the module is built, not when this file is loaded (tests set it late).
  return LoggerModule.forRootAsync({
    useFactory: () => ({
      // Express 5 route syntax (the default '*' makes Nest warn on every start).
      forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
      pinoHttp: pinoOptions(service),
    }),
  });
}

/**
 * The logger Nest uses from its very first line, before the module exists: the same pino, so a
 * service that fails while starting (no database, bad configuration) still speaks JSON.
 */
export function bootLogger(service: string): Logger {
  return new Logger(new PinoLogger({ pinoHttp: pinoOptions(service) }), {});
}
