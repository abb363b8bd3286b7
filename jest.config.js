// One Jest run over every project; the global setup brings up PostgreSQL and NATS when needed.
const { readdirSync, existsSync } = require('fs');
const path = require('path');

const projects = ['apps', 'libs']
  .flatMap((dir) => (existsSync(path.join(__dirname, dir)) ? readdirSync(path.join(__dirname, dir)).map((p) => path.join(dir, p)) : []))
  .concat(['tools', 'e2e'])
  .filter((p) => existsSync(path.join(__dirname, p, 'jest.config.js')))
  .map((p) => `<rootDir>/${p}`);

module.exports = {
  projects,
  globalSetup: '<rootDir>/tools/test/global-setup.mjs',
  globalTeardown: '<rootDir>/tools/test/global-teardown.mjs',
  testTimeout: 60_000,
};
