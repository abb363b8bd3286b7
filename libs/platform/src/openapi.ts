import { INestApplication, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { IS_PUBLIC, REQUIRED_ROLES } from '@vangnet/auth';
import { getMetadataStorage } from 'class-validator';
import { targetConstructorToSchema, validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { JsonSchema, OperationDoc } from './openapi.responses';
import { RESPONSE_CATALOGUE } from './openapi.responses.generated';

// class-transformer's own metadata (the `@Type` of nested classes, which resolves nested schemas);
// its types live apart from its code.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

/**
 * OpenAPI 3 at /api/<service>/docs (and -json), complete enough that a partner generates a client
 * from it (ADR 0015). Two sources, both the code itself:
 * - requests: the class-validator metadata of every body, query and path class (the classes that
 *   validate), so parameters and bodies cannot drift from what the API accepts;
 * - responses: the controllers' declared return types, read by the compiler into
 *   openapi.responses.generated.ts (tools/openapi/generate.mjs; a spec fails when it is stale).
 * Every operation gets a stable `operationId` (`<Controller>_<method>`), a summary, its roles,
 * `security: []` when public, and its 4xx/5xx answers as `application/problem+json`.
 */
export function setupOpenApi(app: INestApplication, service: string, description: string): OpenAPIObject {
  const document = buildOpenApiDocument(app, service, description);
  SwaggerModule.setup(`api/${service}/docs`, app, document, { jsonDocumentUrl: `api/${service}/docs-json` });
  return document;
}

/**
 * A service's document without starting it: Nest's preview mode builds the module graph without
 * instantiating providers (no database, no NATS). tools/openapi lints every service's this way.
 */
export async function previewOpenApiDocument(module: Type<unknown>, options: { service: string; description?: string; prefixExclude?: string[] }): Promise<OpenAPIObject> {
  const app = await NestFactory.create(module, { preview: true, logger: false, abortOnError: false });
  app.setGlobalPrefix(`api/${options.service}`, { exclude: options.prefixExclude ?? [] });
  try {
    return buildOpenApiDocument(app, options.service, options.description ?? `The ${options.service} service`);
  } finally {
    await app.close();
  }
}

/** The document alone. */
export function buildOpenApiDocument(app: INestApplication, service: string, description: string): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`Vangnet ${service} API`)
    .setDescription(description)
    .setVersion('1')
    .setLicense('EUPL-1.2', 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12')
    .addServer('/', 'This service, or the gateway in front of it')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
  const schemas: Record<string, JsonSchema> = { ...(validationMetadatasToSchemas(SCHEMA_OPTIONS) as Record<string, JsonSchema>), Problem: PROBLEM_SCHEMA };
  const responses = RESPONSE_CATALOGUE[service] ?? { components: {}, operations: {} };
  const shared = RESPONSE_CATALOGUE.libs ?? { components: {}, operations: {} };
  const refRenames = new Map<string, string>();
  for (const [name, schema] of Object.entries({ ...shared.components, ...responses.components })) {
    // A response type may share a name with a request class; the response one is renamed.
    const target = schemas[name] ? `${name}Response` : name;
    if (target !== name) refRenames.set(name, target);
    schemas[target] = schema;
  }
  const routes = routeTable(app);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [verb, op] of Object.entries(item) as Array<[string, Operation]>) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const route = routes.get(op.operationId);
      const doc = route && (responses.operations[route.key] ?? shared.operations[route.key]);
      completeOperation(op, path, verb, route, doc, schemas, refRenames);
    }
  }
  document.components = { ...(document.components ?? {}), schemas: schemas as never, responses: problemResponses() as never };
  // Every tag an operation carries is declared (Spectral's operation-tag-defined).
  const tags = new Set(Object.values(document.paths).flatMap((item) => Object.values(item as Record<string, Operation>).flatMap((op) => (op && typeof op === 'object' && Array.isArray(op.tags) ? op.tags : []))));
  document.tags = [...tags].sort().map((name) => ({ name }));
  return withExamples(withoutUnusedSchemas(repairSchemas(document, refRenames)));
}

