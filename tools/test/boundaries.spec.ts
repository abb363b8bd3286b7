import { spawnSync } from 'child_process';
import { join } from 'path';

// Proves the module boundaries of ARCHITECTURE §4 are enforced by lint, not just written down.
const root = join(__dirname, '..', '..');

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };

describe('module boundaries', () => {
  beforeAll(() => {
    // The Nx rule reads the project graph; make sure it is computed.
    const r = spawnSync(join(root, 'node_modules', '.bin', 'nx'), ['show', 'projects'], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
  }, 120_000);

  // ESLint as the CI runs it (a child process: its config loads by dynamic import, which Jest's sandbox lacks).
  const lint = async (file: string, code: string): Promise<string[]> => {
    const r = spawnSync(join(root, 'node_modules', '.bin', 'eslint'), ['--stdin', '--stdin-filename', join(root, file), '--format', 'json'], {
      cwd: root,
      env,
      input: code,
      encoding: 'utf8',
    });
    const [result] = JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
    return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
  };

  it('should fail lint when an app imports another app', async () => {
    await expect(lint('apps/finance/src/x.ts', "import { AppModule } from '../../access/src/app.module';\nexport const x = AppModule;\n")).resolves.not.toEqual([]);
  });

  it('should fail lint when libs/contracts imports TypeORM, pg or NATS', async () => {
    for (const pkg of ['typeorm', 'pg', 'nats']) {
      const messages = await lint('libs/contracts/src/x.ts', `import * as m from '${pkg}';\nexport const x = m;\n`);
      expect(messages.join()).toContain(`not allowed to import "${pkg}"`);
    }
  });

  it('should fail lint when a lib imports an app or the test kit', async () => {
    await expect(lint('libs/messaging/src/x.ts', "import { TestContext } from '@vangnet/testing';\nexport const x = TestContext;\n")).resolves.not.toEqual([]);
  });

  it('should pass what the architecture allows', async () => {
    await expect(lint('apps/finance/src/x.ts', "import { PlatformModule } from '@vangnet/platform';\nexport const x = PlatformModule;\n")).resolves.toEqual([]);
    await expect(lint('libs/contracts/src/x.ts', "import { IsInt } from 'class-validator';\nexport const x = IsInt;\n")).resolves.toEqual([]);
  });
});
