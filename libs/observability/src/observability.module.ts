import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { HealthController, HealthRegistry } from './health';
import { HttpMetricsMiddleware, MetricsController, MetricsService } from './metrics';

@Global()
@Module({
  controllers: [HealthController, MetricsController],
  providers: [MetricsService, HealthRegistry],
  exports: [MetricsService, HealthRegistry],
})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