/** class-validator's storage holds every class the process loaded (events too): keep what the paths reach. */
function withoutUnusedSchemas(document: OpenAPIObject): OpenAPIObject {
  const components = document.components ?? {};
  const all: Record<string, Record<string, unknown>> = { schemas: (components.schemas ?? {}) as never, responses: (components.responses ?? {}) as never };
  const reached = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      const m = k === '$ref' && typeof v === 'string' ? /^#\/components\/(schemas|responses)\/(.+)$/.exec(v) : null;
      if (m) {
        const [, kind, name] = m;
        if (!reached.has(`${kind}/${name}`) && all[kind][name]) {
          reached.add(`${kind}/${name}`);
          visit(all[kind][name]);
        }
      } else visit(v);
    }
  };
  visit(document.paths);
  const kept = (kind: string) => Object.fromEntries(Object.entries(all[kind]).filter(([name]) => reached.has(`${kind}/${name}`)));
  document.components = { ...components, schemas: kept('schemas') as never, responses: kept('responses') as never };
  return document;
}

const SCHEMA_OPTIONS: Parameters<typeof validationMetadatasToSchemas>[0] = {
  classValidatorMetadataStorage: getMetadataStorage(),
  classTransformerMetadataStorage: defaultMetadataStorage,
  refPointerPrefix: '#/components/schemas/',
  additionalConverters: {
    isIsoDate: { type: 'string', format: 'date' } as const,
    isYear: { type: 'integer', minimum: 1900, maximum: 2999, example: 2026 } as const,
    // The identifiers' own validators (libs/contracts identifiers.ts), so a client sees their form;
    // the examples are test values (the BSN is in the 9999… range and passes the eleven-proof).
    isBsn: { type: 'string', pattern: '^\\d{9}$', description: 'BSN: nine digits passing the eleven-proof', example: '999901011' } as const,
    isMunicipalityCode: { type: 'string', pattern: '^GM\\d{4}$', description: 'CBS municipality code', example: 'GM0546' } as const,
    isAgbCode: { type: 'string', pattern: '^\\d{8}$', description: 'AGB code (Vektis)', example: '30000001' } as const,
  },
};

/** RFC 9457 as ARCHITECTURE §5 gives it. */
const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details in the shape of the Dutch API design rules.',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', example: 'urn:vangnet:problem:INVALID_INPUT' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The request path, without its query' },
    code: { type: 'string', description: 'A stable code to act on', example: 'INVALID_INPUT' },
    correlationId: { type: 'string' },
    invalidParams: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'code', 'reason'],
        properties: {
          name: { type: 'string', description: 'The field path, e.g. provisions[0].volume.unit', example: 'birthDate' },
          code: { type: 'string', example: 'DATE_IN_FUTURE' },
          reason: { type: 'string' },
        },
      },
    },
    invalidParamsCount: { type: 'integer', description: 'How many there were, when the list is capped' },
  },
};

/** The problem answers every document shares (`#/components/responses/Problem<status>`). */
const PROBLEM_RESPONSES = {
  400: 'Bad input: `invalidParams` names each field and its code',
  401: 'No valid token',
  403: 'The token lacks the role, or the data is outside its municipalities or organisation',
  404: 'Not found, or not visible to this token',
  409: 'Conflicts with the current state (a duplicate, a changed version)',
  412: 'If-Match names a version that is no longer current',
  422: 'Valid, but a rule refuses it; `code` says which',
  428: 'If-Match is required for this change',
  500: 'An unexpected error (no internal detail is given)',
  503: 'A dependency (PostgreSQL, NATS) is unavailable; retry after `Retry-After` seconds',
} as const;

function problemResponses(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(PROBLEM_RESPONSES).map(([status, description]) => [`Problem${status}`, { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } }]),
  );
}

interface Operation {
  operationId: string;
  summary?: string;
  description?: string;
  parameters?: Array<Record<string, unknown>>;
  requestBody?: Record<string, unknown>;
  responses: Record<string, Record<string, unknown>>;
  security?: Array<Record<string, string[]>>;
  tags?: string[];
  [extension: `x-${string}`]: unknown;
}

interface Route {
  key: string;
  controller: Type;
  method: string;
  roles: string[];
  isPublic: boolean;
  body?: Type;
  query?: Type;
  params?: Type;
  namedParams: string[];
  namedQuery: string[];
  headers: string[];
}

