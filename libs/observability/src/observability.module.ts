import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController, HealthRegistry } from './health';
import { HttpMetricsMiddleware, MetricsController, MetricsService } from './metrics';

@Global()
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json', logger: false })],
  controllers: [HealthController, MetricsController],
  providers: [MetricsService, HealthRegistry],
  exports: [MetricsService, HealthRegistry],
})
export class ObservabilityModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('{*path}');
  }
}
