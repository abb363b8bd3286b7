// `npm run bench -- --only care-plans`: read one plan with 20 goals and 5 years of half-yearly
// reviews among 100,000 plans, consent applied (a provider granted half the domains) and as the
// coordinator, one read at a time, each writing its processing-log records. Target (issue 15):
// p99 ≤ 20 ms, printed beside the machine's floor (GET /health/live, interleaved) and `uptime`.
// Exits 1 when the target is missed.
//
// Seeding: every plan has a household of three, a coordinator, a resident and a provider with a
// consent, and a provision; BENCH_FULL_PLANS of them (default 2,000) carry the full 20 goals and
// 10 reviews of 20 scores each, the rest 2 goals and one review. The reads go to the full ones.
import { LIFE_DOMAIN_CODE_PATTERN, Role } from '@vangnet/contracts';
import { report, TestContext } from '@vangnet/testing';
import { execSync } from 'child_process';
import http from 'http';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { CARE_PLANS_APP_OPTIONS } from '../src/app.options';

const PLANS = Number(process.env.BENCH_PLANS ?? 100_000);
const FULL = Number(process.env.BENCH_FULL_PLANS ?? 2_000);
const READS = Number(process.env.BENCH_READS ?? 1_000);
const TARGET_P99_MS = 20;
const TODAY = '2026-11-23';
const AGB = '98000001';
const DOMAINS = Array.from({ length: 20 }, (_, i) => `DOMAIN_${String(i + 1).padStart(2, '0')}`);
if (!DOMAINS.every((d) => LIFE_DOMAIN_CODE_PATTERN.test(d))) throw new Error('bench domain codes do not fit the pattern');

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(port: number, path: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'GET', path, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function stats(values: number[]): { text: string; p99: number } {
  const s = [...values].sort((a, b) => a - b);
  const p99 = percentile(s, 0.99);
  return { p99, text: `p50 ${percentile(s, 0.5).toFixed(2)} ms, p95 ${percentile(s, 0.95).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms, max ${s[s.length - 1].toFixed(2)} ms` };
}

/** The plans and everything on them, in set-based SQL in the service's schema (the API would take hours at this size). */
async function seed(ds: DataSource): Promise<string[]> {
  const started = Date.now();
  await ds.query(`INSERT INTO life_domain (code, label, scale_min, scale_max, active, position, revision) SELECT d, 'Domein ' || d, 1, 5, true, i, 1 FROM unnest($1::text[]) WITH ORDINALITY AS t(d, i)`, [DOMAINS]);
  await ds.query(`CREATE TEMP TABLE bench_plan AS
    SELECT gen_random_uuid() AS id, gen_random_uuid() AS household_id, gen_random_uuid() AS resident, gen_random_uuid() AS partner, gen_random_uuid() AS child,
           gen_random_uuid() AS resident_participant, gen_random_uuid() AS provider_participant, n <= $2 AS full_plan, n
      FROM generate_series(1, $1) AS n`, [PLANS, FULL]);
  await ds.query(`INSERT INTO household (id, municipality, version) SELECT household_id, 'GM0546', 1 FROM bench_plan`);
  await ds.query(`INSERT INTO household_member (household_id, person_id, valid_from, person_pseudonym, role)
    SELECT household_id, m.person_id, date '2020-01-01', encode(sha256(m.person_id::text::bytea), 'hex'), m.role
      FROM bench_plan, LATERAL (VALUES (resident, 'APPLICANT'), (partner, 'PARTNER'), (child, 'CHILD')) AS m(person_id, role)`);
  await ds.query(`INSERT INTO plan (id, household_id, municipality, coordinator_org, coordinator_team, opened_on, review_interval_months, next_review_on, priorities, status, created_by)
    SELECT id, household_id, 'GM0546', 'GM0546', 'Buurtteam', date '2021-11-01', 6, date '2027-05-01', $1::text[], 'OPEN', 'bench' FROM bench_plan`, [DOMAINS.slice(0, 5)]);
  await ds.query(`INSERT INTO participant (id, plan_id, role, org, label, person_id, joined_on, created_by)
    SELECT gen_random_uuid(), id, 'COORDINATOR', 'GM0546', 'Buurtteam', NULL, date '2021-11-01', 'bench' FROM bench_plan
    UNION ALL SELECT resident_participant, id, 'RESIDENT', NULL, 'Bewoner', resident, date '2021-11-01', 'bench' FROM bench_plan
    UNION ALL SELECT provider_participant, id, 'PROVIDER', 'AGB:${AGB}', 'Zorgaanbieder', NULL, date '2021-11-01', 'bench' FROM bench_plan`);
  await ds.query(`INSERT INTO consent (id, plan_id, participant_id, sections, domains, given_on, method, instructed_by, recorded_by)
    SELECT gen_random_uuid(), id, provider_participant, '{GOALS,ACTIONS,REVIEWS}', $1::text[], date '2021-11-01', 'IN_PERSON', resident_participant, 'bench' FROM bench_plan`, [DOMAINS.slice(0, 10)]);
  await ds.query(`INSERT INTO provision (lineage_id, version, provision_id, person_id, person_pseudonym, household_id, category, delivery_form, provider_agb, period_start, period_end, municipality, responsible_municipality, law, tariff_cents)
    SELECT l, 1, l, resident, encode(sha256(resident::text::bytea), 'hex'), household_id, '02', 'IN_KIND', '${AGB}', date '2026-01-01', date '2027-12-31', 'GM0546', 'GM0546', 'WMO', 6500
      FROM (SELECT gen_random_uuid() AS l, * FROM bench_plan) p`);
  await ds.query(`CREATE TEMP TABLE bench_goal AS
    SELECT gen_random_uuid() AS id, p.id AS plan_id, p.resident, g AS nr, $1::text[] AS domains
      FROM bench_plan p, generate_series(1, 20) AS g WHERE p.full_plan OR g <= 2`, [DOMAINS]);
  await ds.query(`INSERT INTO goal (id, plan_id, domain_code, person_id, description, baseline_score, baseline_on, target_score, target_date, status, priority, created_by)
    SELECT id, plan_id, domains[nr], resident, 'Doel ' || nr, 2, date '2021-11-01', 5, date '2027-11-01', 'ACTIVE', nr, 'bench' FROM bench_goal`);
  await ds.query(`INSERT INTO domain_score (id, plan_id, domain_code, person_id, score, measured_on, source)
    SELECT gen_random_uuid(), plan_id, domains[nr], resident, 2, date '2021-11-01', 'BASELINE' FROM bench_goal`);
  await ds.query(`INSERT INTO action (id, plan_id, goal_id, performer_id, description, due_on, sequence, status, created_by)
    SELECT gen_random_uuid(), g.plan_id, g.id, CASE WHEN g.nr % 2 = 0 THEN p.provider_participant ELSE p.resident_participant END, 'Actie ' || g.nr, date '2027-01-01', g.nr, 'OPEN', 'bench'
      FROM bench_goal g JOIN bench_plan p ON p.id = g.plan_id`);
  // Five years of half-yearly reviews on the full plans (one on the others), each re-measuring every goal's domain.
  await ds.query(`CREATE TEMP TABLE bench_review AS
    SELECT gen_random_uuid() AS id, p.id AS plan_id, p.resident, (date '2021-11-01' + make_interval(months => 6 * r))::date AS held_on, p.full_plan
      FROM bench_plan p, generate_series(1, 10) AS r WHERE p.full_plan OR r = 1`);
  await ds.query(`INSERT INTO review (id, plan_id, held_on, note, recorded_by) SELECT id, plan_id, held_on, 'Evaluatie', 'bench' FROM bench_review`);
  await ds.query(`INSERT INTO domain_score (id, plan_id, review_id, domain_code, person_id, score, measured_on, source)
    SELECT gen_random_uuid(), r.plan_id, r.id, d, r.resident, 2 + (random() * 2)::int, r.held_on, 'REVIEW'
      FROM bench_review r, unnest($1::text[]) WITH ORDINALITY AS t(d, i) WHERE r.full_plan OR i <= 2`, [DOMAINS]);
  await ds.query(`ANALYZE`);
  const rows: Array<{ id: string }> = await ds.query(`SELECT id FROM bench_plan WHERE full_plan ORDER BY random()`);
  const counts: Array<{ t: string; n: string }> = await ds.query(
    `SELECT 'plans' AS t, count(*)::text AS n FROM plan UNION ALL SELECT 'goals', count(*)::text FROM goal UNION ALL SELECT 'reviews', count(*)::text FROM review UNION ALL SELECT 'scores', count(*)::text FROM domain_score`,
  );
  console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${counts.map((c) => `${Number(c.n).toLocaleString('en')} ${c.t}`).join(', ')}`);
  return rows.map((r) => r.id);
}

async function main(): Promise<void> {
  const ctx = await TestContext.create();
  let ok = true;
  try {
    const svc = await ctx.start(AppModule, CARE_PLANS_APP_OPTIONS, { VANGNET_TODAY: TODAY, CARE_PLANS_JOB_INTERVAL_MS: '0', LOG_LEVEL: 'warn' });
    const port = Number(new URL(svc.url).port);
    const planIds = await seed(svc.app.get(DataSource));
    const coordinator = await ctx.token({ sub: 'bench', org: 'GM0546', roles: [Role.CARE_PLANS_COORDINATOR], municipalities: ['GM0546'] });
    const provider = await ctx.token({ sub: 'bench', org: `AGB:${AGB}`, roles: [Role.PROVIDER] });

    for (const [who, token, expectGoals] of [
      ['provider (consent: 3 sections, 10 of 20 domains)', provider, 10],
      ['coordinator (everything)', coordinator, 20],
    ] as const) {
      for (const id of planIds.slice(0, 100)) await get(port, `/api/care-plans/v1/plans/${id}`, token); // warm-up
      const reads: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < READS; i++) {
        const id = planIds[(i + 100) % planIds.length];
        let t0 = performance.now();
        const res = await get(port, `/api/care-plans/v1/plans/${id}`, token);
        reads.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`read ${id}: ${res.status} ${res.body.slice(0, 300)}`);
        const view = JSON.parse(res.body) as { goals?: unknown[]; reviews?: Array<{ scores: unknown[] }>; residentParts?: unknown };
        if (view.goals?.length !== expectGoals || view.reviews?.length !== 10 || view.reviews[0].scores.length !== expectGoals) throw new Error(`read ${id}: ${view.goals?.length} goals, ${view.reviews?.length} reviews`);
        t0 = performance.now();
        await get(port, '/api/care-plans/health/live', token);
        floor.push(performance.now() - t0);
      }
      const r = stats(reads);
      const met = r.p99 <= TARGET_P99_MS;
      ok &&= met;
      console.log(`GET /plans/{id} as ${who}, 20 goals, 10 reviews, among ${PLANS.toLocaleString('en')} plans (${READS} reads, one at a time): ${r.text} — target p99 ≤ ${TARGET_P99_MS} ms ${met ? 'met' : 'MISSED'}`);
      const f = stats(floor);
      console.log(`  machine floor, GET /health/live interleaved: ${f.text}`);
      report({ id: `care-plans.plan-read.${who.split(' ')[0]}.p99-ms`, label: `GET /plans/{id} as ${who}, 20 goals, 10 reviews, among ${PLANS.toLocaleString('en')} plans, p99`, value: r.p99, unit: 'ms', target: `≤ ${TARGET_P99_MS} ms`, met, floor: { label: 'GET /health/live p99, interleaved', value: f.p99, ratio: r.p99 / f.p99 } });
    }
  } finally {
    console.log(`\nuptime: ${execSync('uptime').toString().trim()}`);
    await ctx.close();
  }
  process.exit(ok ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