/** Every controller method by the operationId the document gives it. */
function routeTable(app: INestApplication): Map<string, Route> {
  const routes = new Map<string, Route>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller?.prototype) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[method];
        if (method === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number; data?: unknown }>;
        const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as Type[];
        const route: Route = {
          key: `${controller.name}.${method}`,
          controller,
          method,
          roles: Reflect.getMetadata(REQUIRED_ROLES, handler) ?? Reflect.getMetadata(REQUIRED_ROLES, controller) ?? [],
          isPublic: Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller)),
          namedParams: [],
          namedQuery: [],
          headers: [],
        };
        for (const [key, arg] of Object.entries(args)) {
          const kind = Number(key.split(':')[0]);
          const dto = types[arg.index];
          const isClass = dto && ![String, Object, Number, Boolean, Array].includes(dto as never);
          if (kind === RouteParamtypes.BODY && arg.data === undefined && isClass) route.body = dto;
          if (kind === RouteParamtypes.QUERY) {
            if (arg.data === undefined && isClass) route.query = dto;
            else if (typeof arg.data === 'string') route.namedQuery.push(arg.data);
          }
          if (kind === RouteParamtypes.PARAM) {
            if (arg.data === undefined && isClass) route.params = dto;
            else if (typeof arg.data === 'string') route.namedParams.push(arg.data);
          }
          if (kind === RouteParamtypes.HEADERS && typeof arg.data === 'string') route.headers.push(arg.data.toLowerCase());
        }
        routes.set(`${controller.name.replace(/Controller$/, '')}_${method}`, route);
      }
    }
  }
  return routes;
}

function classSchema(dto: Type, schemas: Record<string, JsonSchema>): JsonSchema {
  return schemas[dto.name] ?? (targetConstructorToSchema(dto, SCHEMA_OPTIONS) as JsonSchema);
}

const HEADER_DOCS: Record<string, string> = {
  'if-match': 'The ETag of the version this change is based on (412 when stale, 428 when missing where required)',
  'idempotency-key': 'Repeating a request with the same key returns the first answer',
};

