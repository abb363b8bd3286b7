import 'reflect-metadata';
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { OpenAPIObject } from '@nestjs/swagger';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { aggregateOpenApi, previewOpenApiDocument } from '../../libs/platform/src/openapi';
import { ACCESS_APP_OPTIONS } from '../../apps/access/src/app.options';
import { AppModule as AccessModule } from '../../apps/access/src/app.module';
import { CARE_PLANS_APP_OPTIONS } from '../../apps/care-plans/src/app.options';
import { AppModule as CarePlansModule } from '../../apps/care-plans/src/app.module';
import { EXCHANGE_APP_OPTIONS } from '../../apps/exchange/src/app.options';
import { AppModule as ExchangeModule } from '../../apps/exchange/src/app.module';
import { FINANCE_APP_OPTIONS } from '../../apps/finance/src/app.options';
import { AppModule as FinanceModule } from '../../apps/finance/src/app.module';
import { GATEWAY_OPTIONS } from '../../apps/gateway/src/gateway.app';
import { AppModule as GatewayModule } from '../../apps/gateway/src/app.module';
import { HOUSING_APP_OPTIONS } from '../../apps/housing/src/app.options';
import { AppModule as HousingModule } from '../../apps/housing/src/app.module';
import { PROCUREMENT_APP_OPTIONS } from '../../apps/procurement/src/app.options';
import { AppModule as ProcurementModule } from '../../apps/procurement/src/app.module';

const root = join(__dirname, '..', '..');
const SERVICES = [
  [ACCESS_APP_OPTIONS, AccessModule],
  [CARE_PLANS_APP_OPTIONS, CarePlansModule],
  [EXCHANGE_APP_OPTIONS, ExchangeModule],
  [FINANCE_APP_OPTIONS, FinanceModule],
  [GATEWAY_OPTIONS, GatewayModule],
  [HOUSING_APP_OPTIONS, HousingModule],
  [PROCUREMENT_APP_OPTIONS, ProcurementModule],
] as const;

const NOT_JSON = ['/api/exchange/v1/mailbox/{id}'];

type Operation = { operationId?: string; summary?: string; parameters?: Array<{ name: string; in: string }>; requestBody?: unknown; responses: Record<string, { content?: Record<string, unknown> }>; security?: unknown[] };

type Media = { schema?: Record<string, unknown>; example?: unknown };

/** What the generator once made up for an undocumented route: `Get (GET /v1/…)`, or the bare method name. */
function isPlaceholder(summary: string, operationId: string): boolean {
  const method = operationId.split('_').pop()!;
  const words = method.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return /\((GET|POST|PUT|PATCH|DELETE) \//.test(summary) || summary.toLowerCase().replace(/[.\s]+$/, '') === words;
}

function operations(doc: OpenAPIObject): Array<[string, string, Operation]> {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>)
      .filter(([, op]) => op && typeof op === 'object' && 'responses' in op)
      .map(([verb, op]) => [path, verb, op] as [string, string, Operation]),
  );
}

function catalogueOf(docs: Map<string, OpenAPIObject>): OpenAPIObject {
  return aggregateOpenApi([...docs].map(([service, document]) => ({ service, document })), {
    title: 'Vangnet API catalogue',
    description: 'Every Vangnet service’s API behind the gateway, one document (each service’s own at /api/<service>/docs inside the cluster)',
    version: '1',
  });
}

/**
 * Every service's OpenAPI document is one a partner can generate a client from (issue 18): built
 * as the service serves it (from a preview of its module graph), then linted with Redocly's
 * recommended rules and Spectral's spectral:oas — zero errors — and checked for what those rules
 * do not see (made-up summaries, examples their schema refuses).
 */
