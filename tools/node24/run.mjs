#!/usr/bin/env node
// `npm run test:node24`: the unit and integration tests again on Node 24 (the containers' Node;
// the machines run 20), through the same Jest configuration and global setup as `npm test`, after
// it in .ci/run. CI's 20 minutes do not hold the whole suite twice, so the default is a subset:
// the foundation every service stands on (libs auth, contracts, persistence, platform and the
// delivery guarantees in libs/testing), the gateway, one whole service (procurement), and the
// workspace's own checks — among them tools/image, which builds the image's tree and starts a
// service from it, here on Node 24 as in the container. Left to the Node 20 run: access, finance,
// housing, istandaarden and e2e (see docs/operations.md).
//
//   node tools/node24/run.mjs [--all | --project <name>...] [jest args]
//
// Fails, beside failing tests, when any process printed one of Node's own warning lines
// ("(node:123) [DEP0040] DeprecationWarning: …"): services log JSON only (tools/node24/warnings.mjs).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNode24, NODE24_VERSION } from './node24.mjs';
import { nodeWarnings } from './warnings.mjs';

export const NODE24_SUBSET = ['auth', 'contracts', 'persistence', 'platform', 'testing', 'gateway', 'procurement', 'workspace'];

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const jestArgs = [];
let projects = [...NODE24_SUBSET];
let picked = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--all') projects = [];
  else if (args[i] === '--project') {
    if (!picked) projects = [];
    picked = true;
    projects.push(args[++i]);
  } else jestArgs.push(args[i]);
}
if (projects.length) jestArgs.push('--selectProjects', ...projects);

const node = ensureNode24();
const started = Date.now();
console.log(`[node24] node v${NODE24_VERSION}: ${projects.length ? projects.join(', ') : 'every project'}`);
// The Node 24 bin folder first on PATH, so whatever a test starts with `node` or `npm` runs on it too.
// No warning is silenced: any warning line fails the run (the gateway's proxy no longer uses
// http-proxy, whose util._extend raised DEP0060 on Node 22+).
const env = {
  ...process.env,
  PATH: `${dirname(node)}:${process.env.PATH}`,
};
const child = spawn(node, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--maxWorkers=2', ...jestArgs], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
let output = '';
child.stdout.on('data', (d) => {
  output += d;
  process.stdout.write(d);
});
child.stderr.on('data', (d) => {
  output += d;
  process.stderr.write(d);
});
child.on('exit', (code, signal) => {
  const warnings = nodeWarnings(output);
  for (const w of warnings) console.error(`[node24] Node printed a warning line (not JSON): ${w}`);
  const ok = code === 0 && warnings.length === 0;
  console.log(`[node24] jest on node v${NODE24_VERSION} ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(ok ? 0 : code || (signal ? 1 : 0) || 1);
});