function completeOperation(op: Operation, path: string, verb: string, route: Route | undefined, doc: OperationDoc | undefined, schemas: Record<string, JsonSchema>, renames: Map<string, string>): void {
  const parameters: Array<Record<string, unknown>> = [];
  const pathNames = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const documented = (where: string, name: string) => (op.parameters ?? []).find((p) => p.in === where && p.name === name);
  // Path parameters: from the @Param() class where there is one, else what Nest documented.
  const paramSchema = route?.params ? classSchema(route.params, schemas) : undefined;
  for (const name of pathNames) {
    const fromClass = (paramSchema?.properties as Record<string, JsonSchema> | undefined)?.[name];
    const existing = documented('path', name);
    parameters.push({ name, in: 'path', required: true, schema: fromClass ?? existing?.schema ?? { type: 'string' }, ...(fromClass?.description ? { description: fromClass.description } : {}) });
  }
  // Query parameters: every validated field of the @Query() class, with its type and whether it is optional.
  if (route?.query) {
    const schema = classSchema(route.query, schemas);
    const required = new Set((schema.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
      parameters.push({ name, in: 'query', required: required.has(name), schema: property, ...(property.description ? { description: property.description } : {}) });
    }
  }
  for (const name of route?.namedQuery ?? []) {
    if (!parameters.some((p) => p.in === 'query' && p.name === name)) parameters.push({ name, in: 'query', required: false, schema: documented('query', name)?.schema ?? { type: 'string' } });
  }
  for (const name of route?.headers ?? []) {
    if (name === 'authorization') continue;
    parameters.push({ name: canonicalHeader(name), in: 'header', required: false, schema: { type: 'string' }, ...(HEADER_DOCS[name] ? { description: HEADER_DOCS[name] } : {}) });
  }
  if (verb === 'post' && !(route?.headers ?? []).includes('idempotency-key')) {
    parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 }, description: HEADER_DOCS['idempotency-key'] });
  }
  op.parameters = parameters;
  if (op.requestBody && route?.body) {
    op.requestBody = { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${route.body.name}` } } } };
    if (!schemas[route.body.name]) schemas[route.body.name] = classSchema(route.body, schemas);
  }

  const resource = path.replace(/^\/api\/[^/]+/, '');
  // `@ApiOperation({ summary })` (already in `op`), else the doc comment's first sentence. There is
  // no made-up fallback: an undocumented route has no summary, which Redocly's `operation-summary`
  // and tools/openapi/openapi.spec.ts refuse.
  const summary = op.summary || doc?.summary;
  if (summary) op.summary = summary;
  else delete op.summary;
  const roleText = route?.isPublic ? 'Public: no token needed.' : route?.roles.length ? `Needs one of the roles: ${route.roles.join(', ')}.` : 'Needs a token; what it returns is scoped to the token’s municipalities and organisation.';
  op.description = [doc?.description, roleText].filter(Boolean).join('\n\n');
  op['x-roles'] = route?.roles ?? [];
  op.security = route?.isPublic ? [] : [{ bearer: [] }];
  op.tags = [resource.split('/').filter((s) => s && !s.startsWith('{') && !/^v\d+$/.test(s))[0] ?? 'service'];

  const ok = Object.keys(op.responses).find((s) => s.startsWith('2')) ?? (verb === 'post' ? '201' : '200');
  const success: Record<string, unknown> = { description: op.responses[ok]?.description || successText(verb) };
  if (doc?.schema) success.content = { 'application/json': { schema: renameRefs(doc.schema, renames) } };
  op.responses = { [ok]: success };
  const problem = (status: keyof typeof PROBLEM_RESPONSES) => ({ $ref: `#/components/responses/Problem${status}` });
  if (parameters.length || op.requestBody) op.responses['400'] = problem(400);
  if (!route?.isPublic) {
    op.responses['401'] = problem(401);
    op.responses['403'] = problem(403);
  }
  if (pathNames.length) op.responses['404'] = problem(404);
  if (verb !== 'get') {
    op.responses['409'] = problem(409);
    op.responses['422'] = problem(422);
  }
  if ((route?.headers ?? []).includes('if-match')) {
    op.responses['412'] = problem(412);
    op.responses['428'] = problem(428);
  }
  op.responses['500'] = problem(500);
  op.responses['503'] = problem(503);
}

function successText(verb: string): string {
  return verb === 'post' ? 'Created, or done' : verb === 'delete' ? 'Deleted' : 'OK';
}

function canonicalHeader(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

function renameRefs(schema: JsonSchema, renames: Map<string, string>): JsonSchema {
  if (!renames.size) return schema;
  return JSON.parse(JSON.stringify(schema), (key, value) =>
    key === '$ref' && typeof value === 'string' ? value.replace(/#\/components\/schemas\/(.+)$/, (m, n: string) => `#/components/schemas/${renames.get(n) ?? n}`) : value,
  ) as JsonSchema;
}

/**
 * What the generators leave that OpenAPI 3.0 refuses: `design:type` references to `Object` and
 * `Array` (an interface or a record property), and `type: "null"` (3.1 only).
 */
function repairSchemas(document: OpenAPIObject, renames: Map<string, string>): OpenAPIObject {
  const known = new Set(Object.keys(document.components?.schemas ?? {}));
  const repair = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(repair);
    if (!value || typeof value !== 'object') return value;
    const o = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) out[k] = repair(v);
    if (typeof out.$ref === 'string' && out.$ref.startsWith('#/components/schemas/')) {
      const name = out.$ref.replace('#/components/schemas/', '');
      const renamed = known.has(name) ? name : (renames.get(name) ?? name);
      if (!known.has(renamed)) {
        const { $ref: _ref, ...rest } = out;
        return name === 'Array' ? { type: 'array', items: rest.items ?? {}, ...rest } : { type: 'object', ...rest };
      }
      out.$ref = `#/components/schemas/${renamed}`;
    }
    if (out.type === 'null') return { nullable: true };
    // `not: {type: 'null'}` (a required nested object) is 3.0's default: nothing to say.
    if (out.not && typeof out.not === 'object' && Object.keys(out.not).length === 1 && (out.not as Record<string, unknown>).nullable === true) delete out.not;
    if (Array.isArray(out.anyOf) || Array.isArray(out.oneOf)) {
      const key = Array.isArray(out.anyOf) ? 'anyOf' : 'oneOf';
      const variants = (out[key] as Array<Record<string, unknown>>).filter((v) => !(Object.keys(v).length === 1 && v.nullable === true));
      if (variants.length < (out[key] as unknown[]).length) {
        out.nullable = true;
        if (variants.length === 1 && !variants[0].$ref) {
          delete out[key];
          Object.assign(out, variants[0]);
        } else out[key] = variants;
      }
    }
    if (typeof out.$ref === 'string') {
      // OpenAPI 3.0 ignores a $ref's siblings (Spectral's no-$ref-siblings refuses them):
      // class-validator-jsonschema writes `type: object` beside a nested class's $ref, which says
      // nothing; what does say something (a description, nullable) goes beside an allOf of the reference.
      const { $ref, type: _type, ...siblings } = out;
      return Object.keys(siblings).length ? { allOf: [{ $ref }], ...siblings } : { $ref };
    }
    return out;
  };
  return repair(document) as OpenAPIObject;
}

/**
 * The one catalogue (issue 18): every service's document in one, as the gateway serves it at
 * /api/docs and partners generate one client from. Paths are already unique (`/api/<service>/…`);
 * operationIds and schema names are prefixed with the service (`procurement_Providers_list`,
 * `procurement.ProviderView`) so two services' `PageQuery` stay two.
 */
export function aggregateOpenApi(documents: Array<{ service: string; document: OpenAPIObject }>, info: { title: string; description: string; version: string }): OpenAPIObject {
  const paths: OpenAPIObject['paths'] = {};
  const schemas: Record<string, unknown> = {};
  const tags: Array<{ name: string; description?: string }> = [];
  for (const { service, document } of [...documents].sort((a, b) => a.service.localeCompare(b.service))) {
    const rename = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value), (key, v) =>
        key === '$ref' && typeof v === 'string' && v !== '#/components/schemas/Problem' ? v.replace('#/components/schemas/', `#/components/schemas/${service}.`) : v,
      );
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
      if (name === 'Problem') schemas.Problem = schema;
      else schemas[`${service}.${name}`] = rename(schema);
    }
    for (const [path, item] of Object.entries(rename(document.paths) as OpenAPIObject['paths'])) {
      for (const op of Object.values(item) as Array<{ operationId?: string; tags?: string[] }>) {
        if (!op || typeof op !== 'object' || !op.operationId) continue;
        op.operationId = `${service.replace(/-/g, '_')}_${op.operationId}`;
        op.tags = [service];
      }
      paths[path] = item;
    }
    tags.push({ name: service, description: document.info.description });
  }
  return {
    openapi: '3.0.0',
    info: { ...info, license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12' } },
    servers: [{ url: '/', description: 'The gateway' }],
    tags,
    paths,
    components: { schemas: schemas as never, responses: Object.assign({}, ...documents.map((d) => d.document.components?.responses ?? {})), securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
  };
}

/**
 * Every JSON request body and 2xx JSON answer gets an example made from its own schema, so the
 * examples cannot drift from what the API accepts: a value the schema gives (`example`, `enum`),
 * else one that fits the property's name and format (a test BSN, a CBS municipality code, an AGB
 * code, dates, ids), else one that fits its pattern, else one of its type within its bounds.
 * tools/openapi/openapi.spec.ts validates every example against its schema.
 */
function withExamples(document: OpenAPIObject): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, JsonSchema>;
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as Operation[]) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const media = [
        (op.requestBody as { content?: Record<string, { schema?: JsonSchema; example?: unknown }> } | undefined)?.content?.['application/json'],
        ...Object.entries(op.responses)
          .filter(([status]) => status.startsWith('2'))
          .map(([, r]) => (r.content as Record<string, { schema?: JsonSchema; example?: unknown }> | undefined)?.['application/json']),
      ];
      for (const m of media) {
        if (!m?.schema || m.example !== undefined) continue;
        const example = sampleOf(m.schema, '', schemas, []);
        if (example !== undefined) m.example = example;
      }
    }
  }
  return document;
}

