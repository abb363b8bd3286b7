import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { EventEmitter } from 'events';
import type { IncomingMessage, ServerResponse } from 'http';
import { activeTraceparent, httpTracing, setupTracing, shutdownTracing, tracingExporters } from './tracing';

describe(tracingExporters.name, () => {
  it('should be off by default and on with the standard OTel variables or the test file', () => {
    expect(tracingExporters({})).toEqual({ otlp: false, file: undefined });
    expect(tracingExporters({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }).otlp).toBe(true);
    expect(tracingExporters({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' }).otlp).toBe(true);
    expect(tracingExporters({ OTEL_TRACES_EXPORTER: 'otlp' }).otlp).toBe(true);
    expect(tracingExporters({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' }).otlp).toBe(false);
    expect(tracingExporters({ OTEL_SDK_DISABLED: 'true', VANGNET_TRACE_TEST_FILE: '/tmp/x' })).toEqual({ otlp: false });
    expect(tracingExporters({ VANGNET_TRACE_TEST_FILE: '/tmp/x' })).toEqual({ otlp: false, file: '/tmp/x' });
  });
});

describe(activeTraceparent.name, () => {
  afterAll(() => shutdownTracing());

  it('should carry the caller’s trace when no exporter records spans (the context and W3C propagator are always on)', () => {
    expect(setupTracing('finance', {})).toBe(false);
    const parent = propagation.extract(ROOT_CONTEXT, { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
    expect(activeTraceparent()).toBeUndefined();
    context.with(parent, () => {
      expect(activeTraceparent()).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
      const span = trace.getTracer('test').startSpan('GET /x');
      expect(span.isRecording()).toBe(false);
      expect(span.spanContext().traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    });
  });
});

describe(httpTracing.name, () => {
  afterAll(() => shutdownTracing());

  it('should run a request in its caller’s trace without a span when nothing records spans', () => {
    expect(setupTracing('finance', {})).toBe(false);
    const middleware = httpTracing();
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const seen: Array<string | undefined> = [];
    const res = new EventEmitter() as unknown as ServerResponse;
    for (const headers of [{ traceparent }, {}, { traceparent: 'not-a-traceparent' }]) {
      middleware({ method: 'GET', url: '/api/finance/v1/x', headers } as unknown as IncomingMessage, res, () => seen.push(activeTraceparent()));
    }
    expect(seen).toEqual([traceparent, undefined, undefined]);
    // No span: nothing waits for the answer to end one.
    expect(res.listenerCount('finish') + res.listenerCount('close')).toBe(0);
  });
});

// The OTLP exporter loads `http` with a dynamic import(), which Jest's VM refuses: its export is
// tested on a real service process (libs/testing/test/tracing-readiness.int-spec.ts).
