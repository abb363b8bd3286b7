// The drills' load: residents decided through access's real API behind the gateway, as the
// end-to-end chain does it (e2e/src/chain.e2e-spec.ts) — a person, a Wmo application, a decision
// granting provisions; in kind (procurement's contract check answers first) or as a PGB (no check,
// so access keeps granting while NATS is away).

const ALL = ['GM0546', 'GM0547', 'GM0579', 'GM0626', 'GM0638'];
export const AGB = '97000011';
/** A fixed today and provisions inside one year, so each provision is booked once in one year. */
export const TODAY = '2026-11-23';
const PERIOD = { start: '2026-12-01', end: '2026-12-31' };

/** A BSN that passes the eleven-proof, distinct per n (as the chain test makes them). */
export function bsn(n) {
  for (let i = 0; ; i++) {
    const digits = String(700_000_000 + n * 1000 + i)
      .padStart(9, '0')
      .slice(0, 8);
    const sum = [...digits].reduce((s, d, k) => s + Number(d) * (9 - k), 0);
    const check = sum % 11;
    if (check < 10) return digits + String(check);
  }
}

const inKind = () => ({
  product: { category: '02' },
  deliveryForm: 'IN_KIND',
  providerAgb: AGB,
  volume: { amount: 4, unit: 'HOUR', frequency: 'PER_WEEK' },
  period: PERIOD,
});
const pgb = () => ({ product: { category: '02' }, deliveryForm: 'PGB', budgetCents: 48_000, period: PERIOD });

export class Api {
  constructor(gateway) {
    this.gateway = gateway;
    this.people = 0;
  }

  async request(method, path, { token, body, timeoutMs = 30_000 } = {}) {
    const res = await fetch(`${this.gateway}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, body: json };
  }

  async ok(method, path, token, body) {
    const r = await this.request(method, path, { token, body });
    if (r.status !== 200 && r.status !== 201) throw Object.assign(new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`), { status: r.status });
    return r.body;
  }

  async token(claims) {
    return (await this.ok('POST', '/api/gateway/v1/dev/token', undefined, { sub: 'drill', municipalities: [], ...claims })).access_token;
  }

  /** Tokens, and the provider contracted for the region (so in-kind provisions pass the check). */
  async setUp() {
    this.manager = await this.token({ org: 'GM0546', roles: ['procurement.contract-manager'], municipalities: ALL });
    this.caseworker = await this.token({ org: 'GM0546', roles: ['access.caseworker', 'access.decision-maker'], municipalities: ['GM0546'] });
    this.controller = await this.token({ org: 'GM0546', roles: ['finance.controller'], municipalities: ['GM0546'] });
    await this.ok('POST', '/api/procurement/v1/providers', this.manager, { agb: AGB, kvk: '70000011', name: 'Zorg Drill', kind: 'CARE_PROVIDER', contact: { email: 'inkoop@drill.example' } });
    await this.ok('POST', '/api/procurement/v1/contracts', this.manager, {
      reference: 'DRILL-2026',
      providerAgb: AGB,
      municipalities: ALL,
      term: { start: '2026-01-01', end: '2027-12-31' },
      products: [{ product: { category: '02' }, variant: 'EFFORT', unit: 'HOUR', crisis: false, tariffs: [{ year: 2026, tariffCents: 6000 }, { year: 2027, tariffCents: 6200 }] }],
    });
  }

  /** A person with an open Wmo application; returns the application id. */
  async application() {
    const n = ++this.people;
    const person = await this.ok('POST', '/api/access/v1/persons', this.caseworker, {
      bsn: bsn(n),
      familyName: `Drill${n}`,
      givenName: 'Sam',
      birthDate: '1975-03-14',
      brpMunicipality: 'GM0546',
      municipality: 'GM0546',
    });
    return (await this.ok('POST', '/api/access/v1/applications', this.caseworker, { personId: person.id, municipality: 'GM0546', law: 'WMO' })).id;
  }

  /** A decision granting `count` provisions of `kind` ('IN_KIND' or 'PGB'). */
  decide(applicationId, kind, count) {
    const make = kind === 'PGB' ? pgb : inKind;
    return this.request('POST', '/api/access/v1/decisions', { token: this.caseworker, body: { applicationId, provisions: Array.from({ length: count }, make) } });
  }
}