const EXAMPLE_UUID = '3f0c2a5e-8b1d-4c6e-9a7f-2d4b6e8f0a13';
const EXAMPLE_DATE = '2026-03-02';
const EXAMPLE_INSTANT = '2026-03-02T09:30:00.000Z';

/** Values by property name (tried first, kept only when they fit the property's schema). */
const NAMED_EXAMPLES: Array<[RegExp, unknown]> = [
  [/bsn$/i, '999901011'],
  [/(^|[a-z])(municipality|Municipality)$|^org$|Org$|^team$|Team$|^from$|^to$|^toOrg$/, 'GM0546'],
  [/agb$/i, '30000001'],
  [/^kvk$/i, '41234567'],
  [/^(productCode|code)$/, '01A01'],
  [/^category$/, '02'],
  [/(^id|Id)$/, EXAMPLE_UUID],
  [/(At|^at)$/, EXAMPLE_INSTANT],
  [/^birthDate$/, '1961-03-14'],
  [/(^validTo|^to|^end|^until|Until|End|endDate)$/, '2026-12-31'],
  [/(^validFrom|^from|^start|Start|startDate)$/, '2026-01-01'],
  [/(On|Date|^asOf)$/, EXAMPLE_DATE],
  [/(^month|^period)$/, '2026-03'],
  [/^year$/i, 2026],
  [/(By|^sub|^actorSub|^assignee)$/, 'demo-caseworker'],
  [/^givenNames?$/, 'Anna'],
  [/^initials$/, 'A.'],
  [/^prefix$/, 'de'],
  [/^familyName$/, 'de Vries'],
  [/^postcode$/, '2311 EZ'],
  [/^street$/, 'Breestraat'],
  [/^houseNumber$/, 12],
  [/^houseLetter$/, 'A'],
  [/^city$/, 'Leiden'],
  [/^neighbourhood$/, 'Binnenstad'],
  [/^phone$/, '071 516 5000'],
  [/^email$/i, 'inkoop@zorggroep-rijnland.example.nl'],
  [/url$/i, 'https://partner.example.nl/webhooks/vangnet'],
  [/(^name|Name)$/, 'Zorggroep Rijnland'],
  [/Cents$/, 64800],
  [/^(reference|providerReference|previousReference)$/, 'LR-2026-30000001'],
  [/^declarationNumber$/, 'D-2026-03-0001'],
  [/^eventTypes?$/, 'access.provision.granted.v1'],
  [/(reason|Reason|because|grounds)$/, 'Requested by the resident'],
  [/(note|Note|notes|comment|summary|explanation)$/, 'Discussed with the resident on the phone'],
  [/^(nextCursor|cursor)$/, 'eyJpZCI6IjNmMGMyYTVlIn0'],
  [/[pP]seudonym$/, 'a3f1c9e2'.repeat(8)],
  [/^status$/, 'OPEN'],
  [/^messageType$/, '301'],
  [/^(sender|receiver)$/, '30000001'],
  [/^facilityType$/, 'INTRAMURAL_PROTECTED_HOUSING'],
  [/^unit$/, 'HOUR'],
  [/^deliveryForm$/, 'IN_KIND'],
  [/^frequency$/, 'PER_WEEK'],
  [/^law$/, 'WMO'],
  [/^debitCredit$/, 'DEBIT'],
  [/^retourCode$/, '0200'],
  [/^(role|roles|actorRoles)$/, 'access.caseworker'],
  [/^(scope|scopes)$/, 'api.procurement'],
  [/^purpose$/, 'Assessing an application for support'],
  [/^legalBasis$/, 'Wmo 2015 art. 2.3.2'],
  [/^action$/, 'READ'],
  [/^resource$/, 'person'],
  [/[cC]orporation$/, '41234567'],
  [/^houseNumberAddition$/, 'bis'],
  [/^kty$/, 'RSA'],
  [/^alg$/, 'RS256'],
  [/^use$/, 'sig'],
  [/^kid$/, 'dev-2026-01'],
  [/^token_type$/, 'Bearer'],
  [/^(correlationId|eventId|messageId)$/, EXAMPLE_UUID],
];

