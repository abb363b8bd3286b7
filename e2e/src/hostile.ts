// The hostile-input replay of issue 13: every route every service registers (read from each
// service's OpenAPI document, which Nest generates from its route table; the gateway's own routes
// beside them), replayed with the families of input that once made services answer 500.

export interface Route {
  service: string;
  method: string;
  /** OpenAPI path template: /api/access/v1/persons/{id} */
  path: string;
  pathParams: string[];
  query: Array<{ name: string; type?: string; required?: boolean }>;
  body?: { properties: Record<string, { type?: string; format?: string; $ref?: string; items?: unknown }> };
  public: boolean;
  /** A route outside the services' route tables (the gateway's web files, sign-in, catalogue; a service's docs): probed by edgeProbesOf. */
  edge?: EdgeKind;
}

/**
 * The gateway's routes that no OpenAPI document lists: `page` (the web shell at `/` and every
 * other GET outside /api), `files` (/assets/*), `web-config` (/web-config.json), `authorize` and
 * `sign-in` (the development issuer's authorization endpoint, GET and its form POST), `code-grant`
 * (the token endpoint's authorization_code grant), `catalogue` (/api/docs and its documents) and
 * `service-docs` (a service's /docs and /docs-json: refused at the gateway, served on its own port).
 */
export type EdgeKind = 'page' | 'files' | 'web-config' | 'authorize' | 'sign-in' | 'code-grant' | 'catalogue' | 'service-docs';

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
  /** Sent to this service's own port (as from inside the cluster) instead of through the gateway. */
  direct?: string;
  /** What the answer must never hold, whatever its status (a file outside the web root, a reflected script). */
  mustNotMatch?: RegExp;
  /** A browser form's error is an HTML page (the sign-in page again, with the error), not problem+json. */
  htmlErrors?: boolean;
  /** The token, damaged: its signature changed (a forged token must be refused like none). */
  forged?: boolean;
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
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, type: p.schema?.type, required: p.required === true })),
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
  if (route.edge) return edgeProbesOf(route);
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

/** What no answer may hold: a file from outside the web root, a key, a reflected script. */
const OUTSIDE_WEB_ROOT = /root:x:0:0|"devDependencies"|"compilerOptions"|PRIVATE KEY|<script>alert\(1\)<\/script>/;

/** The development issuer's web client, as the sign-in page expects it (PKCE: a 43-character S256 challenge). */
const AUTHORIZE_QUERY: Record<string, string> = {
  response_type: 'code',
  client_id: 'vangnet-web',
  redirect_uri: 'http://127.0.0.1/signed-in',
  code_challenge: 'a'.repeat(43),
  code_challenge_method: 'S256',
  state: 'hostile',
  scope: 'openid',
};
const SIGN_IN_FORM: Record<string, string | string[]> = { ...AUTHORIZE_QUERY, sub: 'hostile', org: 'GM0546', roles: ['auditor'], municipalities: ['GM0546'] };

const form = (fields: Record<string, string | string[]>): string => {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) out.append(k, one);
  return out.toString();
};
const edge = (service: string, method: string, path: string, kind: EdgeKind): Route => ({ service, method, path, pathParams: [], query: [], public: true, edge: kind });

/**
 * The gateway's own routes outside the services' route tables (issue 13: the web files, the
 * development issuer's sign-in, the catalogue) and every service's docs routes. `asset` is one
 * file the web shell loads (read from `/`), when the pages are built.
 */
export function edgeRoutes(services: readonly string[], asset?: string): Route[] {
  return [
    edge('gateway', 'GET', '/', 'page'),
    edge('gateway', 'GET', '/voorzieningen', 'page'),
    edge('gateway', 'GET', '/web-config.json', 'web-config'),
    ...(asset ? [edge('gateway', 'GET', asset, 'files')] : []),
    edge('gateway', 'GET', '/assets/missing.js', 'files'),
    edge('gateway', 'GET', '/api/gateway/oidc/authorize', 'authorize'),
    edge('gateway', 'POST', '/api/gateway/oidc/authorize', 'sign-in'),
    edge('gateway', 'POST', '/api/gateway/oauth/token', 'code-grant'),
    edge('gateway', 'GET', '/api/docs', 'catalogue'),
    edge('gateway', 'GET', '/api/docs/openapi.json', 'catalogue'),
    edge('gateway', 'GET', '/api/docs/index.json', 'catalogue'),
    edge('gateway', 'GET', '/api/docs/events', 'catalogue'),
    ...services.flatMap((s) => [edge(s, 'GET', `/api/${s}/docs`, 'service-docs'), edge(s, 'GET', `/api/${s}/docs-json`, 'service-docs')]),
  ];
}

