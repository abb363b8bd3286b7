import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { CommonErrorCode, DomainError, InvalidParam, ProblemDetails } from '@vangnet/contracts';
import { capInvalidParams, RpcExceptionFilter } from '@vangnet/messaging';
import { currentCorrelationId, maskBsns } from '@vangnet/observability';
import type { NextFunction, Request, Response } from 'express';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

const RESERVED = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'correlationId', 'invalidParams']);

export function problem(
  status: number,
  code: string,
  detail: string,
  instance?: string,
  invalidParams?: InvalidParam[],
  extensions?: Record<string, unknown>,
): ProblemDetails {
  // Extension members (RFC 9457 §3.2), e.g. the id of the existing resource on a 409.
  const extra = Object.fromEntries(Object.entries(extensions ?? {}).filter(([k]) => !RESERVED.has(k)));
  return {
    type: `urn:vangnet:problem:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance,
    code,
    correlationId: currentCorrelationId(),
    ...capInvalidParams(invalidParams),
    ...extra,
  };
}

const HTTP_CODES: Record<number, string> = {
  400: CommonErrorCode.VALIDATION_FAILED,
  401: CommonErrorCode.UNAUTHENTICATED,
  403: CommonErrorCode.FORBIDDEN,
  404: CommonErrorCode.NOT_FOUND,
  409: CommonErrorCode.CONFLICT,
  412: CommonErrorCode.PRECONDITION_FAILED,
  413: CommonErrorCode.PAYLOAD_TOO_LARGE,
};

/** The database cannot be reached or is going away: the client should retry, not report a bug. */
export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';
/** Seconds a client waits before retrying a request the database could not serve. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// SQLSTATE classes and codes that mean "the server is not there for you now" (PostgreSQL
// Appendix A): 08 connection exception, 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
// cannot_connect_now, 53300 too_many_connections.
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
// node-postgres and its pool, when the socket dies or no connection comes in time.
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/i,
  /^timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /^Client was closed and is not queryable/i,
  /^Cannot use a pool after calling end on the pool/i,
  /^Connection ended unexpectedly/i,
];
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

function databasePort(env: NodeJS.ProcessEnv = process.env): number | undefined {
  try {
    return env.DATABASE_URL ? Number(new URL(env.DATABASE_URL).port || 5432) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Is this error the database being unreachable or shutting down (a restart, a failover, a pool
 * that got no connection in time), rather than a bug? Looks at the error and the driver error
 * TypeORM wraps. A bare socket error counts only when it is about the database's port, so a
 * refused connection to another service is not mistaken for one.
 */
export function isDatabaseUnavailable(exception: unknown): boolean {
  for (const e of [exception, (exception as { driverError?: unknown } | null)?.driverError]) {
    if (!e || typeof e !== 'object') continue;
    const err = e as { code?: unknown; message?: unknown; port?: unknown; syscall?: unknown };
    const code = typeof err.code === 'string' ? err.code : '';
    if (/^[0-9A-Z]{5}$/.test(code) && (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code))) return true;
    if (SOCKET_CODES.has(code) && (err.port === undefined || err.port === databasePort())) return true;
    if (typeof err.message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(err.message as string))) return true;
    // TypeORM's answer when the connection under a transaction went away mid-request (seen in the
    // PostgreSQL-restart drill): the request did not happen, and may be retried.
    if ((e as Error).name === 'QueryRunnerAlreadyReleasedError') return true;
  }
  return false;
}

export function toProblem(exception: unknown, instance?: string): ProblemDetails {
  if (isDatabaseUnavailable(exception)) {
    return problem(HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE, 'the database is unavailable for a moment; try again shortly', instance);
  }
  if (exception instanceof DomainError) {
    return problem(exception.status, exception.code, exception.message, instance, exception.invalidParams, exception.details);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const detail = typeof response === 'object' && response && 'message' in response ? String((response as { message: unknown }).message) : exception.message;
    return problem(status, HTTP_CODES[status] ?? `HTTP_${status}`, detail, instance);
  }
  return problem(HttpStatus.INTERNAL_SERVER_ERROR, CommonErrorCode.INTERNAL, 'an unexpected error occurred', instance);
}

/**
 * The `instance` of a problem: the request's path without its query string (a query may carry a
 * BSN, and problems are logged and shown; ARCHITECTURE §6), with any BSN in the path masked.
 */
export function problemPath(req: { originalUrl?: string; url?: string }): string {
  const url = req.originalUrl ?? req.url ?? '';
  const q = url.indexOf('?');
  // A BSN in the path itself (`/persons/<bsn>`, a client's mistake) is masked too.
  return maskBsns(q < 0 ? url : url.slice(0, q));
}

export function sendProblem(res: Response, body: ProblemDetails): void {
  if (body.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
  if (body.code === DATABASE_UNAVAILABLE) res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
  res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

/**
 * The one exception filter: HTTP errors become RFC 9457 problem+json (Dutch API design rules),
 * NATS request errors become `{code, message, invalidParams}`.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');
  private readonly rpc = new RpcExceptionFilter();

  catch(exception: unknown, host: ArgumentsHost) {
    if (host.getType() === 'rpc') {
      // A NATS request that met the database away answers DATABASE_UNAVAILABLE, not INTERNAL.
      if (isDatabaseUnavailable(exception)) {
        this.logger.warn(`database unavailable: ${describe(exception)}`);
        return this.rpc.catch(new DomainError(DATABASE_UNAVAILABLE, 'the database is unavailable for a moment; try again shortly', HttpStatus.SERVICE_UNAVAILABLE), host);
      }
      return this.rpc.catch(exception, host);
    }
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const body = toProblem(exception, problemPath(req));
    if (body.code === DATABASE_UNAVAILABLE) {
      // Expected during a restart or failover: one line, no stack.
      this.logger.warn(`database unavailable: ${describe(exception)}`);
    } else if (body.status >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (res.headersSent) return;
    sendProblem(res, body);
  }
}

function describe(exception: unknown): string {
  const e = exception as { code?: unknown; message?: unknown; driverError?: { code?: unknown } };
  const code = e?.code ?? e?.driverError?.code;
  return `${typeof code === 'string' ? `${code} ` : ''}${maskBsns(String(e?.message ?? exception))}`;
}

/**
 * An absolute-form request target (`GET http://host/api/x HTTP/1.1`, RFC 9112 §3.2.2) becomes
 * origin-form, so every route, proxy and log sees a path.
 */
export function originForm(req: Request, _res: Response, next: NextFunction): void {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(req.url);
  if (absolute) req.url = req.url.slice(absolute[0].length) || '/';
  if (req.url.startsWith('//')) req.url = `/${req.url.replace(/^\/+/, '')}`;
  next();
}

const edgeLogger = new Logger('Edge');

/**
 * Express error handler for what happens before Nest's router: body parsing as a 4xx, anything
 * else (a middleware's own failure) as a 500 whose message stays in the log.
 */
export function bodyParserErrorHandler(
  err: { type?: string; status?: number; statusCode?: number; expose?: boolean; message?: string; stack?: string },
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (!err) return next();
  if (res.headersSent) return next(err);
  if (err.type === 'entity.too.large') {
    return sendProblem(res, problem(413, CommonErrorCode.PAYLOAD_TOO_LARGE, 'the request body is larger than this route accepts', problemPath(req)));
  }
  if (err.type === 'entity.parse.failed') {
    return sendProblem(res, problem(400, CommonErrorCode.INVALID_JSON, `the request body is not valid JSON: ${err.message}`, problemPath(req)));
  }
  if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') {
    return sendProblem(res, problem(415, 'UNSUPPORTED_MEDIA_TYPE', err.message ?? 'unsupported encoding', problemPath(req)));
  }
  const status = err.status ?? err.statusCode;
  // http-errors from the parsers (request aborted, bad length) are the client's and say so.
  if (err.expose && status && status >= 400 && status < 500) {
    return sendProblem(res, problem(status, HTTP_CODES[status] ?? `HTTP_${status}`, err.message ?? 'bad request', problemPath(req)));
  }
  edgeLogger.error(err.stack ?? err.message ?? String(err));
  return sendProblem(res, problem(HttpStatus.INTERNAL_SERVER_ERROR, CommonErrorCode.INTERNAL, 'an unexpected error occurred', problemPath(req)));
}