/** Strings tried, in this order, for a `pattern` nothing above fits. */
const PATTERN_EXAMPLES = ['GM0546', '30000001', '999901011', '01A01', '2026-03', '2026-Q1', '2026', '2311 EZ', '071 516 5000', 'A', 'LR-2026-30000001', 'FINANCES', 'a3f1c9e2'.repeat(8)];

function sampleOf(schema: JsonSchema | undefined, name: string, schemas: Record<string, JsonSchema>, seen: string[]): unknown {
  if (!schema) return undefined;
  if (schema.example !== undefined) return schema.example;
  if (typeof schema.$ref === 'string') {
    const ref = schema.$ref.replace('#/components/schemas/', '');
    // A type that contains itself (a tree) stops at the second level.
    if (seen.filter((s) => s === ref).length > 0) return undefined;
    return sampleOf(schemas[ref], name, schemas, [...seen, ref]);
  }
  if (Array.isArray(schema.allOf)) {
    const parts = (schema.allOf as JsonSchema[]).map((part) => sampleOf(part, name, schemas, seen));
    return parts.every((v) => v && typeof v === 'object' && !Array.isArray(v)) ? Object.assign({}, ...parts) : parts.find((v) => v !== undefined);
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(schema[key])) {
      for (const variant of schema[key] as JsonSchema[]) {
        const v = sampleOf(variant, name, schemas, seen);
        if (v !== undefined) return v;
      }
      return undefined;
    }
  }
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  const type = schema.type ?? (schema.properties ? 'object' : undefined);
  if (type === 'object' || (type === undefined && schema.additionalProperties)) {
    const out: Record<string, unknown> = {};
    for (const [key, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
      const value = sampleOf(property, key, schemas, seen);
      if (value !== undefined) out[key] = value;
    }
    if (!schema.properties && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
      const value = sampleOf(schema.additionalProperties as JsonSchema, '', schemas, seen);
      if (value !== undefined) out[/municipalit/i.test(name) ? 'GM0546' : 'key'] = value;
    }
    return out;
  }
  if (type === 'array') {
    const item = sampleOf(schema.items as JsonSchema | undefined, singular(name), schemas, seen);
    if (item === undefined) return [];
    const min = Number(schema.minItems ?? 1);
    const itemEnum = (schema.items as JsonSchema | undefined)?.enum as unknown[] | undefined;
    if (min > 1 && itemEnum && itemEnum.length >= min) return itemEnum.slice(0, min);
    return Array.from({ length: Math.max(1, min) }, () => item);
  }
  // No type (`unknown`, `object`): anything fits; an empty object says least.
  if (type === undefined) return {};
  const named = NAMED_EXAMPLES.find(([pattern, value]) => pattern.test(name) && fits(schema, value));
  if (named) return named[1];
  if (type === 'string') {
    if (schema.format === 'date') return EXAMPLE_DATE;
    if (schema.format === 'date-time') return EXAMPLE_INSTANT;
    if (schema.format === 'uuid') return EXAMPLE_UUID;
    if (schema.format === 'email') return 'inkoop@zorggroep-rijnland.example.nl';
    if (schema.format === 'uri' || schema.format === 'url') return 'https://partner.example.nl/webhooks/vangnet';
    if (schema.format === 'binary') return undefined;
    if (typeof schema.pattern === 'string') return PATTERN_EXAMPLES.find((v) => fits(schema, v));
    const text = name ? humaniseName(name) : 'Text';
    const min = Number(schema.minLength ?? 0);
    const max = Number(schema.maxLength ?? Infinity);
    return text.padEnd(min, '.').slice(0, max);
  }
  if (type === 'integer' || type === 'number') {
    const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
    const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
    const value = Math.min(Math.max(1, min ?? -Infinity), max ?? Infinity);
    return type === 'integer' ? Math.ceil(value) : value;
  }
  if (type === 'boolean') return false;
  return undefined;
}