/** The probes of a route outside the route tables: hostile paths, query strings, methods, tokens and forms. */
export function edgeProbesOf(route: Route): Probe[] {
  const probes: Probe[] = [];
  const add = (p: Omit<Probe, 'method' | 'token'> & { method?: string; token?: Probe['token'] }) =>
    probes.push({ method: route.method, token: 'none', mustNotMatch: OUTSIDE_WEB_ROOT, ...p });
  const kind = route.edge as EdgeKind;
  const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
  // The directory a hostile path climbs out of: the route's own (`/assets/`, `/api/docs/`, `/`).
  const dir = kind === 'files' ? '/assets/' : kind === 'catalogue' ? '/api/docs/' : kind === 'service-docs' ? `${route.path}/` : '/';
  // A service's docs are served on its own port only: through the gateway every request is refused.
  // (The gateway's own are on the outside port: the catalogue gathers them there, and serves the
  // same operations in /api/docs/openapi.json.)
  const outside = kind === 'service-docs' && route.service !== 'gateway';
  // Files and the catalogue answer 404 to a path they do not hold; the shell answers any page path.
  const pathInvalid = kind === 'files' || kind === 'catalogue' || outside;

  if (kind === 'authorize') {
    const base = `${route.path}?${form(AUTHORIZE_QUERY)}`;
    add({ family: 'edge:valid', url: base, invalid: false });
    for (const name of Object.keys(AUTHORIZE_QUERY)) {
      // An opaque state or scope may hold anything; the client, its redirect and PKCE may not.
      const checked = !['state', 'scope'].includes(name);
      const without = Object.fromEntries(Object.entries(AUTHORIZE_QUERY).filter(([k]) => k !== name));
      add({ family: 'query:missing', url: `${route.path}?${form(without)}`, invalid: name !== 'state' && name !== 'scope' });
      add({ family: 'query:nul', url: `${route.path}?${form({ ...AUTHORIZE_QUERY, [name]: 'a\u0000b' })}`, invalid: checked });
      add({ family: 'query:long', url: `${route.path}?${form({ ...AUTHORIZE_QUERY, [name]: '9'.repeat(5000) })}`, invalid: name !== 'scope' });
      add({ family: 'query:array', url: `${base}&${name}=x`, invalid: checked });
      add({ family: 'query:bracket-object', url: `${route.path}?${form(without)}&${name}[a]=1`, invalid: checked });
    }
    for (const redirect of ['https://evil.example/cb', 'javascript:alert(1)', '//evil.example/cb', 'http://127.0.0.1@evil.example/cb', 'data:text/html,<script>alert(1)</script>']) {
      add({ family: 'query:foreign-redirect', url: `${route.path}?${form({ ...AUTHORIZE_QUERY, redirect_uri: redirect })}`, invalid: true });
    }
    add({ family: 'query:plain-pkce', url: `${route.path}?${form({ ...AUTHORIZE_QUERY, code_challenge_method: 'plain' })}`, invalid: true });
    add({ family: 'query:reflected-script', url: `${route.path}?${form({ ...AUTHORIZE_QUERY, state: '"><script>alert(1)</script>' })}`, invalid: false });
    add({ family: 'query:proto', url: `${base}&__proto__[x]=1&constructor[prototype][x]=1`, invalid: false });
  } else if (kind === 'sign-in') {
    const post = (family: string, fields: Record<string, string | string[]> | string, invalid: boolean, headers: Record<string, string> = formHeaders) =>
      add({ family, url: route.path, body: typeof fields === 'string' ? fields : form(fields), headers, invalid, htmlErrors: true });
    // The valid form redirects (302) with a one-time code to the loopback redirect.
    post('edge:valid', SIGN_IN_FORM, false);
    for (const [name, v] of [
      ['org', 'AGB:1'],
      ['org', 'GM0546\u0000'],
      ['org', '<script>alert(1)</script>'],
      ['roles', '__proto__'],
      ['roles', 'platform.root'],
      ['municipalities', 'GM9999x'],
      ['municipalities', Array.from({ length: 51 }, () => 'GM0546')],
      ['sub', ''],
      ['sub', 'x'.repeat(129)],
      ['client_id', 'other-client'],
      ['redirect_uri', 'https://evil.example/cb'],
      ['code_challenge', 'short'],
    ] as const) {
      post(`form:${name}`, { ...SIGN_IN_FORM, [name]: v as string | string[] }, true);
    }
    post('form:too-many-fields', { ...SIGN_IN_FORM, ...Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, '1'])) }, true);
    post('form:too-large', { ...SIGN_IN_FORM, sub: 'x'.repeat(20_000) }, true);
    post('form:invalid-encoding', `${form(SIGN_IN_FORM)}&org=%E0%A4%A`, true);
    post('body:deep', '{"a":'.repeat(2400) + '1' + '}'.repeat(2400), true, { 'content-type': 'application/json' });
    post('body:json', JSON.stringify(SIGN_IN_FORM), false, { 'content-type': 'application/json' });
    post('body:empty', '', true);
    post('body:wrong-content-type', form(SIGN_IN_FORM), true, { 'content-type': 'text/plain' });
  } else if (kind === 'code-grant') {
    const grant = { grant_type: 'authorization_code', code: 'x'.repeat(43), client_id: 'vangnet-web', redirect_uri: AUTHORIZE_QUERY.redirect_uri, code_verifier: 'v'.repeat(43) };
    const post = (family: string, fields: Record<string, string | string[]>, headers: Record<string, string> = formHeaders) =>
      add({ family, url: route.path, body: form(fields), headers, invalid: true });
    post('form:unknown-code', grant);
    for (const name of Object.keys(grant).filter((k) => k !== 'grant_type')) {
      post('form:nul', { ...grant, [name]: 'a\u0000b' });
      post('form:long', { ...grant, [name]: '9'.repeat(5000) });
      post('form:array', { ...grant, [name]: ['a', 'b'] });
    }
    post('form:unsupported-grant', { ...grant, grant_type: 'password' });
    add({ family: 'body:json-unknown-code', url: route.path, body: JSON.stringify(grant), headers: { 'content-type': 'application/json' }, invalid: true });
    add({ family: 'header:basic-garbage', url: route.path, body: form(grant), headers: { ...formHeaders, authorization: 'Basic !!!' }, invalid: true });
  } else {
    add({ family: 'edge:valid', url: route.path, invalid: outside || (kind === 'files' && route.path.endsWith('/missing.js')) });
    add({ family: 'edge:head', method: 'HEAD', url: route.path, invalid: outside || (kind === 'files' && route.path.endsWith('/missing.js')) });
    if (kind === 'service-docs') add({ family: 'edge:direct', url: route.path, invalid: false, direct: route.service, mustNotMatch: undefined });
  }

  // Hostile paths beside the route: traversal (plain, encoded, double-encoded, overlong UTF-8, backslashes), NUL, over-long.
  if (kind !== 'sign-in' && kind !== 'code-grant' && kind !== 'authorize') {
    for (const [family, tail] of [
      ['path:traversal', '..%2f..%2fpackage.json'],
      ['path:traversal', '..%2F..%2F..%2F..%2Fetc%2Fpasswd'],
      // (`%2e%2e/` a client resolves before sending, as a URL's dot segment; fully encoded it arrives.)
      ['path:traversal', '%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json'],
      ['path:traversal', '%252e%252e%252f%252e%252e%252fpackage.json'],
      ['path:traversal', '%c0%ae%c0%ae%c0%af%c0%ae%c0%ae%c0%afpackage.json'],
      ['path:traversal', '..%5c..%5c..%5ctsconfig.base.json'],
      ['path:traversal', '....//....//package.json'],
      ['path:nul', 'index.html%00.json'],
      ['path:nul', 'a%00b'],
      ['path:long', 'x'.repeat(6000)],
      ['path:unicode', '%F0%9F%92%A9%E2%80%AE'],
      ['path:malformed-encoding', '%E0%A4%A'],
    ] as const) {
      add({ family, url: `${dir}${tail}`, invalid: pathInvalid });
      if (kind === 'service-docs') add({ family: `${family}:direct`, url: `${dir}${tail}`, invalid: false, direct: route.service });
    }
  }

  // Hostile query strings on a route that takes none (ignored or refused; never a 5xx).
  if (kind !== 'authorize' && kind !== 'sign-in' && kind !== 'code-grant') {
    for (const [family, q] of [
      ['query:nul', 'q=a%00b'],
      ['query:long', `q=${'9'.repeat(5000)}`],
      ['query:proto', '__proto__[x]=1&constructor[prototype][x]=1'],
      ['query:bracket-object', 'a[b][c][d]=1'],
      ['query:malformed-encoding', 'q=%E0%A4%A'],
      ['query:many', Array.from({ length: 2000 }, (_, i) => `k${i}=1`).join('&')],
    ] as const) {
      add({ family, url: `${route.path}?${q}`, invalid: outside });
    }
  }

  // Methods a GET route does not take, and a POST route's.
  for (const method of route.method === 'GET' ? ['POST', 'PUT', 'PATCH', 'DELETE'] : ['GET', 'PUT', 'DELETE']) {
    // The authorize endpoint takes GET and POST; GET at the token endpoint is not a grant.
    if (kind === 'sign-in' && method === 'GET') continue;
    add({ family: `method:${method.toLowerCase()}`, method, url: route.path, body: method === 'GET' ? undefined : '{}', headers: method === 'GET' ? undefined : { 'content-type': 'application/json' }, invalid: true });
  }

  // Tokens: none of these routes needs one; a bad or forged one must not turn an answer into a 5xx, nor open the service docs.
  if (kind !== 'sign-in' && kind !== 'code-grant') {
    const url = kind === 'authorize' ? `${route.path}?${form(AUTHORIZE_QUERY)}` : route.path;
    const invalid = outside || (kind === 'files' && route.path.endsWith('/missing.js'));
    add({ family: 'header:malformed-authorization', url, headers: { authorization: 'Bearer a.b.c' }, invalid });
    add({ family: 'header:basic-authorization', url, headers: { authorization: 'Basic Og==' }, invalid });
    add({ family: 'token:forged', url, token: 'all', forged: true, invalid });
    add({ family: 'token:all', url, token: 'all', invalid });
    add({ family: 'token:roleless-corporation', url, token: 'roleless-corporation', invalid });
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

// ---- Real objects of another municipality (issue 13: "any response that carries another
// municipality's personal data"): detail routes asked for ids that exist, not random UUIDs.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The objects a list answer holds: the body itself when an array, else its first array of objects. */
export function itemsOf(body: unknown): Array<Record<string, unknown>> {
  const objects = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x)) : []);
  if (Array.isArray(body)) return objects(body);
  if (!body || typeof body !== 'object') return [];
  const o = body as Record<string, unknown>;
  if (Array.isArray(o.items)) return objects(o.items);
  for (const v of Object.values(o)) if (objects(v).length) return objects(v);
  return [];
}

