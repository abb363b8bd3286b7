#!/usr/bin/env node
// `npm test`: installs dependencies on a fresh clone, type-checks, then runs every project's unit
// and integration tests in one Jest run (its global setup brings up PostgreSQL and NATS when they
// are not reachable). Extra arguments go to Jest; `--project <name>` runs one project.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from '../infra/deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
ensureDependencies(root);

const args = process.argv.slice(2);
const jestArgs = [];
const projects = [];
let typecheck = true;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--project') projects.push(args[++i]);
  else if (args[i] === '--no-typecheck') typecheck = false;
  else jestArgs.push(args[i]);
}
// --selectProjects takes several values, so it goes last (after any path pattern).
if (projects.length) jestArgs.push('--selectProjects', ...projects);

const run = (cmd, cmdArgs, label) => {
  const started = Date.now();
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: process.env });
  console.log(`[test] ${label} ${r.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (typecheck) run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit'], 'typecheck');
// The web pages (apps/web) have their own compiler settings (DOM, JSX, bundler resolution), and
// their unit tests theirs (Jest's types beside the DOM).
if (typecheck) {
  for (const [project, label] of [[join('apps', 'web', 'tsconfig.json'), 'typecheck of the web pages'], [join('apps', 'web', 'test', 'tsconfig.json'), "typecheck of the web pages' tests"]]) {
    run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project, '--noEmit'], label);
  }
}
// A deprecation Node prints (CI refuses any warning line) comes with the stack that caused it.
process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, '--trace-deprecation'].filter(Boolean).join(' ');
run(process.execPath, [join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--maxWorkers=2', ...jestArgs], 'jest');
