#!/usr/bin/env node
// Writes the JSON Schema snapshot of every published message to libs/contracts/schemas: new
// messages and versions, and messages that grew compatibly. Refuses, and writes nothing, when a
// published version changed incompatibly (a field removed, renamed or retyped, a new required
// field, an enum value gone, a constraint narrowed): publish a v2 beside it instead.
// `--check` only reports. Builds first (SWC), then runs the compiled libs/contracts.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../build.mjs';
import { ensureDependencies } from '../infra/deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
ensureDependencies(root);
build({ quiet: true });
require('reflect-metadata');
const dir = join(root, 'libs', 'contracts', 'schemas');
const snapshot = require(join(root, 'dist', 'libs', 'contracts', 'src', 'compat', 'snapshot.js'));
const check = process.argv.includes('--check');
const plan = check ? snapshot.planSnapshots(undefined, snapshot.readSnapshots(dir)) : snapshot.refreshSnapshots(dir);

if (plan.refused.length) {
  console.error(`[contracts] refused: ${plan.refused.length} incompatible change(s) to published versions; nothing written.`);
  for (const line of plan.refused) console.error(`  ${line}`);
  console.error('[contracts] undo the change, or add a new version (v2) beside the published one.');
  process.exit(1);
}
const verb = check ? 'would write' : 'wrote';
for (const s of plan.added) console.log(`[contracts] ${verb} ${s} (new)`);
for (const s of plan.grown) console.log(`[contracts] ${verb} ${s} (grew compatibly)`);
console.log(`[contracts] ${plan.unchanged.length} unchanged, ${plan.added.length} new, ${plan.grown.length} grown`);
if (check && plan.added.length + plan.grown.length > 0) process.exit(1);