/** Every string an answer holds, at any depth (what a token may already see). */
export function stringsOf(body: unknown, out = new Set<string>(), depth = 0): Set<string> {
  if (depth > 15) return out;
  if (typeof body === 'string') out.add(body);
  else if (Array.isArray(body)) body.forEach((v) => stringsOf(v, out, depth + 1));
  else if (body && typeof body === 'object') Object.values(body).forEach((v) => stringsOf(v, out, depth + 1));
  return out;
}

/**
 * The ids an object names by field: `personId` → persons, `householdId` → households (and the
 * object's own `id` under `own`). Only well-formed UUIDs.
 */
export function referencedIds(body: unknown, out: Map<string, Set<string>> = new Map(), depth = 0): Map<string, Set<string>> {
  if (depth > 15 || !body || typeof body !== 'object') return out;
  if (Array.isArray(body)) {
    body.forEach((v) => referencedIds(v, out, depth + 1));
    return out;
  }
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const m = /^(.+)Id$/.exec(k);
    if (m && typeof v === 'string' && UUID.test(v)) {
      const collection = collectionOfIdField(m[1]);
      if (!out.has(collection)) out.set(collection, new Set());
      out.get(collection)?.add(v);
    }
    referencedIds(v, out, depth + 1);
  }
  return out;
}

