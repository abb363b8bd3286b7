#!/usr/bin/env node
// `npm run bench`: builds, brings up PostgreSQL and NATS (or uses DATABASE_URL / NATS_URL), then
// runs every `apps/*/bench/*.bench.ts` and `libs/*/bench/*.bench.ts` as its own process, in name
// order. Each bench prints its own figures; this prints a summary of what ran. `--only <text>`
// runs the benches whose path contains the text.
//
// The figures a bench reports (`report()` in libs/testing/bench/measure.ts) are written to
// tmp/benchmarks/benchmarks.json (the latest figure per id over the recorded ones in
// docs/benchmarks.json, so `--only` replaces only its own) and tmp/benchmarks/benchmarks.md,
// beside the baseline in docs/benchmarks.baseline.json (the figures before a change, taken on the
// same machine). A run changes no tracked file unless asked (issue 19): `--record` writes the
// figures to docs/benchmarks.json and docs/benchmarks.md, `--baseline` records them as the baseline.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../build.mjs';
import { ensureDependencies } from '../infra/deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const onlyIdx = process.argv.indexOf('--only');
const only = onlyIdx > 0 ? process.argv[onlyIdx + 1] : undefined;
const asBaseline = process.argv.includes('--baseline');
const record = asBaseline || process.argv.includes('--record');
const FIGURE_PREFIX = 'BENCH-FIGURE ';

ensureDependencies(root);
const { ensureInfrastructure } = await import('../../libs/testing/infra/infra.js').then((m) => m.default);
build();

