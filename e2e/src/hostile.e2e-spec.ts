import { Finding, probesOf, Probe, Route, routeName, routesOf } from './hostile';
import { RunningPlatform, SERVICES } from './platform';
import { KNOWN_DEFECTS } from './known-defects';

// Issue 13, "Done means": the hostile-input families replayed against every route every service
// registers, through the gateway. Fails on any 5xx, any 2xx for invalid input, any 4xx that is not
// problem+json; prints the requests per route. Defects inside a service that its owners must fix
// are listed in known-defects.ts (an explicit allow-list they empty), never skipped silently.

const ALL = ['GM0546', 'GM0547', 'GM0579', 'GM0626', 'GM0638'];
const MUNICIPAL_ROLES = [
  'access.caseworker',
  'access.decision-maker',
  'care-plans.coordinator',
  'housing.placement-officer',
  'procurement.contract-manager',
  'finance.controller',
  'regional.analyst',
  'auditor',
  'region.administrator',
  'platform.operator',
];

describe('hostile input against every route of every service', () => {
  let p: RunningPlatform;
  const tokens: Record<Probe['token'], string | undefined> = { all: undefined, none: undefined, 'roleless-corporation': undefined, provider: undefined, 'other-municipality': undefined };

  beforeAll(async () => {
    p = await RunningPlatform.start({ demo: false });
    tokens.all = await p.token({ sub: 'hostile', org: 'GM0546', roles: MUNICIPAL_ROLES, municipalities: ALL });
    tokens['roleless-corporation'] = await p.token({ sub: 'hostile', org: 'CORP:12345678', roles: [], municipalities: ALL });
    tokens.provider = await p.token({ sub: 'hostile', org: 'AGB:97000011', roles: ['provider', 'care-plans.coordinator', 'access.caseworker'], municipalities: ALL });
    tokens['other-municipality'] = await p.token({ sub: 'hostile', org: 'GM0638', roles: MUNICIPAL_ROLES, municipalities: ['GM0638'] });
  }, 480_000);

  afterAll(() => p?.stop());

  it('should answer every hostile request with a 4xx problem (or a 2xx only where the input is valid), never a 5xx', async () => {
    const routes: Route[] = [];
    for (const service of SERVICES) {
      const doc = await p.request('GET', `/api/${service}/docs-json`);
      expect(doc.status).toBe(200);
      routes.push(...routesOf(service, doc.body));
    }
    // The gateway's own routes outside its prefix, and the proxy's edges.
    routes.push(
      { service: 'gateway', method: 'GET', path: '/.well-known/jwks.json', pathParams: [], query: [], public: true },
      { service: 'gateway', method: 'GET', path: '/api/access', pathParams: [], query: [], public: false },
      { service: 'gateway', method: 'POST', path: '/api/finance', pathParams: [], query: [], public: false, body: { properties: {} } },
    );
    expect(routes.length).toBeGreaterThan(50);

    const findings: Finding[] = [];
    const perRoute = new Map<string, number>();
    const queue = routes.flatMap((r) => probesOf(r).map((probe) => ({ r, probe })));
    const worker = async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const { r, probe } = item;
        const name = routeName(r);
        perRoute.set(name, (perRoute.get(name) ?? 0) + 1);
        const token = tokens[probe.token];
        let status = 0;
        let type = '';
        let text = '';
        try {
          const res = await fetch(`${p.gateway}${probe.url}`, {
            method: probe.method,
            headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(probe.headers ?? {}) },
            body: probe.body,
          });
          status = res.status;
          type = res.headers.get('content-type') ?? '';
          text = await res.text();
        } catch (e) {
          findings.push({ route: name, family: probe.family, status: 0, detail: `no answer: ${(e as Error).message}` });
          continue;
        }
        const detail = `${probe.method} ${probe.url.slice(0, 160)} → ${status} ${text.slice(0, 200)}`;
        if (status >= 500) findings.push({ route: name, family: probe.family, status, detail });
        else if (probe.invalid && status >= 200 && status < 300) findings.push({ route: name, family: probe.family, status, detail });
        else if (status >= 400 && !type.startsWith('application/problem+json')) findings.push({ route: name, family: probe.family, status, detail: `not problem+json (${type}): ${detail}` });
      }
    };
    await Promise.all(Array.from({ length: 4 }, () => worker()));

    const total = [...perRoute.values()].reduce((a, b) => a + b, 0);
    console.log(
      `hostile replay: ${total} requests over ${perRoute.size} routes\n` +
        [...perRoute.entries()]
          .sort()
          .map(([route, n]) => `  ${String(n).padStart(4)}  ${route}`)
          .join('\n'),
    );
    const known = (f: Finding) => KNOWN_DEFECTS[`${f.route} ${f.family}`] ?? KNOWN_DEFECTS[`${f.route} *`];
    const allowed = findings.filter(known);
    const unexpected = findings.filter((f) => !known(f));
    if (allowed.length) {
      console.log(
        `known service defects still present (${allowed.length}; their owners empty known-defects.ts):\n` +
          allowed.map((f) => `  [${known(f)}] ${f.route} ${f.family}: ${f.detail}`).join('\n'),
      );
    }
    const fixed = Object.keys(KNOWN_DEFECTS).filter((k) => !findings.some((f) => `${f.route} ${f.family}` === k || `${f.route} *` === k));
    if (fixed.length) console.log(`known defects no longer seen (remove them from known-defects.ts):\n  ${fixed.join('\n  ')}`);
    expect(unexpected.map((f) => `${f.route} ${f.family}: ${f.detail}`)).toEqual([]);
  }, 900_000);
});