describe('the OpenAPI documents', () => {
  const docs = new Map<string, OpenAPIObject>();
  const dir = mkdtempSync(join(tmpdir(), 'vangnet-openapi-'));

  beforeAll(async () => {
    for (const [options, module] of SERVICES) docs.set(options.service, await previewOpenApiDocument(module, options));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should have response schemas generated from the controllers as they are now', () => {
    const r = spawnSync(process.execPath, [join(root, 'tools/openapi/generate.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);

  it('should have the committed catalogue and the client generated from it as the services describe themselves now', () => {
    const catalogue = `${JSON.stringify(catalogueOf(docs), null, 1)}\n`;
    const file = join(root, 'docs', 'api', 'openapi.json');
    // `npm run openapi:generate` refreshes both; here they are only compared.
    if (process.env.UPDATE_OPENAPI === '1') writeFileSync(file, catalogue);
    expect({ stale: !existsSync(file) || readFileSync(file, 'utf8') !== catalogue }).toEqual({ stale: false });
    const r = spawnSync(process.execPath, [join(root, 'tools/openapi/client.mjs'), ...(process.env.UPDATE_OPENAPI === '1' ? [] : ['--check'])], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 120_000);

  it('should lint with zero errors under Redocly’s recommended rules and Spectral’s spectral:oas', () => {
    const files = [...docs, ['catalogue', catalogueOf(docs)] as const].map(([service, doc]) => {
      const file = join(dir, `${service}.json`);
      writeFileSync(file, JSON.stringify(doc));
      return file;
    });
    const r = spawnSync(process.execPath, [join(root, 'tools/openapi/lint.mjs'), ...files], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    type Problem = { severity: string; rule: string; message: string; at: string };
    const byLinter = JSON.parse(r.stdout) as Record<'redocly' | 'spectral', Record<string, Problem[]>>;
    const failures: unknown[] = [];
    for (const [linter, results] of Object.entries(byLinter)) {
      const summary = Object.entries(results).map(([file, problems]) => {
        const errors = problems.filter((p) => p.severity === 'error');
        const service = file.split('/').pop()!.replace('.json', '');
        return { linter, service, operations: operations(service === 'catalogue' ? catalogueOf(docs) : docs.get(service)!).length, errors: errors.length, warnings: problems.length - errors.length, first: errors.slice(0, 5), rules: [...new Set(errors.map((e) => `${e.rule}: ${e.message.slice(0, 90)}`))].slice(0, 12) };
      });
      const warningRules = Object.values(results).flat().filter((p) => p.severity !== 'error').reduce<Record<string, number>>((acc, p) => ({ ...acc, [p.rule]: (acc[p.rule] ?? 0) + 1 }), {});
      console.log(`[openapi] ${linter}: ${summary.map((s) => `${s.service} ${s.operations} operations, ${s.errors} errors, ${s.warnings} warnings`).join('; ')}; warnings by rule: ${JSON.stringify(warningRules)}`);
      failures.push(...summary.filter((s) => s.errors > 0));
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it('should give every operation a unique operationId, a summary, a success schema where it returns JSON, and problem answers', () => {
    for (const [service, doc] of docs) {
      const ops = operations(doc);
      expect(ops.length).toBeGreaterThan(3);
      const ids = ops.map(([, , op]) => op.operationId);
      expect({ service, duplicates: ids.filter((id, i) => ids.indexOf(id) !== i) }).toEqual({ service, duplicates: [] });
      for (const [path, verb, op] of ops) {
        const where = `${service} ${verb.toUpperCase()} ${path}`;
        // A summary someone wrote (a doc comment or @ApiOperation), not one made from the method's
        // name: no `Get (GET /v1/…)`, no bare `Get`/`List`/`Create`.
        expect({ where, summary: Boolean(op.summary) }).toEqual({ where, summary: true });
        expect({ where, summary: op.summary, placeholder: isPlaceholder(op.summary!, op.operationId!) }).toEqual({ where, summary: op.summary, placeholder: false });
        expect({ where, problem: (op.responses['500'] as { $ref?: string })?.$ref }).toEqual({ where, problem: '#/components/responses/Problem500' });
        // Every {name} of the path is a documented path parameter.
        for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
          expect({ where, name, documented: (op.parameters ?? []).some((p) => p.in === 'path' && p.name === name) }).toEqual({ where, name, documented: true });
        }
      }
      expect(JSON.stringify(doc)).not.toMatch(/#\/components\/schemas\/(Object|Array)"/);
      // A read says what it returns (a controller typed `Promise<unknown>` documents nothing);
      // the mailbox's file is XML, sent by hand.
      const undescribed = ops.filter(([path, verb, op]) => verb === 'get' && !Object.entries(op.responses).some(([s, r]) => s.startsWith('2') && r.content) && !NOT_JSON.includes(path));
      expect({ service, undescribed: undescribed.map(([path]) => path) }).toEqual({ service, undescribed: [] });
    }
  });

  it('should give every JSON request body and 2xx JSON answer an example that its own schema accepts', () => {
    for (const [service, doc] of [...docs, ['catalogue', catalogueOf(docs)] as const]) {
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      // OpenAPI 3.0's `nullable` is ajv's own keyword; the components resolve under one id.
      ajv.addSchema({ $id: 'openapi', components: doc.components }, 'openapi');
      const missing: string[] = [];
      const invalid: unknown[] = [];
      for (const [path, verb, op] of operations(doc)) {
        const media = [
          ['request', (op.requestBody as { content?: Record<string, Media> } | undefined)?.content?.['application/json']],
          ...Object.entries(op.responses).filter(([status]) => status.startsWith('2')).map(([status, r]) => [status, (r.content as Record<string, Media> | undefined)?.['application/json']]),
        ] as Array<[string, Media | undefined]>;
        for (const [which, m] of media) {
          if (!m?.schema) continue;
          const where = `${verb.toUpperCase()} ${path} ${which}`;
          if (m.example === undefined) {
            missing.push(where);
            continue;
          }
          const validate = ajv.compile(JSON.parse(JSON.stringify(m.schema).replace(/"#\/components\//g, '"openapi#/components/')));
          if (!validate(m.example)) invalid.push({ where, errors: validate.errors?.slice(0, 3).map((e) => `${e.instancePath} ${e.message}`), example: JSON.stringify(m.example).slice(0, 300) });
        }
      }
      expect({ service, missing, invalid }).toEqual({ service, missing: [], invalid: [] });
    }
    // Values a sampler cannot guess come from the property's meaning: a test BSN that passes the
    // eleven-proof, never a real one.
    const search = (docs.get('access')!.paths['/api/access/v1/persons/search'] as Record<string, Operation>).post;
    const bsn = (search.requestBody as { content: Record<string, Media> }).content['application/json'].example as { bsn: string };
    expect(bsn.bsn).toMatch(/^9999\d{5}$/);
    expect([...bsn.bsn.slice(0, 8)].reduce((sum, d, i) => sum + Number(d) * (9 - i), 0) % 11).toBe(Number(bsn.bsn[8]));
  });

  it('should document query parameters from the classes that validate them, and roles and public routes', () => {
    const procurement = docs.get('procurement')!;
    const list = (procurement.paths['/api/procurement/v1/providers'] as Record<string, Operation>).get;
    expect(list.parameters?.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(expect.arrayContaining(['limit', 'cursor']));
    expect((list.responses['200'].content?.['application/json'] as { schema: { properties?: Record<string, unknown> } }).schema.properties).toHaveProperty('items');
    const create = (procurement.paths['/api/procurement/v1/providers'] as Record<string, Operation & { 'x-roles': string[] }>).post;
    expect(create['x-roles']).toEqual(['procurement.contract-manager']);
    expect(create.security).toEqual([{ bearer: [] }]);
    const live = (procurement.paths['/api/procurement/health/live'] as Record<string, Operation>).get;
    expect(live.security).toEqual([]);
    const schemas = procurement.components!.schemas as Record<string, { properties?: Record<string, { format?: string }> }>;
    // Dates travel as strings in the calendar's format.
    expect(Object.values(schemas).some((s) => Object.values(s.properties ?? {}).some((p) => p.format === 'date'))).toBe(true);
  });
});
