// Installs the dependencies on a fresh clone (or after package-lock.json changed) before anything
// else runs, so `npm start`, `npm test` and `npm run bench` work straight after `git clone`.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function ensureDependencies(root) {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const stale = !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000);
  if (!stale) return;
  // `npm ci`: exactly the committed lock, which it never rewrites, so no command of the README
  // changes a tracked file; it refuses a lock that is out of step with package.json
  // (docs/adr/0001-pinned-versions.md).
  const cmd = ['ci', '--no-audit', '--no-fund'];
  console.error(`[deps] npm ${cmd.join(' ')}`);
  const r = spawnSync('npm', cmd, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('[deps] installing the dependencies failed; see the output above');
    process.exit(r.status ?? 1);
  }
}
