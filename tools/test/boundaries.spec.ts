import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

// Proves the module boundaries of ARCHITECTURE §4 are enforced by lint, not just written down:
// synthetic imports are linted as if they were files of the projects (eslint.config.mjs holds the
// rules, each project's package.json or project.json its tags).
const root = join(__dirname, '..', '..');

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };

type Constraint = { sourceTag: string; onlyDependOnLibsWithTags?: string[]; bannedExternalImports?: string[] };
interface Linted {
  file: string;
  boundaries: string[];
  depConstraints: Constraint[];
}

const importing = (pkg: string, name: string) => `import { ${name} } from '${pkg}';\nexport const x = ${name};\n`;

// [file, import, name]: every snippet the tests below look at, linted in one ESLint process.
const SNIPPETS: Array<[string, string, string]> = [
  ['apps/finance/src/x.ts', '../../access/src/app.module', 'AppModule'],
  ['libs/contracts/src/x.ts', 'typeorm', 'DataSource'],
  ['libs/contracts/src/x.ts', 'pg', 'Client'],
  ['libs/contracts/src/x.ts', 'nats', 'connect'],
  ['libs/messaging/src/x.ts', '@vangnet/testing', 'TestContext'],
  ['libs/messaging/src/x.ts', '@vangnet/auth', 'Roles'],
  ['libs/auth/src/x.ts', '@vangnet/messaging', 'Outbox'],
  ['libs/istandaarden/src/x.ts', '@vangnet/persistence', 'quoteIdent'],
  ['libs/istandaarden/src/x.ts', '@vangnet/observability', 'MetricsService'],
  ['libs/contracts/src/x.ts', '@vangnet/observability', 'MetricsService'],
  ['e2e/src/x.ts', '@vangnet/platform', 'Clock'],
  ['libs/persistence/src/x.ts', '@vangnet/auth', 'AuthModule'],
  ['libs/persistence/src/x.ts', '@vangnet/messaging', 'Outbox'],
  ['libs/messaging/src/x.ts', '@vangnet/platform', 'Clock'],
  ['libs/observability/src/x.ts', '@vangnet/persistence', 'quoteIdent'],
  ['apps/finance/src/x.ts', '@vangnet/platform', 'PlatformModule'],
  ['libs/contracts/src/x.ts', 'class-validator', 'IsInt'],
  ['libs/messaging/src/x.ts', '@vangnet/persistence', 'PgListener'],
  ['libs/auth/src/x.ts', '@vangnet/persistence', 'unnest'],
  ['libs/platform/src/x.ts', '@vangnet/auth', 'AuthModule'],
  ['libs/testing/src/x.ts', '@vangnet/platform', 'Clock'],
  ['apps/access/test/x.ts', '@vangnet/testing', 'TestContext'],
];