/**
 * Decisions by `concurrency` workers until `stop()` or `decisions` have been granted (at most
 * `rate` a second, when given). Counts the provisions granted and every answer that was not, by
 * status: a 5xx other than 503 is a finding.
 */
export class Load {
  constructor(api, { kind = 'IN_KIND', perDecision = 10, concurrency = 4, decisions = Infinity, rate = Infinity, applications = [] } = {}) {
    Object.assign(this, { api, kind, perDecision, concurrency, decisions, rate });
    this.nextAt = 0;
    this.pool = [...applications];
    this.granted = 0;
    this.claimed = 0;
    this.failures = new Map();
    /** The first answer of each status that was not a grant. */
    this.samples = new Map();
    this.running = false;
    this.listeners = [];
  }

  start() {
    this.running = true;
    this.startedAt = Date.now();
    this.done = Promise.all(Array.from({ length: this.concurrency }, () => this.worker())).then(() => {
      this.running = false;
      this.endedAt = Date.now();
      for (const l of this.listeners.splice(0)) l.r();
      if (this.error) throw this.error;
    });
    return this;
  }

  stop() {
    this.running = false;
    return this.done;
  }

  /** Resolves once `n` provisions have been granted (or the load ended). */
  grantedAtLeast(n) {
    if (this.granted >= n || !this.running) return Promise.resolve();
    return new Promise((r) => this.listeners.push({ n, r }));
  }

  /** Counts of the answers that were not a grant, e.g. { 503: 12 } or { ECONNREFUSED: 2 }. */
  get failureCounts() {
    return Object.fromEntries(this.failures);
  }

  /** Answers 500–599 other than 503: what must not happen during an outage. */
  get serverErrors() {
    return [...this.failures].filter(([k]) => /^5\d\d$/.test(k) && k !== '503').reduce((s, [, n]) => s + n, 0);
  }

  fail(key) {
    this.failures.set(String(key), (this.failures.get(String(key)) ?? 0) + 1);
  }

  addGranted(n) {
    this.granted += n;
    for (const l of this.listeners.splice(0)) {
      if (this.granted >= l.n) l.r();
      else this.listeners.push(l);
    }
  }

  /** At most `rate` decisions a second: each takes the next free slot. */
  async pace() {
    if (!Number.isFinite(this.rate)) return;
    const slot = Math.max(Date.now(), this.nextAt);
    this.nextAt = slot + 1000 / this.rate;
    if (slot > Date.now()) await new Promise((r) => setTimeout(r, slot - Date.now()));
  }

  async worker() {
    while (this.running && this.claimed < this.decisions) {
      await this.pace();
      if (!this.running) break;
      this.claimed++;
      let ok = false;
      try {
        const applicationId = this.pool.pop() ?? (await this.api.application());
        const r = await this.api.decide(applicationId, this.kind, this.perDecision);
        if (r.status === 201 || r.status === 200) {
          ok = true;
          this.addGranted(this.perDecision);
        } else {
          this.fail(r.status);
          if (!this.samples.has(r.status)) this.samples.set(r.status, JSON.stringify(r.body).slice(0, 200));
          // A refusal is the drill's own mistake, not an outage: stop and say so.
          if (r.status >= 400 && r.status < 500) {
            this.error = new Error(`a decision was refused with ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
            this.running = false;
          }
        }
      } catch (e) {
        // The application (or the decision) did not get through; the next round makes a new one,
        // since an answer lost on the way may hide a decision that was made.
        const key = e.status ?? e.cause?.code ?? e.name ?? 'ERROR';
        this.fail(key);
        if (!this.samples.has(key)) this.samples.set(key, e.message.slice(0, 300));
      }
      if (!ok) {
        this.claimed--;
        // An outage answers at once: do not spin.
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    for (const l of this.listeners.splice(0)) l.r();
  }
}
