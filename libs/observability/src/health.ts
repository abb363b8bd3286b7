import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HealthCheck, HealthCheckResult } from '@nestjs/terminus';
import { HealthRegistry } from './health-registry';
import { Public } from './public';

export * from './health-registry';

@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  /** The process runs and answers. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready only when every registered dependency is (503 otherwise, with details). */
  @Get('ready')
  // Terminus' decorator for the OpenAPI document and no-cache headers only: the body keeps its
  // shape, but the 503 is answered here, not thrown, so a failing probe is no exception for the
  // filter to log (it logged a stack trace per probe).
  @HealthCheck()
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    const report = await this.registry.evaluate();
    if (report.status !== 'ok') {
      res.status(503);
      res.setHeader('Retry-After', '5');
    }
    return report;
  }
}
