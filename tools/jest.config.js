module.exports = {
  ...require('../jest.preset'),
  displayName: 'workspace',
  rootDir: __dirname,
  // test/: the workspace's own checks; image/: the container image's tree; helm/: the chart;
  // ops/: docs/operations.md against the code; openapi/: every service's OpenAPI document;
  // drills/: the failure drills' checker.
  testMatch: ['<rootDir>/{test,image,helm,ops,openapi,drills}/**/*.spec.ts'],
};
