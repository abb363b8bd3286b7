import { Injectable, Logger } from '@nestjs/common';
import type { HealthCheckResult, HealthIndicatorResult } from '@nestjs/terminus';

export interface ReadinessCheck {
  /** Up when the dependency is usable; `detail` says why not. */
  (): Promise<{ up: boolean; detail?: Record<string, unknown> }>;
}

/** A check that has not answered within this long counts as down (a frozen NATS server, a hung pool): below the chart's probe timeout (2 s), so the kubelet gets the answer. */
export const READINESS_CHECK_TIMEOUT_MS = 1500;

type Outcome = HealthIndicatorResult[string];

/** Terminus' shape (what `/health/ready` always answered, and what the OpenAPI document says). */
export type ReadinessReport = HealthCheckResult;

/** Modules register what "ready" needs (schema migrated, NATS connected, …). */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();
  private readonly inFlight = new Map<string, Promise<{ up: boolean; detail?: Record<string, unknown> }>>();
  private readonly logger = new Logger('Readiness');
  /** The failing checks as last reported (undefined before the first evaluation). */
  private lastFailing: string | undefined;
  private downSince = 0;

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  entries(): Array<[string, ReadinessCheck]> {
    return [...this.checks.entries()];
  }

  /**
   * Run every check, each bounded by `timeoutMs` (a probe that overlaps a check still running
   * waits on that one, so a dead dependency never piles up probes). Logs one line when the
   * state changes (ready → not ready with the reasons, a different set of failing checks, not
   * ready → ready), never one per probe.
   */
  async evaluate(timeoutMs = READINESS_CHECK_TIMEOUT_MS): Promise<ReadinessReport> {
    const results = await Promise.all(this.entries().map(async ([name, check]) => [name, await this.run(name, check, timeoutMs)] as const));
    const details: Record<string, Outcome> = {};
    const info: Record<string, Outcome> = {};
    const error: Record<string, Outcome> = {};
    for (const [name, outcome] of results) {
      details[name] = outcome;
      (outcome.status === 'up' ? info : error)[name] = outcome;
    }
    this.report(error);
    return { status: Object.keys(error).length ? 'error' : 'ok', info, error, details };
  }

  private async run(name: string, check: ReadinessCheck, timeoutMs: number): Promise<Outcome> {
    let pending = this.inFlight.get(name);
    if (!pending) {
      pending = Promise.resolve()
        .then(() => check())
        .finally(() => this.inFlight.delete(name));
      this.inFlight.set(name, pending);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const { up, detail } = await Promise.race([pending, timeout]);
      return { status: up ? 'up' : 'down', ...(detail ?? {}) };
    } catch (e) {
      return { status: 'down', message: (e as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }

  private report(error: Record<string, Outcome>): void {
    const failing = Object.keys(error).sort().join(',');
    if (failing === this.lastFailing) return;
    const was = this.lastFailing;
    this.lastFailing = failing;
    if (failing) {
      if (!was) this.downSince = Date.now();
      const reasons = Object.entries(error).map(([name, o]) => `${name}: ${typeof o.message === 'string' ? o.message : 'down'}`);
      this.logger.warn(`not ready: ${reasons.join('; ')}`);
    } else if (was) {
      this.logger.log(`ready again after ${Date.now() - this.downSince} ms not ready`);
    } else {
      this.logger.log('ready');
    }
  }
}
