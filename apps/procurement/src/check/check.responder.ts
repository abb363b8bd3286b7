import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import {
  CommonErrorCode,
  CONTRACT_CHECK,
  ContractCheckApproval,
  ContractCheckRefusal,
  ContractCheckRequest,
  isAgbCode,
  isIsoDate,
  isMunicipalityCode,
  PRODUCT_CODE_PATTERN,
  ProductCategory,
  RpcErrorBody,
  validatePayload,
} from '@vangnet/contracts';
import { SpanKind, type Span } from '@opentelemetry/api';
import { extractTraceContext, NATS_CONNECTION, prefixed, respondRpc, toRpcErrorBody, tracer } from '@vangnet/messaging';
import { correlationIdFrom, MetricsService, NATS_CORRELATION_HEADER, NATS_TRACEPARENT_HEADER, runWithCorrelation } from '@vangnet/observability';
import { Msg, NatsConnection, Subscription } from 'nats';
import { CheckRequest } from './check.dto';
import { CheckService } from './check.service';

const CATEGORIES = new Set<string>(Object.values(ProductCategory));
const QUESTION_KEYS = new Set(['providerAgb', 'municipality', 'product', 'date']);

/**
 * Serves procurement.contract.check straight from the NATS subscription (ADR 0023), in the same
 * queue group and on the same wire as the platform's RPC server: plain JSON both ways, errors as
 * `{code, message, invalidParams?}` with the Vangnet-Error header, VALIDATION_FAILED naming the
 * fields exactly as the validation pipe does (the contract class decides every doubtful case).
 * A question the read model can answer is answered synchronously inside the subscription
 * callback, so the replies to one socket read leave in one write; the rest take the async path.
 */
@Injectable()
export class CheckResponder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CheckResponder.name);
  private sub?: Subscription;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly checks: CheckService,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    this.sub = this.nc.subscribe(prefixed(CONTRACT_CHECK), {
      queue: 'procurement',
      callback: (err, msg) => {
        if (err) return this.logger.error(err.message);
        this.handle(msg);
      },
    });
  }

  /** Stop taking questions, answer the ones in hand. */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.sub && !this.sub.isClosed()) await this.sub.drain().catch(() => undefined);
    await Promise.all([...this.inFlight]);
  }

  private readonly spans = new WeakMap<Msg, Span>();

  private handle(msg: Msg): void {
    // A server span, the caller's child (its context came in the headers), ended with the answer:
    // the check is answered here, outside the RPC server that does this for the other requests.
    this.spans.set(msg, tracer().startSpan(`${CONTRACT_CHECK} process`, { kind: SpanKind.SERVER }, extractTraceContext(msg.headers)));
    const end = this.metrics.messageDuration.startTimer({ kind: 'request-in', subject: CONTRACT_CHECK });
    let question: ContractCheckRequest;
    try {
      const payload: unknown = msg.data.length ? JSON.parse(Buffer.from(msg.data).toString('utf8')) : undefined;
      question = fastQuestion(payload) ?? validated(payload);
    } catch (e) {
      const body = e instanceof SyntaxError ? { code: CommonErrorCode.INVALID_JSON, message: 'the request is not valid JSON' } : toRpcErrorBody(e);
      end({ outcome: body.code.toLowerCase() });
      return this.reply(msg, body);
    }
    let cached: ContractCheckApproval | ContractCheckRefusal | undefined;
    try {
      cached = this.checks.cached(question);
    } catch (e) {
      return this.failed(msg, e, end);
    }
    if (cached) {
      end({ outcome: 'ok' });
      return this.reply(msg, undefined, cached);
    }
    // Not cached yet: load inside a request context (correlation id, CLS for the repositories).
    const correlationId = correlationIdFrom(msg.headers?.get(NATS_CORRELATION_HEADER), msg.headers?.get(NATS_TRACEPARENT_HEADER));
    const p = runWithCorrelation(correlationId, msg.headers?.get(NATS_TRACEPARENT_HEADER) || undefined, () => this.checks.check(question)).then(
      (result) => {
        end({ outcome: 'ok' });
        this.reply(msg, undefined, result);
      },
      (e) => this.failed(msg, e, end),
    );
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private failed(msg: Msg, e: unknown, end: (labels: { outcome: string }) => void): void {
    const body = toRpcErrorBody(e);
    end({ outcome: body.code.toLowerCase() });
    this.reply(msg, body);
  }

  private reply(msg: Msg, error?: RpcErrorBody, result?: unknown): void {
    respondRpc(msg, error, result);
    this.spans.get(msg)?.end();
  }

}

/**
 * The question when it is plainly valid: only what the contract class accepts too (strictly
 * narrower, so it never lets through what the class refuses). Anything else: undefined.
 */
export function fastQuestion(p: unknown): ContractCheckRequest | undefined {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return undefined;
  const q = p as Record<string, unknown>;
  for (const k in q) if (!QUESTION_KEYS.has(k)) return undefined;
  const product = q.product as Record<string, unknown> | null | undefined;
  if (typeof product !== 'object' || product === null || Array.isArray(product)) return undefined;
  for (const k in product) if (k !== 'category' && k !== 'code') return undefined;
  const { category, code } = product;
  if (typeof category !== 'string' || !CATEGORIES.has(category)) return undefined;
  if (code !== undefined && (typeof code !== 'string' || !PRODUCT_CODE_PATTERN.test(code))) return undefined;
  if (!isAgbCode(q.providerAgb) || !isMunicipalityCode(q.municipality) || !isIsoDate(q.date)) return undefined;
  return {
    providerAgb: q.providerAgb,
    municipality: q.municipality,
    product: code === undefined ? { category: category as ProductCategory } : { category: category as ProductCategory, code },
    date: q.date,
  };
}

/** The validation pipe's verdict, for everything the fast path does not take. */
function validated(payload: unknown): ContractCheckRequest {
  const result = validatePayload(CheckRequest, payload, { forbidUnknown: true });
  if (result.ok) return result.value;
  const error: RpcErrorBody = { code: CommonErrorCode.VALIDATION_FAILED, message: 'the request has invalid fields', invalidParams: result.invalidParams };
  throw error;
}
