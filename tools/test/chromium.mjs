#!/usr/bin/env node
// The browser tests (e2e/src/web.e2e-spec.ts) drive Debian's Chromium with playwright-core (the
// Playwright browser download is not reachable from the machines). Installed here when missing:
// prints the executable's path. VANGNET_CHROMIUM names another executable.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function ensureChromium() {
  if (process.env.VANGNET_CHROMIUM) return process.env.VANGNET_CHROMIUM;
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = root ? [] : ['sudo', '-n'];
  const run = (args) => {
    const [cmd, ...rest] = [...sudo, ...args];
    const r = spawnSync(cmd, rest, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed (${r.status}); install Chromium (apt-get install chromium) or set VANGNET_CHROMIUM`);
  };
  console.error('[tests] installing Chromium from the OS packages (apt-get install chromium)…');
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium']);
  const installed = CANDIDATES.find((p) => existsSync(p));
  if (!installed) throw new Error('Chromium was installed but no executable was found');
  execFileSync(installed, ['--version'], { stdio: 'ignore' });
  return installed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(ensureChromium());
