import { newTraceparent, randomHex, traceIdOf } from './correlation';

describe('trace ids from the random pool', () => {
  it('should make well-formed, distinct traceparents across refills of the pool', () => {
    const seen = new Set<string>();
    // 16 + 8 bytes each: 1,000 of them pass the 4 KB pool several times.
    for (let i = 0; i < 1000; i++) {
      const tp = newTraceparent();
      expect(tp).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(traceIdOf(tp)).not.toBe('0'.repeat(32));
      seen.add(tp);
    }
    expect(seen.size).toBe(1000);
  });

  it('should keep a given trace id and make only the span id', () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(traceIdOf(newTraceparent(traceId))).toBe(traceId);
    expect(randomHex(5)).toMatch(/^[0-9a-f]{10}$/);
  });
});
