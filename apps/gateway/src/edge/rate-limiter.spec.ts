import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('should allow the limit at once, then refuse with the seconds until the next request, and refill with time', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(() => now);
    for (let i = 0; i < 6; i++) expect(limiter.take('AGB:1', 6)).toEqual({ allowed: true });
    expect(limiter.take('AGB:1', 6)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(limiter.take('AGB:2', 6)).toEqual({ allowed: true });
    now += 4_000;
    expect(limiter.take('AGB:1', 6)).toEqual({ allowed: false, retryAfterSeconds: 6 });
    now += 6_000;
    expect(limiter.take('AGB:1', 6)).toEqual({ allowed: true });
    expect(limiter.take('AGB:1', 6).allowed).toBe(false);
    now += 3_600_000;
    for (let i = 0; i < 6; i++) expect(limiter.take('AGB:1', 6).allowed).toBe(true);
    expect(limiter.take('AGB:1', 6).allowed).toBe(false);
  });

  it('should apply a changed limit at once', () => {
    const limiter = new RateLimiter(() => 0);
    expect(limiter.take('ORG:1', 1).allowed).toBe(true);
    expect(limiter.take('ORG:1', 1).allowed).toBe(false);
    expect(limiter.take('ORG:1', 100).allowed).toBe(false);
  });
});
