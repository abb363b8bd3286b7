import { InvalidParam } from '@vangnet/contracts';
import { prefixed, respondRpc } from '@vangnet/messaging';
import { Msg, NatsConnection, Subscription } from 'nats';

/** What the stub answers: a reply, an error as a Vangnet handler sends it, or nothing (the caller's TIMEOUT). */
export type StubAnswer =
  | { reply: unknown }
  | { error: { code: string; message?: string; invalidParams?: InvalidParam[]; details?: Record<string, unknown> } }
  | { silent: true };

export type StubAnswers<Req> = StubAnswer | ((request: Req) => StubAnswer);

/**
 * A NATS peer replaced by a stub, for the middle tier of tests: one service started for real (its
 * own PostgreSQL, the real NATS), and the service it asks answered from here, on the run's
 * subject prefix and in the wire format RpcClient reads. Records what it was asked.
 *
 *   const procurement = await ctx.stub<ContractCheckRequest>(CONTRACT_CHECK, (q) =>
 *     q.providerAgb === AGB ? { reply: approval } : { reply: { ok: false, code: 'NO_CONTRACT' } });
 *   procurement.answer({ error: { code: 'UNKNOWN_PROVIDER' } });   // from now on
 *   expect(procurement.requests).toHaveLength(1);
 */
export class StubResponder<Req = unknown> {
  readonly requests: Req[] = [];
  private sub?: Subscription;

  private constructor(
    readonly subject: string,
    private answers: StubAnswers<Req>,
  ) {}

  /** Serve `subject` (without the prefix) until `stop()`; a queue group stands in for the service's replicas. */
  static async start<Req = unknown>(nc: NatsConnection, subject: string, answers: StubAnswers<Req>, opts: { queue?: string } = {}): Promise<StubResponder<Req>> {
    const stub = new StubResponder<Req>(subject, answers);
    stub.sub = nc.subscribe(prefixed(subject), { queue: opts.queue, callback: (err, msg) => (err ? undefined : stub.handle(msg)) });
    // The server knows the subscription before the service under test asks.
    await nc.flush();
    return stub;
  }

  /** Answer differently from now on. */
  answer(answers: StubAnswers<Req>): void {
    this.answers = answers;
  }

  async stop(): Promise<void> {
    if (this.sub && !this.sub.isClosed()) await this.sub.drain().catch(() => undefined);
  }

  private handle(msg: Msg): void {
    let request: Req;
    try {
      request = (msg.data.length ? JSON.parse(Buffer.from(msg.data).toString('utf8')) : undefined) as Req;
    } catch {
      return respondRpc(msg, { code: 'INVALID_JSON', message: 'the stub got a request that is not JSON' });
    }
    this.requests.push(request);
    const answer = typeof this.answers === 'function' ? this.answers(request) : this.answers;
    if ('silent' in answer) return;
    if ('error' in answer) {
      const { code, message, invalidParams, details } = answer.error;
      return respondRpc(msg, { code, message: message ?? `the stub answers ${code}`, ...(invalidParams ? { invalidParams } : {}), ...(details ? { details } : {}) });
    }
    respondRpc(msg, undefined, answer.reply);
  }
}
