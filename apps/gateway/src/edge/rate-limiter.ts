/**
 * Token buckets, one per key (a partner's org): `perMinute` requests a minute on average, up to
 * `perMinute` at once after a quiet minute. In memory, per gateway replica (ADR 0060): with n
 * replicas behind a balancer a partner gets up to n times its limit. The time source is settable.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number; perMinute: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes one request from the key's bucket: allowed, or the seconds until the next one would be. */
  take(key: string, perMinute: number): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now();
    let b = this.buckets.get(key);
    if (!b || b.perMinute !== perMinute) {
      b = { tokens: b ? Math.min(b.tokens, perMinute) : perMinute, at: now, perMinute };
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
      this.buckets.set(key, b);
    }
    const perMs = perMinute / 60_000;
    b.tokens = Math.min(perMinute, b.tokens + Math.max(0, now - b.at) * perMs);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) };
  }
}
