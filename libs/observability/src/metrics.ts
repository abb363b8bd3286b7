import { Controller, Get, Header, Injectable, NestMiddleware, OnModuleDestroy } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Public } from './public';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The service's Prometheus registry: HTTP and message latency, outbox backlog, dead letters and
 * the process defaults. Gauges that need the database are filled by collectors other modules
 * register, evaluated on each scrape.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly messageDuration: Histogram<'kind' | 'subject' | 'outcome'>;
  readonly outboxBacklog: Gauge;
  readonly outboxPublished: Counter;
  readonly deadLetters: Gauge;
  private readonly collectors: Array<() => Promise<void>> = [];

  constructor() {
    const service = process.env.VANGNET_SERVICE ?? 'unknown';
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'vangnet_http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.messageDuration = new Histogram({
      name: 'vangnet_message_duration_seconds',
      help: 'Latency of NATS requests (served and sent) and handled events',
      labelNames: ['kind', 'subject', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    this.outboxBacklog = new Gauge({
      name: 'vangnet_outbox_backlog',
      help: 'Committed events not yet published to JetStream',
      registers: [this.registry],
    });
    this.outboxPublished = new Counter({
      name: 'vangnet_outbox_published_total',
      help: 'Events published from the outbox',
      registers: [this.registry],
    });
    this.deadLetters = new Gauge({
      name: 'vangnet_dead_letters',
      help: 'Unresolved dead letters per consumer',
      labelNames: ['consumer'],
      registers: [this.registry],
    });
  }

  /** Register a function that refreshes gauges right before a scrape. */
  addCollector(collect: () => Promise<void>): void {
    this.collectors.push(collect);
  }

  async render(): Promise<string> {
    await Promise.all(this.collectors.map((c) => c().catch(() => undefined)));
    return this.registry.metrics();
  }

  onModuleDestroy(): void {
    this.registry.clear();
  }
}

@Controller()
@Public()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Prometheus metrics of this service (text exposition format), for the cluster's scraper. */
  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  render(): Promise<string> {
    return this.metrics.render();
  }
}

/** Times every HTTP request, labelled by route template (not the raw URL, to keep cardinality low). */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const route = (req.route?.path as string | undefined) ?? 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  }
}
