import { randomFillSync, randomUUID } from 'crypto';
import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { CLS_ID, ClsServiceManager } from 'nestjs-cls';
import { activeTraceparent } from './tracing';

/** HTTP carries the correlation id in X-Correlation-Id and W3C trace context in traceparent. */
export const HTTP_CORRELATION_HEADER = 'x-correlation-id';
export const TRACEPARENT_HEADER = 'traceparent';
/** NATS headers: the same two, plus the event id that caused a message. */
export const NATS_CORRELATION_HEADER = 'Vangnet-Correlation-Id';
export const NATS_TRACEPARENT_HEADER = 'traceparent';

const CLS_TRACEPARENT = 'traceparent';
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

// Random ids from a pool filled 4 KB at a time: two randomBytes() calls per request (a new
// traceparent for every request that comes without one) were 2 % of a list read's CPU.
const RANDOM_POOL = Buffer.alloc(4096);
let randomOffset = RANDOM_POOL.length;

/** `bytes` random bytes as hex, never all zeros (W3C trace context: an all-zero id is invalid). */
export function randomHex(bytes: number): string {
  for (;;) {
    if (randomOffset + bytes > RANDOM_POOL.length) {
      randomFillSync(RANDOM_POOL);
      randomOffset = 0;
    }
    const start = randomOffset;
    randomOffset += bytes;
    if (RANDOM_POOL.subarray(start, start + bytes).some((b) => b !== 0)) return RANDOM_POOL.toString('hex', start, start + bytes);
  }
}

export function newTraceparent(traceId?: string): string {
  return `00-${traceId ?? randomHex(16)}-${randomHex(8)}-01`;
}

/** The trace id of an incoming traceparent, if it is well-formed. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  return traceparent ? TRACEPARENT.exec(traceparent)?.[1] : undefined;
}

/**
 * The correlation id for an incoming message: the caller's X-Correlation-Id when it is sane,
 * else the trace id of its traceparent, else a new id.
 */
export function correlationIdFrom(header: string | undefined, traceparent?: string): string {
  if (header && SAFE_ID.test(header)) return header;
  return traceIdOf(traceparent) ?? randomUUID();
}

/** The correlation id of the work in progress (HTTP request, NATS request or event), if any. */
export function currentCorrelationId(): string | undefined {
  const cls = ClsServiceManager.getClsService();
  return cls.isActive() ? (cls.getId() as string | undefined) : undefined;
}

/** The traceparent to send on: the active OpenTelemetry span's, else the one the context carries. */
export function currentTraceparent(): string | undefined {
  const active = activeTraceparent();
  if (active) return active;
  const cls = ClsServiceManager.getClsService();
  return cls.isActive() ? cls.get<string>(CLS_TRACEPARENT) : undefined;
}

/** Run `fn` in a fresh context that carries this correlation id (and the caller's trace context, if any). */
export function runWithCorrelation<T>(correlationId: string, traceparent: string | undefined, fn: () => T): T {
  const cls = ClsServiceManager.getClsService();
  // The OpenTelemetry context follows: the caller's trace when it is given, else none (a job
  // started during a request is not part of that request's trace).
  const valid = traceparent && traceIdOf(traceparent) ? traceparent : undefined;
  const otel = valid ? propagation.extract(ROOT_CONTEXT, { traceparent: valid }) : ROOT_CONTEXT;
  return context.with(otel, () =>
    cls.run({ ifNested: 'override' }, () => {
      cls.set(CLS_ID, correlationId);
      if (valid) cls.set(CLS_TRACEPARENT, valid);
      return fn();
    }),
  );
}

/**
 * Run a background job (a timer, a scheduled check) in a context of its own, never the one of
 * whatever request or event scheduled it (nestjs-cls would otherwise inherit that context, and its
 * finished transaction). Its logs carry a `job:<name>:` correlation id.
 */
export function runAsJob<T>(name: string, fn: () => T): T {
  return runWithCorrelation(`job:${name}:${randomUUID()}`, undefined, fn);
}

export function setTraceparent(traceparent: string): void {
  const cls = ClsServiceManager.getClsService();
  if (cls.isActive()) cls.set(CLS_TRACEPARENT, traceparent);
}
