#!/usr/bin/env node
// `npm run lint`: computes Nx's project graph first (the module-boundary rule silently skips
// itself without one), then runs ESLint over the whole workspace and fails if the rule was skipped.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './infra/deps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
ensureDependencies(root);
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
const bin = (name) => join(root, 'node_modules', '.bin', name);

const graph = spawnSync(bin('nx'), ['show', 'projects'], { cwd: root, env, encoding: 'utf8' });
if (graph.status !== 0) {
  process.stderr.write(graph.stdout + graph.stderr);
  process.exit(graph.status ?? 1);
}
const lint = spawnSync(bin('eslint'), ['--max-warnings=0', ...process.argv.slice(2), '.'], { cwd: root, env, encoding: 'utf8' });
process.stdout.write(lint.stdout);
process.stderr.write(lint.stderr);
if (/No cached ProjectGraph/.test(lint.stdout + lint.stderr)) {
  console.error('lint: the module-boundary rule was skipped (no project graph)');
  process.exit(1);
}
process.exit(lint.status ?? 1);
