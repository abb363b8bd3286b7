// The pages' logic that runs without a browser (notation, code lists, task titles, case links);
// the pages themselves are tested in a real browser by e2e/src/web.e2e-spec.ts.
module.exports = { ...require('../../jest.preset'), displayName: 'web', rootDir: __dirname, testMatch: ['<rootDir>/test/**/*.spec.ts'] };
