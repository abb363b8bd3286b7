module.exports = {
  ...require('../jest.preset'),
  displayName: 'workspace',
  rootDir: __dirname,
  // test/: the workspace's own checks; image/: the container image's tree; helm/: the chart.
  testMatch: ['<rootDir>/{test,image,helm}/**/*.spec.ts'],
};
