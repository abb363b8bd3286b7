import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { RpcClient } from '@vangnet/messaging';
import { DataSource } from 'typeorm';
import { TestContext, TestService, waitFor } from '../src';
import { ConsumerModule, ProducerModule, WIDGET_CREATED_V1, WidgetService } from './support/widgets';

// With an OpenTelemetry SDK registered (here the in-memory one), an event's trace context travels
// from the producer's transaction through the outbox row and the NATS headers to the consumer's
// span, and a request's from the caller to the responder: one trace id across each pair.
describe('trace context across NATS', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let ctx: TestContext;
  let producer: TestService;
  let consumer: TestService;

  beforeAll(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
    ctx = await TestContext.create();
    producer = await ctx.start(ProducerModule, { service: 'housing' });
    consumer = await ctx.start(ConsumerModule, { service: 'finance' });
  });

  afterAll(async () => {
    await ctx?.close();
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  const spans = () => exporter.getFinishedSpans();
  const find = (name: string, traceId: string) => spans().find((s) => s.name === name && s.spanContext().traceId === traceId);

  it('should make the consumer’s span a child of the span that wrote the event', async () => {
    const tracer = trace.getTracer('test');
    let parent!: { traceId: string; spanId: string };
    await tracer.startActiveSpan('grant', async (span) => {
      parent = span.spanContext();
      await producer.app.get(WidgetService).create(['traced']);
      span.end();
    });
    // The outbox row carries it…
    const [row] = await producer.app.get(DataSource).query(`SELECT traceparent FROM outbox WHERE envelope->'data'->>'name' = 'traced'`);
    expect(row.traceparent).toBe(`00-${parent.traceId}-${parent.spanId}-01`);
    // …and the consumer's handler ran in a CONSUMER span of the same trace, under the producer's.
    const consumed = await waitFor(async () => find(`${WIDGET_CREATED_V1} process`, parent.traceId), 15_000, 'the consumer span');
    expect(consumed.kind).toBe(SpanKind.CONSUMER);
    expect(consumed.parentSpanContext?.spanId).toBe(parent.spanId);
    expect(consumed.attributes['messaging.message.id']).toEqual(expect.any(String));
    const applied = await consumer.app.get(DataSource).query(`SELECT event_id FROM applied WHERE name = 'traced'`);
    expect(applied).toEqual([{ event_id: consumed.attributes['messaging.message.id'] }]);
  });

  it('should make the responder’s span a child of the caller’s request span', async () => {
    const tracer = trace.getTracer('test');
    let traceId!: string;
    await tracer.startActiveSpan('ask', async (span) => {
      traceId = span.spanContext().traceId;
      await producer.app.get(RpcClient).request('finance.echo.ask', { text: 'hi', municipality: 'GM0546', delayMs: 0 });
      span.end();
    });
    const sent = find('finance.echo.ask send', traceId) as ReadableSpan;
    const served = await waitFor(async () => find('finance.echo.ask process', traceId), 5000, 'the server span');
    expect(sent.kind).toBe(SpanKind.CLIENT);
    expect(served.kind).toBe(SpanKind.SERVER);
    expect(served.parentSpanContext?.spanId).toBe(sent.spanContext().spanId);
  });

  it('should be a no-op without an SDK: events flow and no span is made', async () => {
    trace.disable();
    propagation.disable();
    const before = spans().length;
    await producer.app.get(WidgetService).create(['untraced']);
    await waitFor(async () => (await consumer.app.get(DataSource).query(`SELECT 1 FROM applied WHERE name = 'untraced'`)).length === 1, 15_000);
    expect(spans().length).toBe(before);
    trace.setGlobalTracerProvider(provider);
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  });
});
