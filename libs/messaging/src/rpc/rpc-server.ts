import { SpanKind } from '@opentelemetry/api';
import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, NatsContext, Server } from '@nestjs/microservices';
import { CommonErrorCode, RpcErrorBody } from '@vangnet/contracts';
import {
  correlationIdFrom,
  MetricsService,
  NATS_CORRELATION_HEADER,
  NATS_TRACEPARENT_HEADER,
  runWithCorrelation,
} from '@vangnet/observability';
import { Msg, NatsConnection, Subscription } from 'nats';
import { lastValueFrom } from 'rxjs';
import { prefixed } from '../subjects';
import { extractTraceContext, inSpan } from '../trace-context';
import { inspectPayload } from './payload-guard';
import { toRpcErrorBody } from './rpc-errors';
import { respondRpc } from './rpc-headers';

export interface NatsRpcServerOptions {
  /** Queue group: replicas of one service share the requests. */
  queue: string;
  metrics?: MetricsService;
}

/**
 * Serves `@MessagePattern(subject)` handlers over the service's NATS connection. The wire is
 * plain JSON both ways (any NATS client can ask); an error reply carries the Vangnet-Error header
 * and `{code, message, invalidParams?}`. Connect it with `inheritAppConfig: true` so the global
 * validation pipe and exception filter apply.
 */
export class NatsRpcServer extends Server implements CustomTransportStrategy {
  private readonly subs: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  protected override readonly logger = new Logger('NatsRpc');

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: NatsRpcServerOptions,
  ) {
    super();
  }

  listen(callback: (err?: unknown) => void): void {
    try {
      for (const [pattern, handler] of this.messageHandlers.entries()) {
        const sub = this.nc.subscribe(prefixed(pattern), {
          queue: this.options.queue,
          callback: (err, msg) => {
            if (err) return this.logger.error(err.message);
            const p = this.handle(pattern, handler, msg);
            this.inFlight.add(p);
            void p.finally(() => this.inFlight.delete(p));
          },
        });
        this.subs.push(sub);
      }
      callback();
    } catch (e) {
      callback(e);
    }
  }

  /** Stop taking requests (drain the subscriptions) and finish the ones in flight. */
  async close(): Promise<void> {
    await Promise.all(this.subs.map((s) => (s.isClosed() ? undefined : s.drain().catch(() => undefined))));
    await Promise.all([...this.inFlight]);
  }

  on(): void {
    /* connection events are the NATS module's job */
  }

  unwrap<T>(): T {
    return this.nc as T;
  }

  private async handle(pattern: string, handler: MessageHandler, msg: Msg): Promise<void> {
    const end = this.options.metrics?.messageDuration.startTimer({ kind: 'request-in', subject: pattern });
    const correlationId = correlationIdFrom(msg.headers?.get(NATS_CORRELATION_HEADER), msg.headers?.get(NATS_TRACEPARENT_HEADER));
    // The handler runs in a server span, a child of the caller's (its context came in the headers).
    const parent = extractTraceContext(msg.headers);
    const traced = (fn: () => Promise<void>) => inSpan(`${pattern} process`, SpanKind.SERVER, parent, fn);
    await runWithCorrelation(correlationId, msg.headers?.get(NATS_TRACEPARENT_HEADER) || undefined, () => traced(async () => {
      let payload: unknown;
      try {
        payload = msg.data.length ? JSON.parse(Buffer.from(msg.data).toString('utf8')) : undefined;
      } catch {
        end?.({ outcome: 'invalid_json' });
        return this.reply(msg, { code: CommonErrorCode.INVALID_JSON, message: 'the request is not valid JSON' });
      }
      try {
        inspectPayload(payload);
        const ctx = new NatsContext([msg.subject, msg.headers as never]);
        const result = await lastValueFrom(this.transformToObservable(await handler(payload, ctx)), { defaultValue: null });
        end?.({ outcome: 'ok' });
        this.reply(msg, undefined, result);
      } catch (e) {
        const body = toRpcErrorBody(e);
        end?.({ outcome: body.code.toLowerCase() });
        this.reply(msg, body);
      }
    }));
  }

  private reply(msg: Msg, error?: RpcErrorBody, result?: unknown): void {
    respondRpc(msg, error, result);
  }

}
