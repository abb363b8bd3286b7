// The hostile-input replay of issue 13: every route every service registers (read from each
// service's OpenAPI document, which Nest generates from its route table; the gateway's own routes
// beside them), replayed with the families of input that once made services answer 500.

export interface Route {
  service: string;
  method: string;
  /** OpenAPI path template: /api/access/v1/persons/{id} */
  path: string;
  pathParams: string[];
  query: Array<{ name: string; type?: string }>;
  body?: { properties: Record<string, { type?: string; format?: string; $ref?: string; items?: unknown }> };
  public: boolean;
}

export interface Probe {
  family: string;
  method: string;
  /** The concrete URL path (with query). */
  url: string;
  body?: string;
  headers?: Record<string, string>;
  token: 'all' | 'none' | 'roleless-corporation' | 'provider' | 'other-municipality';
  /** Invalid input: any 2xx is a finding. */
  invalid: boolean;
}

export interface Finding {
  route: string;
  family: string;
  status: number;
  detail: string;
}

type Schema = { $ref?: string; properties?: Record<string, any>; type?: string; allOf?: Schema[] };

function resolve(doc: any, schema: Schema | undefined, depth = 0): Schema | undefined {
  if (!schema || depth > 5) return schema;
  if (schema.$ref) return resolve(doc, doc.components?.schemas?.[schema.$ref.split('/').pop() as string], depth + 1);
  if (schema.allOf) return { properties: Object.assign({}, ...schema.allOf.map((s) => resolve(doc, s, depth + 1)?.properties ?? {})) };
  return schema;
}

const PUBLIC = /\/(health\/(live|ready)|metrics|docs(-json)?|\.well-known\/(jwks\.json|openid-configuration)|v1\/dev\/token)$/;

/** The routes of one service's OpenAPI document. */
export function routesOf(service: string, doc: any): Route[] {
  const out: Route[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = item[method];
      if (!op) continue;
      const params: any[] = [...(item.parameters ?? []), ...(op.parameters ?? [])];
      const body = resolve(doc, op.requestBody?.content?.['application/json']?.schema);
      out.push({
        service,
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, type: p.schema?.type })),
        body: body?.properties ? { properties: body.properties } : undefined,
        public: PUBLIC.test(path),
      });
    }
  }
  return out;
}

const DEEP = '{"a":'.repeat(2400) + '1' + '}'.repeat(2400);
const VALID_UUID = '00000000-0000-4000-8000-000000000000';

/** A path with every parameter replaced by `value` (others by a well-formed unknown UUID). */
function fill(route: Route, value?: { name: string; v: string }): string {
  return route.path.replace(/\{([^}]+)\}/g, (_m, name: string) => (value && value.name === name ? value.v : VALID_UUID));
}

function bodyWith(route: Route, field: string, value: unknown): string {
  return JSON.stringify({ [field]: value });
}

/** Every probe of one route. */
export function probesOf(route: Route): Probe[] {
  const probes: Probe[] = [];
  const base = fill(route);
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
  const add = (p: Omit<Probe, 'method'> & { method?: string }) => probes.push({ method: route.method, ...p });
  const json = { 'content-type': 'application/json' };

  // Tokens of the wrong kind: none, a corporation holding no role, a provider, another municipality.
  if (!route.public) {
    add({ family: 'token:none', url: base, body: hasBody ? '{}' : undefined, headers: hasBody ? json : undefined, token: 'none', invalid: true });
    add({ family: 'token:roleless-corporation', url: base, body: hasBody ? '{}' : undefined, headers: hasBody ? json : undefined, token: 'roleless-corporation', invalid: true });
    add({ family: 'token:provider', url: base, body: hasBody ? '{}' : undefined, headers: hasBody ? json : undefined, token: 'provider', invalid: false });
    add({ family: 'token:other-municipality', url: base, body: hasBody ? '{}' : undefined, headers: hasBody ? json : undefined, token: 'other-municipality', invalid: false });
    add({ family: 'header:malformed-authorization', url: base, headers: { authorization: 'Bearer a.b.c' }, token: 'none', invalid: true });
  }

  // Path parameters.
  for (const name of route.pathParams) {
    for (const [family, v] of [
      ['path:nul', 'a%00b'],
      ['path:traversal', '..%2F..%2Fetc%2Fpasswd'],
      ['path:long', 'x'.repeat(3000)],
      ['path:negative', '-1'],
      ['path:huge-number', '99999999999999999999999'],
      ['path:sql', "'%20OR%201%3D1--"],
      ['path:unicode', '%F0%9F%92%A9%E2%80%AE'],
    ] as const) {
      add({ family, url: fill(route, { name, v }), body: hasBody ? '{}' : undefined, headers: hasBody ? json : undefined, token: 'all', invalid: true });
    }
  }

  // Query strings.
  // A route that takes no query may ignore one (HTTP does); only its effect is checked: no 5xx.
  add({ family: 'query:unknown', url: `${base}?zz_unknown=1`, token: 'all', invalid: false });
  add({ family: 'query:proto', url: `${base}?__proto__=1&constructor=x`, token: 'all', invalid: !route.public });
  for (const q of route.query) {
    add({ family: 'query:nul', url: `${base}?${q.name}=a%00b`, token: 'all', invalid: true });
    add({ family: 'query:long', url: `${base}?${q.name}=${'9'.repeat(5000)}`, token: 'all', invalid: false });
    add({ family: 'query:array', url: `${base}?${q.name}=1&${q.name}=2`, token: 'all', invalid: false });
    add({ family: 'query:bracket-object', url: `${base}?${q.name}[a]=1`, token: 'all', invalid: false });
  }

  // Bodies.
  if (hasBody) {
    const send = (family: string, body: string, invalid = true, headers: Record<string, string> = json) =>
      add({ family, url: base, body, headers, token: 'all', invalid });
    send('body:deep', DEEP);
    send('body:deep-array', '['.repeat(3000) + ']'.repeat(3000));
    send('body:many-keys', JSON.stringify(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [i.toString(36), 0]))));
    send('body:proto', '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}');
    // A route that declares no body may ignore what it is sent; one that declares one must refuse these.
    const takesBody = route.body !== undefined;
    send('body:invalid-json', '{"a": ');
    send('body:array', '[]', takesBody);
    send('body:null', 'null', takesBody);
    send('body:string', '"x"', takesBody);
    send('body:empty', '', takesBody, json);
    send('body:wrong-content-type', '{}', takesBody, { 'content-type': 'text/plain' });
    for (const field of Object.keys(route.body?.properties ?? {})) {
      send('body:nul', bodyWith(route, field, 'a\u0000b'));
      send('body:wrong-type-object', bodyWith(route, field, { $gt: '' }));
      send('body:wrong-type-array', bodyWith(route, field, [[[]]]));
      send('body:huge-number', bodyWith(route, field, 1e308));
      send('body:long-string', bodyWith(route, field, 'x'.repeat(100_000)));
    }
  }
  // Headers every write takes.
  if (hasBody) {
    add({ family: 'header:if-match', url: base, body: '{}', headers: { ...json, 'if-match': 'W/"garbage' }, token: 'all', invalid: route.body !== undefined });
    add({ family: 'header:idempotency-key-long', url: base, body: '{}', headers: { ...json, 'idempotency-key': 'k'.repeat(5000) }, token: 'all', invalid: route.body !== undefined });
  }
  return probes;
}