/** `person` → `persons`, `entry` → `waitlist` (the housing waiting list's entries), `delivery` → `deliveries`. */
export function collectionOfIdField(name: string): string {
  if (name === 'entry') return 'waitlist';
  if (name === 'task') return 'tasks';
  return name.endsWith('y') ? `${name.slice(0, -1)}ies` : `${name}s`;
}

/** A resident's identifying values in an object (at any depth): BSNs, names, pseudonyms, person ids. */
export function personalValues(body: unknown, out = new Set<string>(), depth = 0): Set<string> {
  if (depth > 15 || !body || typeof body !== 'object') return out;
  if (Array.isArray(body)) {
    body.forEach((v) => personalValues(v, out, depth + 1));
    return out;
  }
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (typeof v === 'string' && v.length >= 4 && ['bsn', 'familyName', 'givenName', 'personId', 'personPseudonym', 'personBsn'].includes(k)) out.add(v);
    personalValues(v, out, depth + 1);
  }
  return out;
}

/**
 * The detail routes that hold a resident's data (issue 13 #2 of the audit): asked for another
 * municipality's (or another partner's) real object, only 401/403/404 is right.
 */
export const PERSONAL_ROUTE =
  /^\/api\/(access\/v1\/(persons|households|registrations|referrals|applications|decisions|provisions|objections|worklist\/tasks|outreach-tasks)|care-plans\/v1\/plans|housing\/v1\/(waitlist|placements|nominations|offers|outflow|eviction-signals|direct-placements)|finance\/v1\/(commitments|declarations)|exchange\/v1\/(messages|mailbox)|procurement\/v1\/client-stops)\//;
