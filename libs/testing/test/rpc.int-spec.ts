import { CommonErrorCode } from '@vangnet/contracts';
import { prefixed, RPC_ERROR_HEADER, RpcClient, RpcRequestError } from '@vangnet/messaging';
import { runWithCorrelation } from '@vangnet/observability';
import { ClsService } from 'nestjs-cls';
import { TestContext, TestService } from '../src';
import { ConsumerModule } from './support/widgets';

const ECHO = 'finance.echo.ask';

describe('request/reply over NATS', () => {
  let ctx: TestContext;
  let svc: TestService;
  let rpc: RpcClient;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await ctx.start(ConsumerModule, { service: 'finance' });
    rpc = svc.app.get(RpcClient);
  });

  afterAll(() => ctx.close());

  const ask = (payload: unknown, timeoutMs?: number) => rpc.request<{ text: string }>(ECHO, payload, { timeoutMs });
  const valid = { text: 'hello', municipality: 'GM0546', delayMs: 0 };

  it('should answer through the platform client', async () => {
    await expect(ask(valid)).resolves.toEqual({ text: 'hello' });
  });

  it('should fail fast with NO_RESPONDER when nobody serves the subject', async () => {
    const started = Date.now();
    const err = await rpc.request('finance.nobody.home', {}).catch((e) => e);
    expect(err).toBeInstanceOf(RpcRequestError);
    expect(err).toMatchObject({ code: CommonErrorCode.NO_RESPONDER, status: 503 });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('should fail at its timeout when the handler is slow', async () => {
    const started = Date.now();
    const err = await ask({ ...valid, delayMs: 1500 }, 300).catch((e) => e);
    expect(err).toMatchObject({ code: CommonErrorCode.TIMEOUT });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(1400);
  });

  it('should bring the handler’s validation failure to the caller with the field names', async () => {
    const err = await ask({ text: '', municipality: '0546', delayMs: -1, extra: true }).catch((e) => e);
    expect(err).toMatchObject({ code: CommonErrorCode.VALIDATION_FAILED });
    expect(err.invalidParams.map((p: { name: string }) => p.name).sort()).toEqual(['delayMs', 'extra', 'municipality', 'text']);
    // The same fields in `details`, the shape issue 2 names.
    expect(err.details.invalidParams).toEqual(err.invalidParams);
  });

  it('should carry a domain error’s own code, and turn an unexpected error into INTERNAL without details', async () => {
    await expect(ask({ ...valid, text: 'rule' })).rejects.toMatchObject({ code: 'ECHO_REFUSED', message: 'echo refuses "rule"' });
    const err = await ask({ ...valid, text: 'crash' }).catch((e) => e);
    expect(err.code).toBe(CommonErrorCode.INTERNAL);
    expect(err.message).not.toContain('something internal broke');
  });

  it('should serve any NATS client in plain JSON, with errors flagged in a header', async () => {
    const ok = await ctx.nc.request(prefixed(ECHO), Buffer.from(JSON.stringify(valid)), { timeout: 2000 });
    expect(JSON.parse(Buffer.from(ok.data).toString())).toEqual({ text: 'hello' });
    expect(ok.headers?.get(RPC_ERROR_HEADER) ?? '').toBe('');
    const bad = await ctx.nc.request(prefixed(ECHO), Buffer.from('{not json'), { timeout: 2000 });
    expect(bad.headers?.get(RPC_ERROR_HEADER)).toBe(CommonErrorCode.INVALID_JSON);
    expect(JSON.parse(Buffer.from(bad.data).toString())).toMatchObject({ code: 'INVALID_JSON' });
  });

  it('should send the caller’s correlation id and trace context along with the request', async () => {
    const cls = svc.app.get(ClsService);
    const sub = ctx.nc.subscribe(prefixed('finance.trace.ask'), { max: 1 });
    await ctx.nc.flush(); // the server knows the subscription before the service's connection publishes
    const seen = (async () => {
      for await (const m of sub) return [m.headers?.get('Vangnet-Correlation-Id'), m.headers?.get('traceparent')];
    })();
    await runWithCorrelation('corr-123', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', () =>
      cls.run({ ifNested: 'inherit' }, () => rpc.request('finance.trace.ask', {}, { timeoutMs: 200 }).catch(() => undefined)),
    );
    await expect(seen).resolves.toEqual(['corr-123', '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01']);
  });
});
