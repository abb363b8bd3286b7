import { Attributes, context, isSpanContextValid, propagation, ROOT_CONTEXT, Span, SpanContext, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ExportResult, ExportResultCode, hrTimeToMicroseconds, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ReadableSpan, SimpleSpanProcessor, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE, ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { appendFileSync } from 'fs';
import type { IncomingMessage, ServerResponse } from 'http';

// Tracing (ADR 0014): the official OpenTelemetry SDK with the global W3C TraceContext propagator
// and the global tracer provider, so every lib (HTTP here, NATS in libs/messaging) uses the same
// ones through @opentelemetry/api. Spans are recorded only when an exporter is configured; the
// context manager and propagator are always on, so an incoming traceparent still travels on to
// the events and requests a service sends, and its trace id still reaches the logs.

export const TRACER_NAME = '@vangnet/observability';

/** What the environment asks for: OTLP over HTTP, the test file, or nothing. */
export function tracingExporters(env: NodeJS.ProcessEnv = process.env): { otlp: boolean; file?: string } {
  if (env.OTEL_SDK_DISABLED === 'true') return { otlp: false };
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((s) => s.trim());
  const otlp = exporters.includes('none')
    ? false
    : exporters.includes('otlp') || Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  return { otlp, file: env.VANGNET_TRACE_TEST_FILE || undefined };
}

/**
 * Writes each finished span as one JSON line to a file (VANGNET_TRACE_TEST_FILE): how the tests
 * read every service's spans. Appends synchronously, so a line is there when the span ends.
 */
export class JsonLinesFileSpanExporter implements SpanExporter {
  constructor(private readonly file: string) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    try {
      appendFileSync(this.file, spans.map((s) => `${JSON.stringify(spanRecord(s))}\n`).join(''));
      done({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      done({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export interface SpanRecord {
  service: string;
  name: string;
  kind: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  startUs: number;
  durationUs: number;
  status: number;
  attributes: Attributes;
}

function spanRecord(s: ReadableSpan): SpanRecord {
  return {
    service: String(s.resource.attributes[ATTR_SERVICE_NAME] ?? ''),
    name: s.name,
    kind: SpanKind[s.kind],
    traceId: s.spanContext().traceId,
    spanId: s.spanContext().spanId,
    parentSpanId: s.parentSpanContext?.spanId,
    startUs: hrTimeToMicroseconds(s.startTime),
    durationUs: hrTimeToMicroseconds(s.duration),
    status: s.status.code,
    attributes: s.attributes,
  };
}

/** The traces URL the environment names (the SDK's rule: the signal's own, else `<base>/v1/traces`). */
function otlpTracesUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  return undefined;
}

let provider: NodeTracerProvider | undefined;
let contextReady = false;

/**
 * Set up tracing for this process, before Nest starts: the context manager and the W3C
 * propagator always, the tracer provider with its exporters when configured (OTEL_* variables,
 * VANGNET_TRACE_TEST_FILE). Once per process: the first service to start names it.
 */
export function setupTracing(service: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (!contextReady) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    contextReady = true;
  }
  if (provider) return true;
  const { otlp, file } = tracingExporters(env);
  const spanProcessors: SpanProcessor[] = [];
  // The OTLP exporter reads OTEL_EXPORTER_OTLP_HEADERS and _TIMEOUT itself, the batch processor
  // OTEL_BSP_*; the URL is passed, so `env` decides it.
  if (otlp) spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: otlpTracesUrl(env) })));
  if (file) spanProcessors.push(new SimpleSpanProcessor(new JsonLinesFileSpanExporter(file)));
  if (!spanProcessors.length) return false;
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: env.OTEL_SERVICE_NAME || service }),
    spanProcessors,
  });
  trace.setGlobalTracerProvider(provider);
  return true;
}

/** Flush what is pending and stop recording (at shutdown; a later setupTracing starts anew). */
export async function shutdownTracing(): Promise<void> {
  const p = provider;
  provider = undefined;
  if (!p) return;
  await p.shutdown().catch(() => undefined);
  trace.disable();
}

/** The trace and span id of the work in progress, for the logs. */
export function activeSpanContext(): SpanContext | undefined {
  const sc = trace.getSpan(context.active())?.spanContext();
  return sc && isSpanContextValid(sc) ? sc : undefined;
}

/** The W3C traceparent of the active span, if there is one. */
export function activeTraceparent(): string | undefined {
  const sc = activeSpanContext();
  return sc ? `00-${sc.traceId}-${sc.spanId}-${(sc.traceFlags & 1).toString(16).padStart(2, '0')}` : undefined;
}

const SPAN = Symbol('vangnet.span');

/**
 * Express middleware: one SERVER span per HTTP request, a child of the caller's traceparent.
 * Named and labelled by the route template once routing has matched (never the URL: a path or a
 * query may carry personal data); the rest of the request runs with the span active.
 */
export function httpTracing(opts: { ignore?: RegExp } = {}) {
  const ignore = opts.ignore ?? /\/(health\/(live|ready)|metrics)$/;
  return (req: IncomingMessage & { route?: { path?: string }; baseUrl?: string }, res: ServerResponse, next: () => void): void => {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers, {
      get: (h, key) => h[key] as string | string[] | undefined,
      keys: (h) => Object.keys(h),
    });
    if (ignore.test((req.url ?? '').split('?')[0])) return context.with(parent, next);
    // Nothing records spans (no exporter): a span would be the caller's context again, so the
    // request runs in that context (its traceparent still travels on), without a span, its
    // listeners and its attributes. Only a request that brought a trace needs a context at all.
    if (!provider) return parent === ROOT_CONTEXT ? next() : context.with(parent, next);
    const method = req.method ?? 'GET';
    const span: Span = trace.getTracer(TRACER_NAME).startSpan(method, { kind: SpanKind.SERVER, attributes: { [ATTR_HTTP_REQUEST_METHOD]: method } }, parent);
    (req as unknown as Record<symbol, Span>)[SPAN] = span;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      const route = routeTemplate(req);
      if (route) {
        span.updateName(`${method} ${route}`);
        span.setAttribute(ATTR_HTTP_ROUTE, route);
      }
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      if (!res.writableFinished) span.setAttribute('vangnet.http.aborted', true);
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    context.with(trace.setSpan(parent, span), next);
  };
}

/** The route template Express matched (`/api/access/v1/persons/:id`), if any. */
function routeTemplate(req: { route?: { path?: unknown }; baseUrl?: string }): string | undefined {
  const path = req.route?.path;
  if (typeof path !== 'string') return undefined;
  return `${req.baseUrl ?? ''}${path}`;
}
