module.exports = {
  ...require('../jest.preset'),
  displayName: 'workspace',
  rootDir: __dirname,
  // test/: the workspace's own checks; image/: the container image's tree; helm/: the chart;
  // ops/: docs/operations.md against the code.
  testMatch: ['<rootDir>/{test,image,helm,ops}/**/*.spec.ts'],
};
