import { Inject, Injectable, Optional } from '@nestjs/common';
import { CommonErrorCode, DomainError, InvalidParam, isRpcErrorBody, validatePayload } from '@vangnet/contracts';
import { context, SpanKind } from '@opentelemetry/api';
import { currentCorrelationId, MetricsService, NATS_CORRELATION_HEADER } from '@vangnet/observability';
import { ClassConstructor } from 'class-transformer';
import { ErrorCode, headers as natsHeaders, NatsConnection, NatsError } from 'nats';
import { NATS_CONNECTION } from '../nats.module';
import { prefixed } from '../subjects';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';
import { injectTraceHeaders, inSpan } from '../trace-context';
import { RPC_CALLER_HEADER, RPC_ERROR_HEADER } from './rpc-headers';

export const DEFAULT_REQUEST_TIMEOUT_MS = 2000;

/**
 * A request failed: nobody serves the subject (NO_RESPONDER), no answer in time (TIMEOUT), or the
 * handler answered with an error (its own code and invalidParams, unchanged).
 */
export class RpcRequestError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly subject: string,
    invalidParams?: InvalidParam[],
    details?: Record<string, unknown>,
  ) {
    super(code, message, code === CommonErrorCode.NO_RESPONDER || code === CommonErrorCode.TIMEOUT ? 503 : 502, invalidParams, details);
  }
}

export interface RequestOptions<R> {
  timeoutMs?: number;
  /** Validate the answer against this class (a malformed answer is an error, not a surprise later). */
  reply?: ClassConstructor<R & object>;
}

/**
 * Request/reply over NATS with a timeout on every call. Uses `nc.request()` directly (one shared
 * reply subscription), not Nest's ClientProxy, which subscribes per call and hides "no responder".
 */
@Injectable()
export class RpcClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly metrics: MetricsService,
    @Optional() @Inject(MESSAGING_OPTIONS) private readonly options?: MessagingOptions,
  ) {}

  /** Ask `subject`, inside a client span whose context travels in the request's headers. */
  request<R = unknown>(subject: string, payload: unknown, options: RequestOptions<R> = {}): Promise<R> {
    return inSpan(`${subject} send`, SpanKind.CLIENT, context.active(), () => this.send<R>(subject, payload, options));
  }

  private async send<R>(subject: string, payload: unknown, options: RequestOptions<R>): Promise<R> {
    const timeout = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    const h = natsHeaders();
    if (this.options?.service) h.set(RPC_CALLER_HEADER, this.options.service);
    const correlationId = currentCorrelationId();
    if (correlationId) h.set(NATS_CORRELATION_HEADER, correlationId);
    injectTraceHeaders(h);
    const end = this.metrics.messageDuration.startTimer({ kind: 'request-out', subject });
    let outcome = 'ok';
    try {
      const msg = await this.nc
        .request(prefixed(subject), Buffer.from(JSON.stringify(payload)), { timeout, headers: h })
        .catch((e: unknown) => {
          throw this.translate(e, subject, timeout);
        });
      let body: unknown;
      try {
        body = msg.data.length ? JSON.parse(Buffer.from(msg.data).toString('utf8')) : undefined;
      } catch {
        throw new RpcRequestError(CommonErrorCode.INTERNAL, `${subject} answered with malformed JSON`, subject);
      }
      if (msg.headers?.get(RPC_ERROR_HEADER)) {
        outcome = 'error';
        if (isRpcErrorBody(body)) throw new RpcRequestError(body.code, body.message, subject, body.invalidParams, body.details);
        throw new RpcRequestError(CommonErrorCode.INTERNAL, `${subject} failed`, subject);
      }
      if (options.reply) {
        const checked = validatePayload(options.reply, body);
        if (!checked.ok) {
          throw new RpcRequestError(CommonErrorCode.INTERNAL, `${subject} answered with an invalid reply`, subject, checked.invalidParams);
        }
        return checked.value as R;
      }
      return body as R;
    } catch (e) {
      if (outcome === 'ok') outcome = e instanceof RpcRequestError ? e.code.toLowerCase() : 'error';
      throw e;
    } finally {
      end({ outcome });
    }
  }

  private translate(e: unknown, subject: string, timeout: number): RpcRequestError {
    const code = (e as NatsError)?.code;
    if (code === ErrorCode.NoResponders) {
      return new RpcRequestError(CommonErrorCode.NO_RESPONDER, `nobody serves ${subject}`, subject);
    }
    if (code === ErrorCode.Timeout) {
      return new RpcRequestError(CommonErrorCode.TIMEOUT, `${subject} did not answer within ${timeout} ms`, subject);
    }
    return new RpcRequestError(CommonErrorCode.UNAVAILABLE, `${subject} could not be asked: ${(e as Error)?.message}`, subject);
  }
}
