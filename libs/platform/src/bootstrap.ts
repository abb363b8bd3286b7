import { INestApplication, Logger as NestLogger, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestMicroservice } from '@nestjs/microservices';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ServiceName } from '@vangnet/contracts';
import { InboxConsumer, NATS_CONNECTION, NatsRpcServer, OutboxRelay, PayloadValidationPipe } from '@vangnet/messaging';
import { bootLogger, httpTracing, MetricsService, routeProcessWarnings, setupTracing, shutdownTracing } from '@vangnet/observability';
import express from 'express';
import { Logger } from 'nestjs-pino';
import { Server } from 'http';
import { IdempotencyInterceptor } from './idempotency';
import { openApiEnabled } from './openapi.config';
import { ConfigurationError, validateConfiguration, waitForDependencies } from './startup';
import { setupOpenApi } from './openapi';
import { inputGuard } from './input-guard';
import { AllExceptionsFilter, bodyParserErrorHandler, originForm } from './problem.filter';

export const DEFAULT_PORTS: Record<ServiceName, number> = {
  gateway: 8080,
  access: 3001,
  'care-plans': 3002,
  housing: 3003,
  procurement: 3004,
  finance: 3005,
  exchange: 3006,
};

const JSON_TYPES = ['application/json', 'application/*+json'];

export interface ServiceAppOptions {
  service: ServiceName;
  description?: string;
  /** Routes (below /api/<service>) that accept a larger body, e.g. bulk declarations. */
  bodyLimits?: Array<{ path: string; limit: string }>;
  /** Paths outside the /api/<service> prefix (the gateway's /.well-known/jwks.json). */
  prefixExclude?: string[];
  /** The gateway parses bodies only on its own routes, so proxied requests stream through. */
  parseBodiesUnder?: string;
  /** Hook to add middleware before the routes (the gateway's proxy). */
  configure?: (app: NestExpressApplication) => void | Promise<void>;
}

/** The hybrid app (HTTP + NATS requests), configured but not yet listening. */
export async function createServiceApp(module: Type<unknown>, options: ServiceAppOptions): Promise<NestExpressApplication> {
  process.env.VANGNET_SERVICE = options.service;
  // JSON from the first line: Nest logs through pino from the start, not through a buffer that a
  // failed start would print as coloured text.
  const logger = bootLogger(options.service);
  // Node's own warnings as JSON lines too, from here on.
  routeProcessWarnings(logger);
  // Before Nest and before any connection: the spans of this service name it (ADR 0014).
  setupTracing(options.service);
  validateConfiguration();
  await waitForDependencies(logger);
  const app = await NestFactory.create<NestExpressApplication>(module, { logger, bodyParser: false });
  app.useLogger(app.get(Logger));
  routeProcessWarnings(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.use(originForm);
  // One server span per request, the caller's traceparent its parent; before everything else
  // (the gateway's proxy included), so all that follows runs in it.
  app.use(httpTracing());
  await options.configure?.(app);
  const prefix = `/api/${options.service}`;
  for (const r of options.bodyLimits ?? []) {
    app.use(`${prefix}${r.path}`, express.json({ limit: r.limit, type: JSON_TYPES }), express.text({ limit: r.limit, type: 'application/x-ndjson' }));
  }
  const under = options.parseBodiesUnder ?? '/';
  app.use(under, express.json({ limit: '256kb', type: JSON_TYPES }));
  app.use(bodyParserErrorHandler);
  app.use(under, inputGuard());
  app.setGlobalPrefix(prefix.slice(1), { exclude: options.prefixExclude ?? [] });
  app.useGlobalPipes(new PayloadValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.useGlobalInterceptors(app.get(IdempotencyInterceptor));
  if (openApiEnabled()) setupOpenApi(app, options.service, options.description ?? `The ${options.service} service`);
  const rpc = new NatsRpcServer(app.get(NATS_CONNECTION), { queue: options.service, metrics: app.get(MetricsService) });
  rpcServers.set(app, rpc);
  // NATS requests get the one validation pipe and exception filter, and nothing HTTP-only (auth
  // guard, idempotency and CLS interceptors): those cost a third of a request's time.
  // Configured before its listeners are registered, then marked initialised as Nest does for a
  // hybrid app, so the container's lifecycle hooks run once.
  const microservice = app.connectMicroservice({ strategy: rpc }, { inheritAppConfig: false, deferInitialization: true }) as NestMicroservice;
  microservice.useGlobalPipes(new PayloadValidationPipe());
  microservice.useGlobalFilters(new AllExceptionsFilter());
  microservice.registerListeners();
  microservice.setIsInitialized(true);
  microservice.setIsInitHookCalled(true);
  return app;
}

const rpcServers = new WeakMap<INestApplication, NatsRpcServer>();

/**
 * Start a service: NATS handlers, then HTTP on PORT (default per service). A failure to start
 * (bad configuration, a migration that fails) is logged as JSON and ends the process with 1.
 */
export async function bootstrapService(module: Type<unknown>, options: ServiceAppOptions): Promise<NestExpressApplication> {
  let app: NestExpressApplication;
  // A signal while starting (waiting for the database, migrating) ends the process at once,
  // through process.exit so the log is flushed; once started, the graceful shutdown takes over.
  const whileStarting = (signal: NodeJS.Signals) => {
    bootLogger(options.service).warn(`${signal} while starting: exiting`, 'Bootstrap');
    process.exit(signal === 'SIGTERM' ? 143 : 130);
  };
  process.once('SIGTERM', whileStarting);
  process.once('SIGINT', whileStarting);
  try {
    app = await createServiceApp(module, options);
    await app.startAllMicroservices();
    const port = Number(process.env.PORT ?? DEFAULT_PORTS[options.service]);
    await app.listen(port, process.env.HOST ?? '0.0.0.0');
    const address = (app.getHttpServer() as Server).address();
    new NestLogger('Bootstrap').log(`${options.service} listening on ${typeof address === 'object' && address ? address.port : port}`);
  } catch (e) {
    const logger = bootLogger(options.service);
    const problems = e instanceof ConfigurationError ? e.problems : undefined;
    logger.fatal?.(problems ? `${options.service} did not start: ${problems.join('; ')}` : e, problems ? 'Configuration' : 'Bootstrap');
    // pino flushes its buffer synchronously on exit.
    process.exit(1);
  }
  process.off('SIGTERM', whileStarting);
  process.off('SIGINT', whileStarting);
  installGracefulShutdown(app);
  return app;
}

/**
 * On SIGTERM/SIGINT: stop accepting HTTP and NATS requests, stop pulling events and finish the
 * batch in hand, wait for requests in flight, let the relay publish what is committed, then close
 * NATS and the database. A restart picks up anything left.
 */
export function installGracefulShutdown(app: INestApplication, timeoutMs = 15_000): void {
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    const logger = new NestLogger('Shutdown');
    logger.log(`${signal}: shutting down`);
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, timeoutMs);
    force.unref();
    try {
      const server = app.getHttpServer() as Server;
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections?.();
      // Only the transport: closing the Nest microservice would run the whole container's shutdown hooks.
      await rpcServers.get(app)?.close();
      await app.get(InboxConsumer).stop();
      await httpClosed;
      await app.get(OutboxRelay).beforeApplicationShutdown();
      await app.close();
      await shutdownTracing();
      process.exit(0);
    } catch (e) {
      logger.error(`shutdown failed: ${(e as Error).message}`);
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
