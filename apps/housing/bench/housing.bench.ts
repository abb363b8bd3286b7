// `npm run bench -- --only housing`: the waiting list at the region's scale. Targets (issue 14):
// rank a list of 10,000 entries and match 500 free places with explanations in ≤ 1 s, and the
// what-if of a scheme change over 10,000 entries in ≤ 1 s. Each is measured twice: the pure rules
// in this process, and the service's own HTTP route (PostgreSQL read, ranking, assignment,
// processing log) with the entries in its database. Prints the figures with `uptime`; exits 1
// when a target is missed.
import { Role } from '@vangnet/contracts';
import { report, TestContext } from '@vangnet/testing';
import { execSync } from 'child_process';
import { createHash, randomUUID } from 'crypto';
import { cpus } from 'os';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { HOUSING_APP_OPTIONS } from '../src/app.options';
import { assignPlaces, MatchCandidate, MatchPlace } from '../src/matching/matching.rules';
import { EntryFacts, explain, PriorityFactor, RankItem, rankAll, SchemeRules, whatIf } from '../src/priority-schemes/ranking.rules';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 10_000);
const PLACES = Number(process.env.BENCH_PLACES ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGET_MS = 1000;
const TODAY = '2026-11-23';
const REGION = ['GM0546', 'GM0547', 'GM0579', 'GM0626', 'GM0638'];
// Most of the list waits for protected housing; the rest for the lighter forms.
const TYPES = ['INTRAMURAL_PROTECTED_HOUSING', 'INTRAMURAL_PROTECTED_HOUSING', 'PROTECTED_HOUSING_LIGHT', 'INTERMEDIATE_FACILITY', 'HOUSING_FIRST'];
const FEATURES = ['ACCESSIBLE', 'FAMILY_SIZED', 'GENDER_SPECIFIC', 'PETS_ALLOWED'];

const SCHEME: SchemeRules = {
  seed: 'bench-2026',
  factors: [
    { factor: PriorityFactor.WAITING_DAYS, weight: 0.1 },
    { factor: PriorityFactor.URGENCY, weight: 25 },
    { factor: PriorityFactor.HOUSEHOLD_WITH_CHILDREN, weight: 15 },
    { factor: PriorityFactor.DISCHARGE_FROM_INSTITUTION, weight: 10 },
    { factor: PriorityFactor.ORIGIN_MUNICIPALITY, weight: 5, municipalities: REGION },
    { factor: PriorityFactor.NO_INTERIM_SUPPORT, weight: 2.5 },
  ],
};
const CANDIDATE: SchemeRules = { seed: 'bench-2027', factors: [{ factor: PriorityFactor.URGENCY, weight: 40 }, { factor: PriorityFactor.WAITING_DAYS, weight: 0.05 }] };

interface Entry {
  id: string;
  type: string;
  needs: string[];
  facts: EntryFacts;
  municipality: string;
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function makeEntries(n: number): Entry[] {
  const r = prng(1);
  return Array.from({ length: n }, () => {
    const days = Math.floor(r() * 730);
    return {
      id: randomUUID(),
      type: TYPES[Math.floor(r() * TYPES.length)],
      needs: r() < 0.15 ? [FEATURES[Math.floor(r() * FEATURES.length)]] : [],
      municipality: REGION[Math.floor(r() * REGION.length)],
      facts: {
        waitingSince: new Date(Date.UTC(2026, 10, 23) - days * 86_400_000).toISOString().slice(0, 10),
        urgency: Math.floor(r() * 4),
        householdWithChildren: false,
        dischargeFromInstitution: r() < 0.1,
        originMunicipality: r() < 0.8 ? REGION[Math.floor(r() * REGION.length)] : 'GM0363',
        interimSupport: r() < 0.6,
      },
    };
  });
}

function makePlaces(n: number): Array<MatchPlace & { municipality: string }> {
  const r = prng(2);
  return Array.from({ length: n }, () => ({
    id: randomUUID(),
    facilityType: TYPES[Math.floor(r() * TYPES.length)],
    features: FEATURES.filter(() => r() < 0.3),
    municipality: REGION[Math.floor(r() * REGION.length)],
  }));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** The pure rules: rank, assign 500 places, explain each assignment; and a what-if. */
function inProcess(entries: Entry[], places: MatchPlace[]): { match: number[]; whatIf: number[]; assigned: number } {
  const items: RankItem[] = entries.map((e) => ({ id: e.id, group: e.type, facts: e.facts }));
  const byId = new Map(entries.map((e) => [e.id, e]));
  const match: number[] = [];
  const what: number[] = [];
  let assigned = 0;
  for (let run = 0; run < RUNS + 1; run++) {
    const m = time(() => {
      const ranking = rankAll(SCHEME, items, TODAY);
      const ranked = new Map<string, { group: string; position: number }>();
      const candidates: MatchCandidate[] = [];
      for (const [group, list] of ranking) {
        for (const r of list) {
          ranked.set(r.id, r);
          candidates.push({ id: r.id, facilityType: group, needs: (byId.get(r.id) as Entry).needs, position: r.position });
        }
      }
      const plan = assignPlaces(places, candidates);
      const explanations = plan.assignments.map((a) => {
        const group = ranking.get((ranked.get(a.entryId) as { group: string }).group) ?? [];
        return explain(SCHEME, group, group[a.position - 1]);
      });
      return { plan, explanations };
    });
    const w = time(() => whatIf(SCHEME, CANDIDATE, items, TODAY));
    if (run === 0) continue; // warm-up
    match.push(m.ms);
    what.push(w.ms);
    assigned = m.value.plan.assignments.length;
    if (w.value.moves.length !== entries.length) throw new Error('the what-if did not answer every entry');
  }
  return { match, whatIf: what, assigned };
}

async function throughTheService(entries: Entry[], places: Array<MatchPlace & { municipality: string }>): Promise<{ match: number[]; whatIf: number[]; whatIfAll: number[]; assigned: number; items: number; allItems: number }> {
  const ctx = await TestContext.create();
  try {
    const svc = await ctx.start(AppModule, HOUSING_APP_OPTIONS, { VANGNET_TODAY: TODAY, HOUSING_JOB_INTERVAL_MS: '0', LOG_LEVEL: 'warn' });
    const officer = await ctx.token({ sub: 'bench', org: 'GM0546', roles: [Role.HOUSING_PLACEMENT_OFFICER], municipalities: REGION });
    const call = async (method: 'get' | 'post', path: string, body?: unknown, expect = 200) => {
      const res = await svc.http[method](`/api/housing/v1${path}`).set('Authorization', `Bearer ${officer}`).send(body as object);
      if (res.status !== expect) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      return res.body;
    };
    const scheme = await call('post', '/priority-schemes', { name: 'bench', seed: SCHEME.seed, factors: SCHEME.factors }, 201);
    await call('post', `/priority-schemes/${scheme.id}/activate`, { activeFrom: TODAY });
    const draft = await call('post', '/priority-schemes', { name: 'bench what-if', seed: CANDIDATE.seed, factors: CANDIDATE.factors }, 201);
    // The places through the API: a facility per (municipality, type, features), its places in one go.
    const groups = new Map<string, Array<MatchPlace & { municipality: string }>>();
    for (const p of places) {
      const k = `${p.municipality}|${p.facilityType}|${p.features.join(',')}`;
      groups.set(k, [...(groups.get(k) ?? []), p]);
    }
    const loading = Date.now();
    for (const [k, list] of groups) {
      const [municipality, type, features] = k.split('|');
      await call('post', '/facilities', { name: `Bench ${k}`, type, municipality, neighbourhood: 'Centrum', capacity: list.length, features: features ? features.split(',') : [] }, 201);
    }
    // The entries straight into the service's table (10,000 POSTs would measure the loader, not the list).
    const db = new Client({ connectionString: ctx.db.url });
    await db.connect();
    try {
      const col = <T>(f: (e: Entry) => T) => entries.map(f);
      await db.query(
        `INSERT INTO housing.waitlist_entry (id, route, status, person_id, person_pseudonym, municipality, responsible_municipality, origin_municipality, facility_type,
           waiting_since, entered_on, urgency, discharge_from_institution, needs, interim_support, created_by)
         SELECT id, 'WAITING_LIST', 'WAITING', person_id, pseudonym, municipality, municipality, origin, facility_type, waiting_since, waiting_since, urgency, discharge,
           COALESCE(string_to_array(needs, ','), '{}')::text[], CASE WHEN interim THEN 'ambulante begeleiding' END, 'bench'
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::int[], $9::bool[], $10::text[], $11::bool[])
           AS t(id, person_id, pseudonym, municipality, origin, facility_type, waiting_since, urgency, discharge, needs, interim)`,
        [
          col((e) => e.id),
          col(() => randomUUID()),
          col((e) => createHash('sha256').update(e.id).digest('hex')),
          col((e) => e.municipality),
          col((e) => e.facts.originMunicipality),
          col((e) => e.type),
          col((e) => e.facts.waitingSince),
          col((e) => e.facts.urgency),
          col((e) => e.facts.dischargeFromInstitution),
          col((e) => (e.needs.length ? e.needs.join(',') : null)),
          col((e) => e.facts.interimSupport),
        ],
      );
    } finally {
      await db.end();
    }
    console.log(`loaded ${places.length} places in ${groups.size} facilities over HTTP and ${entries.length} entries in ${((Date.now() - loading) / 1000).toFixed(1)} s`);
    const match: number[] = [];
    const what: number[] = [];
    const whatAll: number[] = [];
    let assigned = 0;
    let items = 0;
    let allItems = 0;
    for (let run = 0; run < RUNS + 1; run++) {
      const m = await timeAsync(() => call('get', '/matching/assignment'));
      const w = await timeAsync(() => call('get', `/priority-schemes/${draft.id}/what-if`));
      const a = await timeAsync(() => call('get', `/priority-schemes/${draft.id}/what-if?limit=10000`));
      if (run === 0) continue;
      match.push(m.ms);
      what.push(w.ms);
      whatAll.push(a.ms);
      assigned = m.value.assignments.length;
      const counted = w.value.summary.reduce((n: number, g: { entries: number }) => n + g.entries, 0);
      if (counted !== entries.length) throw new Error(`the what-if counted ${counted} entries, not ${entries.length}`);
      items = w.value.items.length;
      allItems = a.value.items.length;
    }
    return { match, whatIf: what, whatIfAll: whatAll, assigned, items, allItems };
  } finally {
    await ctx.close();
  }
}

async function main(): Promise<void> {
  const entries = makeEntries(ENTRIES);
  const places = makePlaces(PLACES);
  const pure = inProcess(entries, places);
  const served = await throughTheService(entries, places);
  const rows = [
    { id: 'housing.rank-and-match.ms', what: `rank ${ENTRIES} + match ${PLACES} places with explanations (rules, in process)`, runs: pure.match, note: `${pure.assigned} assigned`, target: true },
    { id: 'housing.what-if.ms', what: `what-if over ${ENTRIES} entries (rules, in process)`, runs: pure.whatIf, note: '', target: true },
    { id: 'housing.assignment-http.ms', what: `GET /matching/assignment: ${ENTRIES} entries, ${PLACES} free places (service over HTTP)`, runs: served.match, note: `${served.assigned} assigned`, target: true },
    { id: 'housing.what-if-http.ms', what: `GET /priority-schemes/{id}/what-if: every entry moved, first page (service over HTTP)`, runs: served.whatIf, note: `summary of ${ENTRIES}, ${served.items} items`, target: true },
    { id: 'housing.what-if-all-http.ms', what: `GET /priority-schemes/{id}/what-if?limit=10000: all items in one answer, each logged`, runs: served.whatIfAll, note: `${served.allItems} items`, target: false },
  ];
  console.log('\n| what | median ms | max ms | target ms | |');
  console.log('|---|---:|---:|---:|---|');
  let met = true;
  for (const r of rows) {
    const ok = median(r.runs) <= TARGET_MS;
    if (r.target) met &&= ok;
    report({ id: r.id, label: `${r.what}, median of ${r.runs.length}`, value: median(r.runs), unit: 'ms', ...(r.target ? { target: `≤ ${TARGET_MS} ms`, met: ok } : {}) });
    console.log(`| ${r.what} | ${median(r.runs).toFixed(0)} | ${Math.max(...r.runs).toFixed(0)} | ${r.target ? TARGET_MS : '—'} | ${r.target ? (ok ? 'met' : 'MISSED') : ''} ${r.note} |`);
  }
  console.log(`\nuptime: ${execSync('uptime').toString().trim()}`);
  console.log(`machine: ${cpus().length} cores (shared); ${RUNS} runs after one warm-up each`);
  process.exitCode = met ? 0 : 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