const benches = [];
for (const top of ['libs', 'apps']) {
  const dir = join(root, top);
  if (!existsSync(dir)) continue;
  for (const project of readdirSync(dir).sort()) {
    const benchDir = join(dir, project, 'bench');
    if (!existsSync(benchDir)) continue;
    for (const f of readdirSync(benchDir).sort()) {
      if (f.endsWith('.bench.ts')) benches.push(join(top, project, 'bench', f));
    }
  }
}
const selected = benches.filter((b) => !only || b.includes(only));
// A bench whose file says `bench: no-infrastructure` needs neither PostgreSQL nor NATS.
const needsInfra = selected.some((b) => !readFileSync(join(root, b), 'utf8').includes('bench: no-infrastructure'));
const infra = needsInfra ? await ensureInfrastructure({ purpose: 'bench' }) : { env: {}, stop: async () => undefined };
const results = [];
const figures = [];
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const run = { started: new Date().toISOString(), commit: git(['rev-parse', '--short', 'HEAD']), dirty: git(['status', '--porcelain']) !== '', node: process.version, cpus: cpus().length, loadBefore: load() };
try {
  for (const bench of selected) {
    console.log(`\n=== ${bench} ===`);
    const js = join(root, 'dist', bench.replace(/\.ts$/, '.js'));
    const started = Date.now();
    const code = await new Promise((resolve) => {
      const child = spawn(process.execPath, ['--enable-source-maps', '--expose-gc', js], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, ...infra.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', VANGNET_BENCH: '1' },
      });
      // The bench's lines go to the terminal; its figures (one JSON line each) are kept.
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (!line.startsWith(FIGURE_PREFIX)) return void console.log(line);
        try {
          figures.push({ ...JSON.parse(line.slice(FIGURE_PREFIX.length)), bench: bench, at: new Date().toISOString() });
        } catch {
          console.log(line);
        }
      });
      child.on('close', (c) => resolve(c ?? 1));
    });
    results.push({ bench: relative(root, join(root, bench)), code, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  }
} finally {
  await infra.stop();
}
run.loadAfter = load();
writeFigures();
console.log('\n=== summary ===');
for (const r of results) console.log(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.bench} (${r.seconds} s)`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);

function git(args) {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

function readJson(file, fallback) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : fallback;
}

/** benchmarks.json and benchmarks.md (in tmp/benchmarks, or docs with --record): this run's figures over the earlier ones, against the baseline. */
function writeFigures() {
  if (figures.length === 0) return;
  const recorded = join(root, 'docs', 'benchmarks.json');
  const outDir = record ? join(root, 'docs') : join(root, 'tmp', 'benchmarks');
  mkdirSync(outDir, { recursive: true });
  const latestFile = join(outDir, 'benchmarks.json');
  const baselineFile = join(root, 'docs', 'benchmarks.baseline.json');
  const target = asBaseline ? baselineFile : latestFile;
  const doc = readJson(target, asBaseline ? { runs: [], figures: {} } : readJson(recorded, { runs: [], figures: {} }));
  for (const f of figures) doc.figures[f.id] = { ...f, run: run.started };
  // The runs that still give a figure.
  const used = new Set(Object.values(doc.figures).map((f) => f.run));
  doc.runs = [...doc.runs, { ...run, benches: selected }].filter((r) => used.has(r.started));
  writeFileSync(target, JSON.stringify(doc, null, 2) + '\n');
  const latest = readJson(latestFile, readJson(recorded, { runs: [], figures: {} }));
  const baseline = readJson(baselineFile, { runs: [], figures: {} });
  const page = join(outDir, 'benchmarks.md');
  writeFileSync(page, markdown(latest, baseline));
  console.log(`\nfigures: ${relative(root, target)} (${figures.length}), ${relative(root, page)}${record ? '' : ' (`--record` writes them to docs/)'}`);
}

function markdown(latest, baseline) {
  const fmt = (v, unit) => (v === undefined ? '—' : `${Number(v).toLocaleString('en', { maximumFractionDigits: v >= 100 ? 0 : v >= 10 ? 1 : 2 })} ${unit}`.trim());
  const runLine = (r) => `${r.started.slice(0, 16).replace('T', ' ')} UTC, commit ${r.commit}${r.dirty ? ' (with uncommitted changes)' : ''}, Node ${r.node}, ${r.cpus} cores, load ${r.loadBefore} → ${r.loadAfter}: ${r.benches.map((b) => b.split('/').pop().replace('.bench.ts', '')).join(', ')}`;
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench -- --record` (tools/bench/run.mjs) from the figures the benches report; do not edit by hand.',
    'Each figure is the latest measured; "before" is the baseline in docs/benchmarks.baseline.json, taken on the same machine',
    'before the change (`npm run bench -- --baseline`). Ratios are to floors measured in the same run, so they hold on a busier',
    'or faster machine better than the absolute figures do. Tests never fail on timing: a missed target shows here.',
    '',
  ];
  const byBench = new Map();
  for (const f of Object.values(latest.figures)) {
    if (!byBench.has(f.bench)) byBench.set(f.bench, []);
    byBench.get(f.bench).push(f);
  }
  for (const [bench, fs] of [...byBench].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`## ${bench}`, '', '| figure | before | now | floor (same run) | ratio | target | |', '|---|---|---|---|---|---|---|');
    for (const f of fs.sort((a, b) => a.id.localeCompare(b.id))) {
      const before = baseline.figures[f.id];
      const mark = f.met === undefined ? '' : f.met ? 'met' : '**missed**';
      lines.push(`| ${f.label} (\`${f.id}\`) | ${before ? fmt(before.value, before.unit) : '—'} | ${fmt(f.value, f.unit)} | ${f.floor ? `${f.floor.label}: ${fmt(f.floor.value, '')}` : ''} | ${f.floor ? f.floor.ratio.toFixed(2) : ''} | ${f.target ?? ''} | ${mark} |`);
    }
    lines.push('');
  }
  lines.push('## Runs', '', ...latest.runs.map((r) => `- ${runLine(r)}`), '');
  if (baseline.runs.length) lines.push('Baseline:', '', ...baseline.runs.map((r) => `- ${runLine(r)}${r.note ? ` — ${r.note}` : ''}`), '');
  return lines.join('\n');
}
