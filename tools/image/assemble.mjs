#!/usr/bin/env node
// The container image's file tree, step by step. docker/Dockerfile runs these steps, and
// tools/image/image.spec.ts runs the same ones in a temporary folder (no Docker engine runs here),
// so CI exercises what the image contains.
//
//   node tools/image/assemble.mjs manifests <repo> <out>   package.json, package-lock.json and each
//       workspace's package.json: all `npm ci` needs, so the dependency layers are rebuilt only
//       when one of these changes, never for a source change.
//   node tools/image/assemble.mjs runtime <repo> <out>     after `node tools/build.mjs`: the compiled
//       apps and libs without the test kit (libs/testing), benches, specs, Jest configs, fixtures.
//   node tools/image/assemble.mjs modules <dir>            after `npm ci --omit=dev`: removes the
//       workspace links (node_modules/@vangnet/* point at sources the image does not hold; the
//       build rewrote the @vangnet/* imports to relative paths) and fails on any link left dangling.
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Projects and files that never go into the image (the test kit, tests, benches, tool configs). */
const EXCLUDED_PROJECTS = new Set(['libs/testing']);
const EXCLUDED_DIRS = new Set(['bench', 'test', 'tests', 'testing', 'testdata', '__tests__', 'fixtures']);
const EXCLUDED_FILE = /(\.|-)(spec|bench)\.js(\.map)?$|^jest\.config\.js$|^package\.json$/;

function workspaceDirs(repo) {
  const { workspaces = [] } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  const dirs = [];
  for (const pattern of workspaces) {
    if (!pattern.endsWith('/*')) throw new Error(`workspace pattern ${pattern} not understood (only "<dir>/*")`);
    const parent = pattern.slice(0, -2);
    if (!existsSync(join(repo, parent))) continue;
    for (const name of readdirSync(join(repo, parent)).sort()) {
      if (existsSync(join(repo, parent, name, 'package.json'))) dirs.push(`${parent}/${name}`);
    }
  }
  return dirs;
}

export function manifests(repo, out) {
  mkdirSync(out, { recursive: true });
  const files = ['package.json', 'package-lock.json', ...workspaceDirs(repo).map((d) => `${d}/package.json`)];
  for (const f of files) {
    mkdirSync(dirname(join(out, f)), { recursive: true });
    cpSync(join(repo, f), join(out, f));
  }
  return files;
}

export function runtime(repo, out) {
  const dist = join(repo, 'dist');
  if (!existsSync(join(dist, 'apps'))) throw new Error(`${dist}/apps is missing: run node tools/build.mjs first`);
  mkdirSync(out, { recursive: true });
  const copied = [];
  const walk = (from, rel) => {
    for (const name of readdirSync(from).sort()) {
      const full = join(from, name);
      const relPath = `${rel}/${name}`;
      if (statSync(full).isDirectory()) {
        if (!EXCLUDED_DIRS.has(name)) walk(full, relPath);
      } else if (!EXCLUDED_FILE.test(name) && !name.endsWith('.tmp')) {
        mkdirSync(join(out, rel), { recursive: true });
        cpSync(full, join(out, relPath));
        copied.push(relPath);
      }
    }
  };
  for (const top of ['apps', 'libs']) {
    if (!existsSync(join(dist, top))) continue;
    for (const project of readdirSync(join(dist, top)).sort()) {
      if (!EXCLUDED_PROJECTS.has(`${top}/${project}`)) walk(join(dist, top, project), `dist/${top}/${project}`);
    }
  }
  // The web pages, as Vite built them (the gateway serves dist/web at /).
  if (existsSync(join(dist, 'web'))) {
    cpSync(join(dist, 'web'), join(out, 'dist', 'web'), { recursive: true });
    copied.push('dist/web');
  }
  // The event catalogue the gateway serves at /api/docs/events (generated from libs/contracts).
  mkdirSync(join(out, 'dist', 'api'), { recursive: true });
  cpSync(join(repo, 'docs', 'api', 'asyncapi.json'), join(out, 'dist', 'api', 'asyncapi.json'));
  copied.push('dist/api/asyncapi.json');
  // The root manifest: "name"/"version" for the logs, and no "type" (the build emits CommonJS).
  cpSync(join(repo, 'package.json'), join(out, 'package.json'));
  copied.push('package.json');
  return copied;
}

/** Every symbolic link under dir whose target does not exist. */
export function danglingLinks(dir) {
  const dangling = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      const st = lstatSync(full);
      if (st.isSymbolicLink()) {
        if (!existsSync(full)) dangling.push(relative(dir, full));
      } else if (st.isDirectory()) walk(full);
    }
  };
  walk(dir);
  return dangling;
}

export function modules(dir) {
  const nm = join(dir, 'node_modules');
  if (!existsSync(nm)) throw new Error(`${nm} is missing: run npm ci --omit=dev first`);
  // The lock names the workspace links (`"link": true`); remove exactly those, then empty scopes.
  const { packages } = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
  for (const [path, entry] of Object.entries(packages)) {
    if (!entry.link || !path.startsWith('node_modules/')) continue;
    rmSync(join(dir, path), { force: true });
    const parent = dirname(join(dir, path));
    if (parent !== nm && existsSync(parent) && readdirSync(parent).length === 0) rmSync(parent, { recursive: true });
  }
  // Any other link (the .bin shims) must resolve.
  const dangling = danglingLinks(nm);
  if (dangling.length) throw new Error(`dangling links in node_modules: ${dangling.join(', ')}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [step, ...args] = process.argv.slice(2);
  const steps = { manifests, runtime, modules };
  if (!steps[step]) {
    console.error('usage: assemble.mjs manifests <repo> <out> | runtime <repo> <out> | modules <dir>');
    process.exit(64);
  }
  const result = steps[step](...args);
  console.log(`[image] ${step}: ${Array.isArray(result) ? `${result.length} files` : 'done'}`);
}
