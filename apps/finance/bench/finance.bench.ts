// `npm run bench -- --only finance`: the finance service in-process on the bench's PostgreSQL and
// NATS. Prints, beside the machine's raw PostgreSQL insert rate:
//  - commitments booked per second from access.provision.granted.v1 events (target ≥ 10,000/s,
//    issue 21; the intake stores a batch of versions set-based, ADR 0016): 20,000 events waiting in
//    JetStream, from the consumer's start until every lineage is booked;
//  - declaration assessment (target ≥ 20,000 lines/s): one declaration of 100,000 lines against
//    those 20,000 provisions, POSTed as JSON, from the request until the stored answer returns.
import 'reflect-metadata';
import {
  DeliveryForm,
  EventEnvelope,
  FinancingVariant,
  Frequency,
  PROVISION_GRANTED_V1,
  ProvisionGrantedV1,
  Role,
  sourceOf,
  TARIFF_PUBLISHED_V1,
  TariffPublishedV1,
  Unit,
} from '@vangnet/contracts';
import { ensureStream, InboxConsumer, prefixed } from '@vangnet/messaging';
import { Clock } from '@vangnet/platform';
import { report, TestContext, waitFor } from '@vangnet/testing';
import { createHash, randomUUID } from 'crypto';
import { cpus } from 'os';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { FINANCE_APP_OPTIONS } from '../src/app.options';

const PROVISIONS = Number(process.env.FINANCE_BENCH_PROVISIONS ?? 20_000);
const LINES = Number(process.env.FINANCE_BENCH_LINES ?? 100_000);
const TARGET_COMMITMENTS = 10_000;
const TARGET_LINES = 20_000;
const PROVIDER = '98000001';
const MUNICIPALITIES = ['GM0546', 'GM0547', 'GM0579', 'GM0626', 'GM0638'];
const PRODUCTS = [
  { category: '02', code: '02A01', tariff: [6500, 6700] },
  { category: '03', code: '03A01', tariff: [5900, 6100] },
  { category: '07', code: '07A01', tariff: [4200, 4350] },
  { category: '01', code: '01A01', tariff: [3100, 3200] },
];
const CONTRACT = '22222222-2222-4222-8222-222222222222';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function publishAll(ctx: TestContext, type: string, items: unknown[], window = 1000): Promise<void> {
  const js = ctx.nc.jetstream();
  for (let i = 0; i < items.length; i += window) {
    await Promise.all(
      items.slice(i, i + window).map((data) => {
        const id = randomUUID();
        const envelope: EventEnvelope<unknown> = {
          id,
          type,
          source: sourceOf(type.startsWith('access') ? 'access' : 'procurement'),
          time: new Date().toISOString(),
          municipality: type.startsWith('access') ? 'GM0546' : null,
          correlationId: id,
          data,
        };
        return js.publish(prefixed(type), Buffer.from(JSON.stringify(envelope)), { msgID: id });
      }),
    );
  }
}

/** The machine's raw insert rate: the same set-based statement shape the service uses, and one INSERT per row. */
async function rawInsertRate(db: DataSource): Promise<{ bulk: number; single: number }> {
  await db.query(`CREATE TABLE bench_raw (a uuid, b int, c text, d text, e uuid, f uuid, g text, h text, i date, j date, k bigint, l text, m bigint, n bigint, o bool, p bigint, q text[])`);
  await db.query('CREATE INDEX ON bench_raw (e)');
  const n = 100_000;
  const col = <T>(f: (i: number) => T) => Array.from({ length: 10_000 }, (_, i) => f(i));
  const started = Date.now();
  await db.transaction(async (m) => {
    for (let k = 0; k < n; k += 10_000) {
      await m.query(
        `INSERT INTO bench_raw SELECT u.a, u.b, u.c, u.d, u.e, u.f, u.g, u.h, u.i, u.j, u.k, u.l, u.m, u.n, u.o, u.p, string_to_array(u.q, ',')
           FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::date[], $10::date[],
                       $11::bigint[], $12::text[], $13::bigint[], $14::bigint[], $15::bool[], $16::bigint[], $17::text[])
             AS u(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q)`,
        [
          col(() => randomUUID()),
          col((i) => k + i),
          col((i) => `R${k + i}`),
          col(() => 'GM0546'),
          col(() => randomUUID()),
          col(() => randomUUID()),
          col(() => '02'),
          col(() => '02A01'),
          col(() => '2026-05-01'),
          col(() => '2026-05-31'),
          col(() => 10),
          col(() => 'HOUR'),
          col(() => 6500),
          col(() => 65_000),
          col(() => true),
          col(() => 65_000),
          col(() => ''),
        ],
      );
    }
  });
  const bulk = n / ((Date.now() - started) / 1000);
  const singles = 5_000;
  const s0 = Date.now();
  await db.transaction(async (m) => {
    for (let i = 0; i < singles; i++) {
      await m.query(`INSERT INTO bench_raw (a, b, c, k) VALUES ($1, $2, $3, $4)`, [randomUUID(), i, `S${i}`, i]);
    }
  });
  const single = singles / ((Date.now() - s0) / 1000);
  await db.query('DROP TABLE bench_raw');
  return { bulk, single };
}

