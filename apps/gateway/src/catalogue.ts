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

/**
 * The one catalogue (ARCHITECTURE §5, issue 18): towards the outside the gateway serves the
 * aggregated API document, not each service's `/docs` (those stay inside the cluster):
 * - `GET /api/docs` — Swagger UI over the whole platform;
 * - `GET /api/docs/openapi.json` — every service's document in one (libs/platform
 *   `aggregateOpenApi`: prefixed operationIds and schemas), gathered from the services' own
 *   `/docs-json` and kept for a minute; a service that does not answer is named in
 *   `info.x-unavailable` instead of failing the whole;
 * - `GET /api/docs/index.json` — the services, their operations and where each document is;
 * - `GET /api/docs/events` — the AsyncAPI 3 document of every event and request, generated from
 *   libs/contracts (`docs/api/asyncapi.json`, which a spec keeps current; `VANGNET_ASYNCAPI_FILE`
 *   names another place, as in the image).
 */
export function apiCatalogue(app: NestExpressApplication): void {
  const targets = { ...serviceTargets(), '/api/gateway': `http://127.0.0.1:${process.env.PORT ?? DEFAULT_PORTS.gateway}` };
  let built: Built | undefined;
  let building: Promise<Built> | undefined;

  const fetchDocument = async (prefix: string, base: string): Promise<{ service: string; document: OpenAPIObject } | undefined> => {
    const service = prefix.slice('/api/'.length);
    try {
      const res = await fetch(`${base}${prefix}/docs-json`, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      if (!res.ok) return undefined;
      return { service, document: (await res.json()) as OpenAPIObject };
    } catch {
      return undefined;
    }
  };
  const build = async (): Promise<Built> => {
    const found = await Promise.all(Object.entries(targets).map(([prefix, base]) => fetchDocument(prefix, base)));
    const documents = found.filter((d): d is { service: string; document: OpenAPIObject } => d !== undefined);
    const unavailable = Object.keys(targets)
      .map((p) => p.slice('/api/'.length))
      .filter((s) => !documents.some((d) => d.service === s))
      .sort();
    if (unavailable.length) logger.warn(`catalogue without ${unavailable.join(', ')}: their documents did not answer`);
    const document = aggregateOpenApi(documents, {
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
    res.json({
      openapi: '/api/docs/openapi.json',
      ui: '/api/docs',
      events: '/api/docs/events',
      unavailable,
      services: (document.tags ?? []).map((t) => ({
        service: t.name,
        description: t.description,
        operations: paths.flatMap((item) => Object.values(item)).filter((op) => op?.tags?.includes(t.name)).length,
      })),
    });
  });
  get('/api/docs/events', (req, res) => {
    const file = asyncApiFile();
    if (!file) return sendProblem(res, problem(404, 'NOT_FOUND', 'the event catalogue is not installed here (VANGNET_ASYNCAPI_FILE)', req.originalUrl.split('?')[0]));
    res.type('application/json').send(readFileSync(file));
  });
  // Swagger UI over the aggregated document, which it loads from the route above.
  const placeholder = { openapi: '3.0.0', info: { title: 'Vangnet API catalogue', version: '1' }, paths: {} } as OpenAPIObject;
  SwaggerModule.setup('api/docs', app, placeholder, { raw: false, customSiteTitle: 'Vangnet API catalogue', swaggerOptions: { url: '/api/docs/openapi.json' } });
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
