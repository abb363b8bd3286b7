import { DynamicModule, Global, Module } from '@nestjs/common';
import { AuthModule, ProcessingLogActorRoles1700000000101, ProcessingLogEntity, ProcessingLogTable1700000000100 } from '@vangnet/auth';
import { PROCESSING_LOG_RESPONDERS, ServiceName } from '@vangnet/contracts';
import { MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule, MessagingOptions } from '@vangnet/messaging';
import { activeTraceparent, correlationIdFrom, HTTP_CORRELATION_HEADER, loggingModule, newTraceparent, ObservabilityModule, TRACEPARENT_HEADER, traceIdOf } from '@vangnet/observability';
import { PersistenceModule, PersistenceOptions, transactionalPlugin } from '@vangnet/persistence';
import type { Request, Response } from 'express';
import { ClsModule } from 'nestjs-cls';
import { Clock } from './clock';
import { DeadLetterController } from './dead-letters.controller';
import { IdempotencyInterceptor, IdempotencyTable1700000000200 } from './idempotency';
import { RegionConfig, regionConfigProvider } from './region';
import { RetentionJob } from './retention';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { processingLogResponder } from './processing-log-search';
import { PartnerTeamsModule } from './partner-teams/partner-teams.module';

export interface ServiceModuleOptions {
  service: ServiceName;
  /** The service's own entities; the platform's are added before them. */
  entities?: PersistenceOptions['entities'];
  /** The service's own migrations; the platform tables are added before them. */
  migrations?: PersistenceOptions['migrations'];
  messaging?: Omit<MessagingOptions, 'service'>;
  /** Override the schema (default: the service name with underscores). */
  schema?: string;
  /**
   * For a service with routes that honour an access role: keep the gateway's partner registry
   * (its table; the service's `@OnEvent` handlers feed `PartnerTeamsService.apply`) and check every
   * `ORG:` caller against it (issue 13, O1; ADR 0017). The catalogue must list the service as a
   * consumer of both registry events.
   */
  partnerTeams?: boolean;
}

/** PostgreSQL schema for a service: `care-plans` → `care_plans`. */
export function schemaOf(service: string): string {
  return service.replace(/-/g, '_');
}

export const PLATFORM_MIGRATIONS = [...MESSAGING_MIGRATIONS, ProcessingLogTable1700000000100, ProcessingLogActorRoles1700000000101, IdempotencyTable1700000000200];

/** The entities of the platform's own tables (what `PLATFORM_MIGRATIONS` create). */
export const PLATFORM_ENTITIES = [...MESSAGING_ENTITIES, ProcessingLogEntity, IdempotencyKeyEntity];

/**
 * Everything a Vangnet service stands on, in one import: request context (correlation id, caller,
 * transactions), JSON logs, metrics and health, its own database schema with migrations, NATS
 * (requests, outbox, inbox), token verification and the processing log, the clock and the region.
 */
@Global()
@Module({})
export class PlatformModule {
  static forService(options: ServiceModuleOptions): DynamicModule {
    const list = (x: PersistenceOptions['entities'] | undefined) => (Array.isArray(x) ? x : x ? Object.values(x) : []);
    if (options.partnerTeams) PartnerTeamsModule.assertReader(options.service);
    const partnerTeams = options.partnerTeams ? { entities: PartnerTeamsModule.entities, migrations: PartnerTeamsModule.migrations, modules: [PartnerTeamsModule] } : { entities: [], migrations: [], modules: [] };
    return {
      module: PlatformModule,
      imports: [
        ClsModule.forRoot({
          global: true,
          middleware: {
            mount: true,
            generateId: true,
            idGenerator: (req: Request) =>
              correlationIdFrom(req.headers[HTTP_CORRELATION_HEADER] as string | undefined, req.headers[TRACEPARENT_HEADER] as string | undefined),
            setup: (cls, req: Request, res: Response) => {
              const incoming = req.headers[TRACEPARENT_HEADER] as string | undefined;
              // The request's own span when tracing records one (httpTracing runs before this).
              cls.set('traceparent', activeTraceparent() ?? (traceIdOf(incoming) ? incoming : newTraceparent()));
              res.setHeader('X-Correlation-Id', cls.getId());
            },
          },
          plugins: [transactionalPlugin()],
        }),
        loggingModule(options.service),
        ObservabilityModule,
        PersistenceModule.forRoot({
          schema: options.schema ?? schemaOf(options.service),
          entities: [...PLATFORM_ENTITIES, ...partnerTeams.entities, ...list(options.entities)],
          migrations: [...PLATFORM_MIGRATIONS, ...partnerTeams.migrations, ...list(options.migrations)],
        }),
        MessagingModule.forRoot({ service: options.service, ...options.messaging }),
        AuthModule,
        ...partnerTeams.modules,
      ],
      // Each service answers <service>.processing-log.search from its own processing log (ADR 0012).
      controllers: [DeadLetterController, ...(PROCESSING_LOG_RESPONDERS.includes(options.service) ? [processingLogResponder(options.service)] : [])],
      providers: [Clock, IdempotencyInterceptor, regionConfigProvider, RetentionJob],
      exports: [Clock, IdempotencyInterceptor, RegionConfig, RetentionJob, ...partnerTeams.modules],
    };
  }
}