function grants(): ProvisionGrantedV1[] {
  return Array.from({ length: PROVISIONS }, (_, i) => {
    const id = randomUUID();
    const p = PRODUCTS[i % PRODUCTS.length];
    const m = MUNICIPALITIES[i % MUNICIPALITIES.length];
    return {
      provisionId: id,
      lineageId: id,
      version: 1,
      validFrom: '2026-01-01',
      decisionId: randomUUID(),
      personId: randomUUID(),
      personPseudonym: createHash('sha256').update(String(i)).digest('hex'),
      product: { category: p.category as ProvisionGrantedV1['product']['category'], code: p.code },
      deliveryForm: DeliveryForm.IN_KIND,
      providerAgb: PROVIDER,
      volume: { amount: 4 + (i % 5), unit: Unit.HOUR, frequency: Frequency.PER_WEEK },
      period: { start: '2026-01-01', end: i % 3 === 0 ? '2027-06-30' : '2026-12-31' },
      tariffCents: p.tariff[0],
      tariffUnit: Unit.HOUR,
      variant: FinancingVariant.EFFORT,
      // Leiden decides (and receives the declarations); the responsible municipality varies.
      municipality: 'GM0546',
      responsibleMunicipality: m,
      crisis: false,
    };
  });
}

async function main(): Promise<void> {
  const ctx = await TestContext.create();
  try {
    const svc = await ctx.start(AppModule, FINANCE_APP_OPTIONS);
    svc.app.get(Clock).set('2026-06-15');
    const db = svc.app.get(DataSource);
    const [{ server_version: version }] = await db.query('SHOW server_version');
    const raw = await rawInsertRate(db);

    // Tariffs first (procurement's read model), then the provision events wait in JetStream.
    const consumer = svc.app.get(InboxConsumer);
    await ensureStream(await ctx.nc.jetstreamManager(), 'access');
    const tariffs: TariffPublishedV1[] = PRODUCTS.flatMap((p) =>
      [2026, 2027].map((year, k) => ({
        contractId: CONTRACT,
        providerAgb: PROVIDER,
        municipalities: MUNICIPALITIES,
        product: { category: p.category as TariffPublishedV1['product']['category'], code: p.code },
        variant: FinancingVariant.EFFORT,
        unit: Unit.HOUR,
        year,
        tariffCents: p.tariff[k],
        validFrom: `${year}-01-01`,
        crisis: false,
      })),
    );
    await publishAll(ctx, TARIFF_PUBLISHED_V1, tariffs);
    await waitFor(async () => (await db.query('SELECT count(*)::int AS n FROM tariff'))[0].n === tariffs.length, 30_000, 'the tariffs');
    await consumer.stop();
    const provisions = grants();
    await publishAll(ctx, PROVISION_GRANTED_V1, provisions);

    const c0 = Date.now();
    // The service runs in this process: its CPU time per commitment holds on a busy machine too.
    const cpu0 = process.cpuUsage();
    await consumer.start();
    let intakeSeconds = 0;
    await waitFor(
      async () => {
        const [r] = await db.query(`SELECT (SELECT count(*)::int FROM provision_version) AS stored, (SELECT count(*)::int FROM lineage WHERE status = 'BOOKED') AS booked`);
        if (!intakeSeconds && r.stored === PROVISIONS) intakeSeconds = (Date.now() - c0) / 1000;
        if (process.env.FINANCE_BENCH_PROGRESS) console.log(`  ${((Date.now() - c0) / 1000).toFixed(1)} s: ${r.stored} stored, ${r.booked} booked`);
        return r.booked === PROVISIONS;
      },
      600_000,
      'every commitment',
    );
    const commitSeconds = (Date.now() - c0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuUsPerCommitment = (cpu.user + cpu.system) / PROVISIONS;
    const commitRate = PROVISIONS / commitSeconds;
    const [{ rows: commitmentRows }] = await db.query('SELECT count(*)::int AS rows FROM commitment');

    // One declaration of LINES lines: five months (January–May) per provision.
    const lines = Array.from({ length: LINES }, (_, i) => {
      const g = provisions[i % PROVISIONS];
      const month = 1 + Math.floor(i / PROVISIONS) % 5;
      const mm = String(month).padStart(2, '0');
      const last = new Date(Date.UTC(2026, month, 0)).getUTCDate();
      const tariff = PRODUCTS.find((p) => p.code === g.product.code)?.tariff[0] ?? 0;
      const wrong = i % 50 === 7; // 2 % with a wrong tariff, for realism
      return {
        reference: `B${i}`,
        provisionId: g.provisionId,
        product: g.product,
        period: { start: `2026-${mm}-01`, end: `2026-${mm}-${last}` },
        volume: 10,
        unit: 'HOUR',
        tariffCents: wrong ? tariff + 1 : tariff,
        amountCents: 10 * (wrong ? tariff + 1 : tariff),
        debitCredit: 'DEBIT',
      };
    });
    const body = JSON.stringify({ municipality: 'GM0546', declarationNumber: 'BENCH-1', period: { start: '2026-05-01', end: '2026-05-31' }, lines });
    const token = await ctx.token({ sub: 'bench', org: `AGB:${PROVIDER}`, roles: [Role.PROVIDER] });
    global.gc?.();
    const d0 = Date.now();
    const res = await fetch(`${svc.url}/api/finance/v1/declarations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const answer = (await res.json()) as { totals?: { approvedLines: number; rejectedLines: number }; rejections?: unknown; code?: string; detail?: string };
    const declSeconds = (Date.now() - d0) / 1000;
    if (res.status !== 201) throw new Error(`declaration answered ${res.status}: ${JSON.stringify(answer).slice(0, 500)}`);
    const lineRate = LINES / declSeconds;

    const ok = (v: number, target: number) => (v >= target ? 'meets' : 'MISSES');
    console.log(`\nfinance bench — PostgreSQL ${version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`);
    console.log(`  raw PostgreSQL insert rate:   ${fmt(raw.bulk)} rows/s set-based (unnest, 17 columns, 1 index, 100,000 rows), ${fmt(raw.single)} rows/s one INSERT per row`);
    console.log(
      `  commitments from provision.granted.v1: ${fmt(PROVISIONS)} lineages (${fmt(commitmentRows)} version-year rows) in ${commitSeconds.toFixed(2)} s = ${fmt(commitRate)}/s — ${ok(commitRate, TARGET_COMMITMENTS)} the target of ${fmt(TARGET_COMMITMENTS)}/s (every event stored after ${intakeSeconds.toFixed(1)} s; service CPU ${fmt(cpuUsPerCommitment)} µs a commitment)`,
    );
    console.log(
      `  declaration assessment: ${fmt(LINES)} lines (${(body.length / 1e6).toFixed(1)} MB JSON) against ${fmt(PROVISIONS)} provisions in ${declSeconds.toFixed(2)} s = ${fmt(lineRate)} lines/s — ${ok(lineRate, TARGET_LINES)} the target of ${fmt(TARGET_LINES)}/s`,
    );
    console.log(`    (answer: ${answer.totals?.approvedLines} approved, ${answer.totals?.rejectedLines} rejected: ${JSON.stringify(answer.rejections)})`);
    report({
      id: 'finance.commitments.per-second',
      label: `commitments from provision.granted.v1: ${fmt(PROVISIONS)} events waiting in JetStream, from the consumer's start until every lineage is booked`,
      value: Math.round(commitRate),
      unit: '/s',
      target: `≥ ${fmt(TARGET_COMMITMENTS)}/s`,
      met: commitRate >= TARGET_COMMITMENTS,
      floor: { label: 'raw PostgreSQL rows/s set-based', value: Math.round(raw.bulk), ratio: Number((commitRate / raw.bulk).toFixed(3)) },
    });
    report({
      id: 'finance.commitments.cpu-us',
      label: 'finance service CPU (intake and projection, this process) per commitment from provision.granted.v1',
      value: Math.round(cpuUsPerCommitment),
      unit: 'µs',
    });
    report({
      id: 'finance.commitments.intake-per-second',
      label: 'provision.granted.v1 events stored by the inbox, until the last version is stored',
      value: Math.round(PROVISIONS / intakeSeconds),
      unit: '/s',
      floor: { label: 'raw PostgreSQL rows/s set-based', value: Math.round(raw.bulk), ratio: Number((PROVISIONS / intakeSeconds / raw.bulk).toFixed(3)) },
    });
    report({
      id: 'finance.declaration-assessment.lines-per-second',
      label: `declaration assessment, ${fmt(LINES)} lines against ${fmt(PROVISIONS)} provisions`,
      value: Math.round(lineRate),
      unit: '/s',
      target: `≥ ${fmt(TARGET_LINES)}/s`,
      met: lineRate >= TARGET_LINES,
    });
    if (commitRate < TARGET_COMMITMENTS || lineRate < TARGET_LINES) process.exitCode = 1;
  } finally {
    await ctx.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
