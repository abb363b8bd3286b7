// docs/operations.md's configuration table names every environment variable the services read:
// a variable added to the code without a line in the table fails here.
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

const repo = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return ['test', 'testing', 'testdata', 'bench', 'node_modules'].includes(name) ? [] : sources(full);
    return name.endsWith('.ts') && !/[.-]spec\.ts$/.test(name) ? [full] : [];
  });
}

/** Variables read by name: process.env.X, process.env['X'], and the helpers that take a name. */
function variablesRead(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [/process\.env\.([A-Z][A-Z0-9_]*)/g, /process\.env\[['"]([A-Z][A-Z0-9_]*)['"]\]/g, /(?:intervalFromEnv|wholeNumber)\(\s*'([A-Z][A-Z0-9_]*)'/g];
  const roots = ['apps', 'libs'].flatMap((top) => readdirSync(join(repo, top)).filter((p) => !(top === 'libs' && p === 'testing')).map((p) => join(repo, top, p, 'src')));
  for (const root of roots) {
    for (const file of sources(root)) {
      const text = readFileSync(file, 'utf8');
      for (const p of patterns) for (const m of text.matchAll(p)) if (!found.has(m[1])) found.set(m[1], file.slice(repo.length + 1));
    }
  }
  return found;
}

describe('docs/operations.md', () => {
  const doc = readFileSync(join(repo, 'docs', 'operations.md'), 'utf8');

  it('names every variable the services read', () => {
    const read = variablesRead();
    expect(read.size).toBeGreaterThan(30);
    const missing = [...read].filter(([name]) => !doc.includes(`\`${name}\``)).map(([name, file]) => `${name} (${file})`);
    expect(missing).toEqual([]);
  });

  it('names the gateway route of every service (VANGNET_<SERVICE>_URL, read by a computed name)', () => {
    // Services only (an app with a main.ts): the web pages (apps/web) are files the gateway serves.
    const apps = readdirSync(join(repo, 'apps')).filter((a) => a !== 'gateway' && existsSync(join(repo, 'apps', a, 'src', 'main.ts')));
    const missing = apps.map((a) => `VANGNET_${a.toUpperCase().replace(/-/g, '_')}_URL`).filter((v) => !doc.includes(`\`${v}\``));
    expect(missing).toEqual([]);
  });
});