/** `GET /api/access/v1/persons/{id}`: how a route is named in findings and the allow-list. */
export function routeName(r: Pick<Route, 'method' | 'path'>): string {
  return `${r.method} ${r.path}`;
}

// Fields that make an object a resident's (a budget's `name` does not).
const PERSONAL_KEYS = ['bsn', 'familyName', 'givenName', 'birthDate', 'personId', 'personPseudonym'];
const TENANT_KEYS = ['municipality', 'responsibleMunicipality'];

/**
 * Where an answer carries a resident's data of a municipality outside `allowed`: an object with a
 * personal field and a tenant field naming another municipality (the answer to a token acting for
 * `allowed` only). Returns the paths of such objects.
 */
export function foreignPersonalData(body: unknown, allowed: readonly string[], path = '', out: string[] = [], depth = 0): string[] {
  if (depth > 12 || body === null || typeof body !== 'object') return out;
  if (Array.isArray(body)) {
    body.forEach((v, i) => foreignPersonalData(v, allowed, `${path}[${i}]`, out, depth + 1));
    return out;
  }
  const o = body as Record<string, unknown>;
  const personal = PERSONAL_KEYS.some((k) => o[k] !== undefined && o[k] !== null);
  // The object's own municipality decides whose it is; a payer (`responsibleMunicipality`) only
  // counts where the object names no municipality of its own (a caller's own entry may name the
  // central municipality that pays for it).
  const owner = TENANT_KEYS.map((k) => o[k]).find((v) => typeof v === 'string' && /^GM\d{4}$/.test(v)) as string | undefined;
  const foreign = owner !== undefined && !allowed.includes(owner) ? owner : undefined;
  if (personal && foreign) out.push(`${path || '(root)'} (${foreign})`);
  for (const [k, v] of Object.entries(o)) foreignPersonalData(v, allowed, path ? `${path}.${k}` : k, out, depth + 1);
  return out;
}

/**
 * Care and diagnosis data a housing corporation never receives (ARCHITECTURE §6): the names of
 * fields that carry it in any service's answers, found at any depth of a body.
 */
const CARE_FIELDS = new Set(['product', 'products', 'category', 'productCode', 'provision', 'provisions', 'provisionId', 'deliveryForm', 'volume', 'tariffCents', 'budgetCents', 'goals', 'goal', 'lifeDomain', 'lifeDomains', 'crisisCard', 'diagnosis', 'careNeed', 'indication', 'law', 'investigation', 'decision', 'decisions', 'plan', 'consent']);

export function careFields(body: unknown, path = '$'): string[] {
  if (Array.isArray(body)) return body.flatMap((v, i) => careFields(v, `${path}[${i}]`));
  if (!body || typeof body !== 'object') return [];
  return Object.entries(body as Record<string, unknown>).flatMap(([k, v]) => [...(CARE_FIELDS.has(k) ? [`${path}.${k}`] : []), ...careFields(v, `${path}.${k}`)]);
}
