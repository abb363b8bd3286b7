import { spawnSync } from 'child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// The feature generator, run into a temporary copy of the workspace (its libs and node_modules
// linked, one skeleton app): the output must type-check, and its rules spec must pass.
const root = join(__dirname, '..', '..');
const node = (args: string[], cwd: string) => spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });

describe('node tools/generate/feature.mjs', () => {
  let copy: string;

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'vangnet-generate-'));
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
    symlinkSync(join(root, 'libs'), join(copy, 'libs'), 'dir');
    for (const f of ['tsconfig.base.json', 'jest.preset.js']) cpSync(join(root, f), join(copy, f));
    // A skeleton app (housing has grown its own features): the generator needs only its app.module.ts.
    mkdirSync(join(copy, 'apps', 'housing', 'src'), { recursive: true });
    writeFileSync(join(copy, 'apps', 'housing', 'src', 'app.module.ts'), "import { Module } from '@nestjs/common';\n\n@Module({})\nexport class AppModule {}\n");
  });

  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('should lay out a feature in the one shape that type-checks and whose rules spec passes', () => {
    const run = node([join(root, 'tools', 'generate', 'feature.mjs'), 'housing', 'waiting-list', '--root', copy], root);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const feature = join(copy, 'apps', 'housing', 'src', 'waiting-list');
    expect(readdirSync(feature).sort()).toEqual(
      ['controller', 'dto', 'entity', 'errors', 'module', 'repository', 'rules.spec', 'rules', 'service'].map((r) => `waiting-list.${r}.ts`).sort(),
    );
    expect(readdirSync(join(copy, 'apps', 'housing', 'src', 'database', 'migrations'))).toEqual([expect.stringMatching(/^\d{13}-waiting-list\.ts$/)]);
    expect(run.stdout).toContain("import { WaitingListModule } from './waiting-list/waiting-list.module';");

    writeFileSync(join(copy, 'tsconfig.json'), JSON.stringify({ extends: './tsconfig.base.json', compilerOptions: { noEmit: true }, include: ['apps/**/*.ts'] }));
    const tsc = node([join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(copy, 'tsconfig.json')], copy);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);

    writeFileSync(join(copy, 'apps', 'housing', 'jest.config.js'), "module.exports = { ...require('../../jest.preset'), rootDir: __dirname };\n");
    const jest = node([join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--watchman=false'], join(copy, 'apps', 'housing'));
    expect(jest.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
    expect(jest.status).toBe(0);
  }, 120_000);

  it('should refuse to overwrite a feature, an unknown app and a name that is not kebab-case', () => {
    const again = node([join(root, 'tools', 'generate', 'feature.mjs'), 'housing', 'waiting-list', '--root', copy], root);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('exists already');
    const noApp = node([join(root, 'tools', 'generate', 'feature.mjs'), 'nowhere', 'things', '--root', copy], root);
    expect(noApp.stderr).toContain('no app nowhere');
    const badName = node([join(root, 'tools', 'generate', 'feature.mjs'), 'housing', 'WaitingList', '--root', copy], root);
    expect(badName.stderr).toContain('kebab-case');
    expect(existsSync(join(copy, 'apps', 'housing', 'src', 'WaitingList'))).toBe(false);
  });
});
