#!/usr/bin/env node
// `npm run bench`: builds, brings up PostgreSQL and NATS (or uses DATABASE_URL / NATS_URL), then
// runs every `apps/*/bench/*.bench.ts` and `libs/*/bench/*.bench.ts` as its own process, in name
// order. Each bench prints its own figures; this prints a summary of what ran. `--only <text>`
// runs the benches whose path contains the text.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../build.mjs';
import { ensureDependencies } from '../infra/deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const onlyIdx = process.argv.indexOf('--only');
const only = onlyIdx > 0 ? process.argv[onlyIdx + 1] : undefined;

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
try {
  for (const bench of selected) {
    console.log(`\n=== ${bench} ===`);
    const js = join(root, 'dist', bench.replace(/\.ts$/, '.js'));
    const started = Date.now();
    const code = await new Promise((resolve) => {
      const child = spawn(process.execPath, ['--enable-source-maps', '--expose-gc', js], {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, ...infra.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', VANGNET_BENCH: '1' },
      });
      child.on('exit', (c) => resolve(c ?? 1));
    });
    results.push({ bench: relative(root, join(root, bench)), code, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  }
} finally {
  await infra.stop();
}
console.log('\n=== summary ===');
for (const r of results) console.log(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.bench} (${r.seconds} s)`);
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
