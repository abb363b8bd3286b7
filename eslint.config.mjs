import nx from '@nx/eslint-plugin';

// The arrows of ARCHITECTURE §4, by library type (each lib's package.json `nx.tags`):
//   app → feature (platform) → data-access (persistence, messaging, auth) → util (observability,
//   istandaarden) → contracts → nothing.
// Apps never depend on apps; contracts depend on nothing but class-validator/class-transformer;
// libs never on the test kit; e2e tests only drive the platform over HTTP (and read its XML with the
// message-standard library, as a provider outside would). Within data-access the
// scope tags set the order: persistence knows neither messaging nor auth, and messaging and auth
// know each other not (the platform composes them). The message-standard library has no database
// and no NATS. tools/test/boundaries.spec.ts proves each rule by linting imports that break it.
const SERVER_PACKAGES = ['typeorm', 'pg', 'nats', '@nestjs/*', '@nestjs-cls/*', 'nestjs-cls', 'nestjs-pino', 'pino', 'pino-http', 'prom-client', 'jose', 'express'];

const DEP_CONSTRAINTS = [
  // By type: each layer depends only on the layers below it.
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:contracts', 'type:testing'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing', 'type:contracts', 'scope:istandaarden'] },
  // The web pages run in a browser: the contracts' code lists at most (their unit tests check the
  // message file against them), nothing of the server.
  { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:feature', 'type:data-access', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [], bannedExternalImports: SERVER_PACKAGES },
  // By scope, within a type.
  { sourceTag: 'scope:persistence', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
  { sourceTag: 'scope:messaging', onlyDependOnLibsWithTags: ['scope:persistence', 'type:util', 'type:contracts'] },
  { sourceTag: 'scope:auth', onlyDependOnLibsWithTags: ['scope:persistence', 'type:util', 'type:contracts'] },
  { sourceTag: 'scope:observability', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'scope:istandaarden', onlyDependOnLibsWithTags: ['type:contracts'], bannedExternalImports: SERVER_PACKAGES },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '.nx', 'tmp', '.vangnet', 'coverage', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: DEP_CONSTRAINTS,
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The test kit is for tests only.
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: '@vangnet/testing', message: 'the test kit is for tests only' }] }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts', '**/bench/**/*.ts', 'tools/**/*.ts', 'e2e/**/*.ts'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // End-to-end tests read JSON answers of several services.
    files: ['e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
];
