import { Context, context, Link, propagation, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, TextMapGetter, trace } from '@opentelemetry/api';
import { currentTraceparent } from '@vangnet/observability';
import { MsgHdrs } from 'nats';

/** W3C trace context, in NATS headers and outbox rows under the same names. */
export const TRACEPARENT = 'traceparent';
export const TRACESTATE = 'tracestate';

/** The messaging lib's tracer: a no-op until an OpenTelemetry SDK is registered. */
export const tracer = () => trace.getTracer('@vangnet/messaging');

export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/**
 * The trace context of the work in progress, as W3C headers. The registered propagator writes it
 * (none without an SDK); failing that, the traceparent the request context carries (libs/observability).
 */
export function activeTraceContext(): TraceCarrier {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const out: TraceCarrier = {};
  const traceparent = carrier[TRACEPARENT] ?? currentTraceparent();
  if (traceparent) out.traceparent = traceparent;
  if (carrier[TRACESTATE]) out.tracestate = carrier[TRACESTATE];
  return out;
}

/** Set the active trace context on outgoing NATS headers. */
export function injectTraceHeaders(h: MsgHdrs): void {
  const { traceparent, tracestate } = activeTraceContext();
  if (traceparent) h.set(TRACEPARENT, traceparent);
  if (tracestate) h.set(TRACESTATE, tracestate);
}

const natsHeaderGetter: TextMapGetter<MsgHdrs | undefined> = {
  keys: (h) => (h ? [...h.keys()] : []),
  get: (h, key) => {
    const v = h?.get(key);
    return v ? v : undefined;
  },
};

/** The caller's trace context from incoming NATS headers (the root context when there is none). */
export function extractTraceContext(h: MsgHdrs | undefined): Context {
  return propagation.extract(ROOT_CONTEXT, h, natsHeaderGetter);
}

/**
 * Run `fn` inside a span whose parent is `parent` (the context a message carried), linked to
 * `links` (the contexts of the messages a batch span processes). The span records a thrown error
 * and ends when `fn` settles. Without an SDK the span is a no-op.
 */
export function inSpan<T>(name: string, kind: SpanKind, parent: Context, fn: (span: Span) => Promise<T>, links: Link[] = []): Promise<T> {
  return tracer().startActiveSpan(name, links.length ? { kind, links } : { kind }, parent, async (span) => {
    try {
      return await fn(span);
    } catch (e) {
      span.recordException(e as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error)?.message });
      throw e;
    } finally {
      span.end();
    }
  });
}