/** Whether a name's value fits the property: type, enum, pattern, length and bounds. */
function fits(schema: JsonSchema, value: unknown): boolean {
  const type = schema.type;
  if (typeof value === 'string') {
    if (type !== 'string') return false;
    if (typeof schema.pattern === 'string' && !patternOf(schema.pattern).test(value)) return false;
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) return false;
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) return false;
    if (schema.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    if (schema.format === 'date-time' && !/T/.test(value)) return false;
    if (schema.format === 'uuid' && value !== EXAMPLE_UUID) return false;
    if (schema.format === 'email' && !value.includes('@')) return false;
    return true;
  }
  if (typeof value === 'number') {
    if (type !== 'integer' && type !== 'number') return false;
    if (type === 'integer' && !Number.isInteger(value)) return false;
    if (typeof schema.minimum === 'number' && value < schema.minimum) return false;
    if (typeof schema.maximum === 'number' && value > schema.maximum) return false;
    return true;
  }
  return false;
}

/** A pattern as JSON Schema validators read it (ECMA-262 with the unicode flag, where it parses). */
function patternOf(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return new RegExp(pattern);
  }
}

function singular(name: string): string {
  return name.replace(/ies$/, 'y').replace(/(?<![si])s$/, '');
}

/** `closeNote` → "Close note". */
function humaniseName(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
