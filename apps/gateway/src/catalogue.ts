import { Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { aggregateOpenApi, DEFAULT_PORTS, problem, sendProblem } from '@vangnet/platform';
import type { NextFunction, Request, Response } from 'express';
import { existsSync, readFileSync } from 'fs';
import { join, resolve } from 'path';
import { serviceTargets } from './proxy/proxy';

const logger = new Logger('Catalogue');
/** How long an aggregated document is served before the services are asked again. */
const TTL_MS = 60_000;
const FETCH_TIMEOUT_MS = 3_000;

interface Built {
  at: number;
  document: OpenAPIObject;
  unavailable: string[];
}

/** A service's own document, or why there is none. */
type Fetched = { service: string; document: OpenAPIObject } | { service: string; failure: string };

const documentPath = (service: string) => `/api/docs/${service}.json`;

/**
 * The one catalogue (ARCHITECTURE §5, issue 18): towards the outside the gateway serves the API
 * documents, not each service's `/docs` (those stay inside the cluster):
 * - `GET /api/docs` — Swagger UI over the whole platform, with each service's document to pick;
 * - `GET /api/docs/openapi.json` — every service's document in one (libs/platform
 *   `aggregateOpenApi`: prefixed operationIds and schemas), gathered from the services' own
 *   `/docs-json` and kept for a minute; a service that does not answer is named in
 *   `info.x-unavailable` instead of failing the whole;
 * - `GET /api/docs/<service>.json` — that service's document as the service serves it (its own
 *   operationIds and schema names, for a partner that generates a client for one service),
 *   fetched the same way; 404 for a service the gateway does not know, 502 naming the service
 *   when it does not answer;
 * - `GET /api/docs/index.json` — the services, their operations and where each document is;
 * - `GET /api/docs/events` — the AsyncAPI 3 document of every event and request, generated from
 *   libs/contracts (`docs/api/asyncapi.json`, which a spec keeps current; `VANGNET_ASYNCAPI_FILE`
 *   names another place, as in the image).
 */
export function apiCatalogue(app: NestExpressApplication): void {
  const targets = { ...serviceTargets(), '/api/gateway': `http://127.0.0.1:${process.env.PORT ?? DEFAULT_PORTS.gateway}` };
  const services = Object.keys(targets)
    .map((p) => p.slice('/api/'.length))
    .sort();
  let built: Built | undefined;
  let building: Promise<Built> | undefined;
  /** Each service's document as last fetched: the aggregate and the service's own route share them. */
  const documents = new Map<string, { at: number; document: OpenAPIObject }>();

  const fetchDocument = async (service: string): Promise<Fetched> => {
    const prefix = `/api/${service}`;
    try {
      const res = await fetch(`${targets[prefix as keyof typeof targets]}${prefix}/docs-json`, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        return { service, failure: `${service} answered ${res.status} for its API document` };
      }
      const document = (await res.json()) as OpenAPIObject;
      documents.set(service, { at: Date.now(), document });
      return { service, document };
    } catch {
      return { service, failure: `${service} did not answer for its API document` };
    }
  };
  const build = async (): Promise<Built> => {
    const found = await Promise.all(services.map(fetchDocument));
    const answered = found.filter((d): d is { service: string; document: OpenAPIObject } => 'document' in d);
    const unavailable = found.filter((d) => 'failure' in d).map((d) => d.service);
    if (unavailable.length) logger.warn(`catalogue without ${unavailable.join(', ')}: their documents did not answer`);
    const document = aggregateOpenApi(answered, {
      title: 'Vangnet API catalogue',
      description: 'Every Vangnet service’s API behind the gateway, in one document. Events and requests between the services: /api/docs/events (AsyncAPI 3).',
      version: '1',
    });
    if (unavailable.length) (document.info as unknown as Record<string, unknown>)['x-unavailable'] = unavailable;
    return { at: Date.now(), document, unavailable };
  };
  const current = async (): Promise<Built> => {
    // A catalogue missing a service is asked again sooner than a whole one.
    const fresh = built && Date.now() - built.at < (built.unavailable.length ? 5_000 : TTL_MS);
    if (fresh && built) return built;
    building ??= build().finally(() => (building = undefined));
    built = await building;
    return built;
  };
  /** One service's document: kept as long as the aggregate keeps it; asked again when older or missing. */
  const serviceDocument = async (service: string): Promise<Fetched> => {
    const kept = documents.get(service);
    if (kept && Date.now() - kept.at < TTL_MS) return { service, document: kept.document };
    return fetchDocument(service);
  };

  const get = (path: string, handler: (req: Request, res: Response) => Promise<void> | void) =>
    app.use(path, (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || (req.path !== '/' && req.path !== '')) return next();
      Promise.resolve(handler(req, res)).catch(next);
    });

  get('/api/docs/openapi.json', async (_req, res) => {
    res.json((await current()).document);
  });
  get('/api/docs/index.json', async (_req, res) => {
    const { document, unavailable } = await current();
    const paths = Object.values(document.paths) as Array<Record<string, { tags?: string[] }>>;
    const described = new Map((document.tags ?? []).map((t) => [t.name, t.description]));
    res.json({
      openapi: '/api/docs/openapi.json',
      ui: '/api/docs',
      events: '/api/docs/events',
      unavailable,
      services: services.map((service) => ({
        service,
        description: described.get(service),
        document: documentPath(service),
        operations: paths.flatMap((item) => Object.values(item)).filter((op) => op?.tags?.includes(service)).length,
      })),
    });
  });
  get('/api/docs/events', (req, res) => {
    const file = asyncApiFile();
    if (!file) return sendProblem(res, problem(404, 'NOT_FOUND', 'the event catalogue is not installed here (VANGNET_ASYNCAPI_FILE)', req.originalUrl.split('?')[0]));
    res.type('application/json').send(readFileSync(file));
  });
  // `/api/docs/<service>.json`: before Swagger UI's static files, which live under the same prefix.
  app.use('/api/docs', (req: Request, res: Response, next: NextFunction) => {
    const match = /^\/([a-z0-9-]+)\.json$/i.exec(req.path);
    if (req.method !== 'GET' || !match || match[1] === 'openapi' || match[1] === 'index') return next();
    const service = match[1];
    const instance = req.originalUrl.split('?')[0];
    if (!services.includes(service)) return sendProblem(res, problem(404, 'NOT_FOUND', `no service ${service} in the catalogue; the services: ${services.join(', ')}`, instance));
    serviceDocument(service)
      .then((found) => {
        if ('failure' in found) return sendProblem(res, problem(502, 'SERVICE_UNAVAILABLE', found.failure, instance, undefined, { service }));
        res.json(found.document);
      })
      .catch(next);
  });
  // Swagger UI over the aggregated document and, to pick from, each service's own.
  const placeholder = { openapi: '3.0.0', info: { title: 'Vangnet API catalogue', version: '1' }, paths: {} } as OpenAPIObject;
  const urls = [{ name: 'All services', url: '/api/docs/openapi.json' }, ...services.map((service) => ({ name: service, url: documentPath(service) }))];
  SwaggerModule.setup('api/docs', app, placeholder, {
    raw: false,
    customSiteTitle: 'Vangnet API catalogue',
    swaggerOptions: { url: '/api/docs/openapi.json', urls, 'urls.primaryName': 'All services' },
  });
}

/**
 * The AsyncAPI document: where VANGNET_ASYNCAPI_FILE says; else the image's copy (dist/api, beside
 * the compiled apps); else the repository's own (a local run).
 */
function asyncApiFile(): string | undefined {
  const candidates = [
    process.env.VANGNET_ASYNCAPI_FILE,
    resolve(__dirname, '..', '..', '..', 'api', 'asyncapi.json'),
    join(process.cwd(), 'docs', 'api', 'asyncapi.json'),
    resolve(__dirname, '..', '..', '..', '..', 'docs', 'api', 'asyncapi.json'),
  ];
  return candidates.find((f): f is string => Boolean(f) && existsSync(f as string));
}
