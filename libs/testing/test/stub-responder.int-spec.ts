import { CommonErrorCode } from '@vangnet/contracts';
import { RpcClient, RpcRequestError } from '@vangnet/messaging';
import { TestContext, TestService } from '../src';
import { ConsumerModule } from './support/widgets';

// The middle tier: one service for real (here the test kit's 'finance'), and the peer it asks
// replaced by a stub that answers on the real NATS, in the wire format the platform reads.
const PRICE = 'procurement.price.get';

interface PriceQuestion {
  product: string;
}

describe('a stub responder in place of a NATS peer', () => {
  let ctx: TestContext;
  let svc: TestService;
  let rpc: RpcClient;

  beforeAll(async () => {
    ctx = await TestContext.create();
    svc = await ctx.start(ConsumerModule, { service: 'finance' });
    rpc = svc.app.get(RpcClient);
  });

  afterAll(() => ctx.close());

  it('should answer the service with the reply given for the question, and record what it was asked', async () => {
    const stub = await ctx.stub<PriceQuestion>(PRICE, (q) => ({ reply: { product: q.product, cents: q.product === 'A' ? 6500 : 100 } }));
    try {
      await expect(rpc.request(PRICE, { product: 'A' })).resolves.toEqual({ product: 'A', cents: 6500 });
      await expect(rpc.request(PRICE, { product: 'B' })).resolves.toEqual({ product: 'B', cents: 100 });
      expect(stub.requests).toEqual([{ product: 'A' }, { product: 'B' }]);
    } finally {
      await stub.stop();
    }
  });

  it('should bring an error code and its fields to the service as the real peer would', async () => {
    const stub = await ctx.stub(PRICE, { error: { code: 'NO_TARIFF', invalidParams: [{ name: 'product', code: 'NO_TARIFF', reason: 'no tariff' }] } });
    try {
      const err = await rpc.request(PRICE, { product: 'A' }).catch((e) => e);
      expect(err).toBeInstanceOf(RpcRequestError);
      expect(err).toMatchObject({ code: 'NO_TARIFF', invalidParams: [{ name: 'product', code: 'NO_TARIFF' }] });
    } finally {
      await stub.stop();
    }
  });

  it('should let the service time out when it stays silent, change its answer, and be gone once stopped', async () => {
    const stub = await ctx.stub(PRICE, { silent: true });
    await expect(rpc.request(PRICE, {}, { timeoutMs: 200 })).rejects.toMatchObject({ code: CommonErrorCode.TIMEOUT });
    stub.answer({ reply: 'now' });
    await expect(rpc.request(PRICE, {})).resolves.toBe('now');
    await stub.stop();
    await expect(rpc.request(PRICE, {})).rejects.toMatchObject({ code: CommonErrorCode.NO_RESPONDER });
  });
});
