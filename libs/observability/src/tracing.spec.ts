import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { activeTraceparent, setupTracing, shutdownTracing, tracingExporters } from './tracing';

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

// The OTLP exporter loads `http` with a dynamic import(), which Jest's VM refuses: its export is
// tested on a real service process (libs/testing/test/tracing-readiness.int-spec.ts).
