#!/usr/bin/env node
// Compiles apps/ and libs/ (sources and benches) to dist/ with SWC: decorator metadata for Nest,
// TypeORM and class-validator, and the @vangnet/* aliases rewritten to relative paths, so the
// output runs on plain Node. Type checking is `npm run typecheck`'s job.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

export function build({ quiet = false } = {}) {
  const swc = require('@swc/core');
  const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
  const out = join(root, 'dist');
  const started = Date.now();
  // Files are replaced atomically and only stale ones removed, so a process running from dist/
  // (a bench, the launcher) is never left without its modules by a build running beside it.
  const written = new Set();
  const put = (target, content) => {
    mkdirSync(dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, content);
    renameSync(tmp, target);
    written.add(target);
  };
  let count = 0;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      const st = statSync(full);
      if (st.isDirectory()) {
        if (name === 'node_modules' || name === 'test' || name === 'testdata') continue;
        // The web pages are a browser bundle, built by Vite (apps/web), not a Node service.
        if (full === join(root, 'apps', 'web')) continue;
        walk(full);
      } else if (name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts')) {
        const rel = relative(root, full);
        const { code, map } = swc.transformFileSync(full, {
          filename: full,
          sourceMaps: true,
          module: { type: 'commonjs' },
          jsc: {
            target: 'es2022',
            baseUrl: root,
            paths: compilerOptions.paths,
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
            keepClassNames: true,
          },
        });
        const target = join(out, rel.replace(/\.ts$/, '.js'));
        put(target, `${code}\n//# sourceMappingURL=${name.replace(/\.ts$/, '.js.map')}`);
        put(`${target}.map`, map);
        count++;
      } else if (/\.(json|xsd|xsl|xml|csv|sql|js)$/.test(name)) {
        // Resources next to the code (schemas, stylesheets) travel with it.
        put(join(out, relative(root, full)), readFileSync(full));
      }
    }
  };
  for (const top of ['apps', 'libs']) {
    try {
      walk(join(root, top));
    } catch (e) {
      if (e.code !== 'ENOENT') throw e;
    }
  }
  const sweep = (dir) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) sweep(full);
      else if (!written.has(full) && !name.endsWith('.tmp')) rmSync(full, { force: true });
    }
  };
  for (const top of ['apps', 'libs']) sweep(join(out, top));
  if (!quiet) console.log(`built ${count} files into dist/ in ${Date.now() - started} ms`);
  return count;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) build();