describe('module boundaries', () => {
  let linted: Linted[];

  beforeAll(() => {
    // The Nx rule reads the project graph; make sure it is computed.
    const graph = spawnSync(join(root, 'node_modules', '.bin', 'nx'), ['show', 'projects'], { cwd: root, env, encoding: 'utf8' });
    expect(graph.status).toBe(0);
    // ESLint as the CI runs it, in a child process (its config loads by dynamic import, which Jest's sandbox lacks).
    const input = JSON.stringify(SNIPPETS.map(([file, pkg, name]) => ({ file, code: importing(pkg, name) })));
    const r = spawnSync(process.execPath, [join(__dirname, 'lint-snippets.mjs')], { cwd: root, env, input, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    linted = JSON.parse(r.stdout) as Linted[];
    expect(linted).toHaveLength(SNIPPETS.length);
  }, 120_000);

  const lint = (file: string, pkg: string, name: string): string[] => {
    const i = SNIPPETS.findIndex(([f, p, n]) => f === file && p === pkg && n === name);
    if (i < 0) throw new Error(`add ${file} → ${pkg} to SNIPPETS`);
    return linted[i].boundaries;
  };
  const rule = (sourceTag: string) => new RegExp(`A project tagged with "${sourceTag}" (can only depend on libs tagged with|cannot depend on any libs)`);

  it('should fail lint when an app imports another app', () => {
    expect(lint('apps/finance/src/x.ts', '../../access/src/app.module', 'AppModule')).not.toEqual([]);
  });

  it('should fail lint when libs/contracts imports TypeORM, pg or NATS', () => {
    expect(lint('libs/contracts/src/x.ts', 'typeorm', 'DataSource').join()).toContain('not allowed to import "typeorm"');
    expect(lint('libs/contracts/src/x.ts', 'pg', 'Client').join()).toContain('not allowed to import "pg"');
    expect(lint('libs/contracts/src/x.ts', 'nats', 'connect').join()).toContain('not allowed to import "nats"');
  });

  it('should fail lint when a lib imports an app or the test kit', () => {
    expect(lint('libs/messaging/src/x.ts', '@vangnet/testing', 'TestContext')).not.toEqual([]);
  });

  // Imports that close no cycle (Nx reports a cycle instead of the tags): the tags at work.
  it.each([
    ['messaging', 'libs/messaging/src/x.ts', '@vangnet/auth', 'Roles', 'scope:messaging'],
    ['auth', 'libs/auth/src/x.ts', '@vangnet/messaging', 'Outbox', 'scope:auth'],
    ['a util lib', 'libs/istandaarden/src/x.ts', '@vangnet/persistence', 'quoteIdent', 'type:util'],
    ['the message standard', 'libs/istandaarden/src/x.ts', '@vangnet/observability', 'MetricsService', 'scope:istandaarden'],
    ['contracts', 'libs/contracts/src/x.ts', '@vangnet/observability', 'MetricsService', 'type:contracts'],
    ['an end-to-end test', 'e2e/src/x.ts', '@vangnet/platform', 'Clock', 'type:e2e'],
  ])('should fail lint by its tags when %s (%s) imports %s', (_what, file, pkg, name, sourceTag) => {
    expect(lint(file, pkg, name).join('\n')).toMatch(rule(sourceTag));
  });

  it.each([
    ['libs/persistence/src/x.ts', '@vangnet/auth', 'AuthModule'],
    ['libs/persistence/src/x.ts', '@vangnet/messaging', 'Outbox'],
    ['libs/messaging/src/x.ts', '@vangnet/platform', 'Clock'],
    ['libs/observability/src/x.ts', '@vangnet/persistence', 'quoteIdent'],
  ])('should fail lint when %s imports %s', (file, pkg, name) => {
    expect(lint(file, pkg, name)).not.toEqual([]);
  });

  // Those last imports would also close a cycle, which Nx reports first. That the tags forbid them
  // on their own is read from the rule's configuration as ESLint resolved it for those files.
  describe('the tag rules themselves', () => {
    const tagsOf = (project: string): string[] => {
      const pkg = JSON.parse(readFileSync(join(root, project, 'package.json'), 'utf8')) as { nx?: { tags?: string[] } };
      return pkg.nx?.tags ?? [];
    };
    // As Nx applies them: every constraint whose sourceTag the source carries must allow one of the target's tags.
    const allowed = (source: string, target: string): boolean => {
      const from = tagsOf(source);
      const to = tagsOf(target);
      const resolved = linted.find((l) => l.file.startsWith(`${source}/`));
      if (!resolved) throw new Error(`lint a snippet of ${source} first`);
      return resolved.depConstraints.filter((c) => from.includes(c.sourceTag)).every((c) => (c.onlyDependOnLibsWithTags ?? []).some((t) => to.includes(t)));
    };

    it.each([
      ['libs/persistence', 'libs/auth'],
      ['libs/persistence', 'libs/messaging'],
      ['libs/persistence', 'libs/platform'],
      ['libs/messaging', 'libs/auth'],
      ['libs/auth', 'libs/messaging'],
      ['libs/messaging', 'libs/platform'],
      ['libs/observability', 'libs/persistence'],
      ['libs/contracts', 'libs/observability'],
      ['libs/platform', 'libs/testing'],
    ])('should forbid %s → %s by tags alone', (source, target) => {
      expect(allowed(source, target)).toBe(false);
    });

    it.each([
      ['libs/messaging', 'libs/persistence'],
      ['libs/auth', 'libs/persistence'],
      ['libs/platform', 'libs/messaging'],
      ['libs/persistence', 'libs/observability'],
      ['libs/testing', 'libs/platform'],
      ['apps/finance', 'libs/platform'],
    ])('should allow %s → %s', (source, target) => {
      expect(allowed(source, target)).toBe(true);
    });
  });

  it('should pass what the architecture allows', () => {
    expect(lint('apps/finance/src/x.ts', '@vangnet/platform', 'PlatformModule')).toEqual([]);
    expect(lint('libs/contracts/src/x.ts', 'class-validator', 'IsInt')).toEqual([]);
    expect(lint('libs/messaging/src/x.ts', '@vangnet/persistence', 'PgListener')).toEqual([]);
    expect(lint('libs/auth/src/x.ts', '@vangnet/persistence', 'unnest')).toEqual([]);
    expect(lint('libs/platform/src/x.ts', '@vangnet/auth', 'AuthModule')).toEqual([]);
    expect(lint('libs/testing/src/x.ts', '@vangnet/platform', 'Clock')).toEqual([]);
    expect(lint('apps/access/test/x.ts', '@vangnet/testing', 'TestContext')).toEqual([]);
  });
});
