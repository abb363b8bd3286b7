import { Controller, Get, Injectable } from '@nestjs/common';
import { Public } from './public';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';

export interface ReadinessCheck {
  /** Up when the dependency is usable; `detail` says why not. */
  (): Promise<{ up: boolean; detail?: Record<string, unknown> }>;
}

/** Modules register what "ready" needs (schema migrated, NATS connected, …). */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  entries(): Array<[string, ReadinessCheck]> {
    return [...this.checks.entries()];
  }
}

@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly registry: HealthRegistry,
  ) {}

  /** The process runs and answers. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready only when every registered dependency is (503 otherwise, with details). */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(
      this.registry.entries().map(([name, check]) => async (): Promise<HealthIndicatorResult> => {
        const session = this.indicator.check(name);
        try {
          const { up, detail } = await check();
          return up ? session.up(detail ?? {}) : session.down(detail ?? {});
        } catch (e) {
          return session.down({ message: (e as Error).message });
        }
      }),
    );
  }
}
