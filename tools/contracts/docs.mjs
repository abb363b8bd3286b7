#!/usr/bin/env node
// Writes what is generated from libs/contracts' message catalogue, its schema snapshots and the
// apps' sources: docs/api/asyncapi.json (AsyncAPI 3), .github/CODEOWNERS (from each project's
// `team:` tag) and the generated section of every apps/<app>/README.md (routes, events, who
// consumes them). `--check` writes nothing and exits 1 when a committed copy is stale (the spec
// libs/contracts/src/testing/catalogue-docs.spec.ts checks the same inside `npm test`).
// Builds first (SWC), then runs the compiled libs/contracts.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../build.mjs';
import { ensureDependencies } from '../infra/deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
ensureDependencies(root);
build({ quiet: true });
require('reflect-metadata');
const { generateContractDocs } = require(join(root, 'dist', 'libs', 'contracts', 'src', 'testing', 'catalogue-docs.js'));
const check = process.argv.includes('--check');

let stale = 0;
for (const [file, content] of generateContractDocs(root)) {
  const path = join(root, file);
  if (existsSync(path) && readFileSync(path, 'utf8') === content) continue;
  stale++;
  if (check) {
    console.error(`[contracts] stale: ${file}`);
    continue;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  console.log(`[contracts] wrote ${file}`);
}
console.log(`[contracts] ${stale} file(s) ${check ? 'stale' : 'written'}`);
if (check && stale) {
  console.error('[contracts] run npm run contracts:docs');
  process.exit(1);
}
