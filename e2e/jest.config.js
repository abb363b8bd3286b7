module.exports = { ...require('../jest.preset'), displayName: 'e2e', rootDir: __dirname, testMatch: ['<rootDir>/**/*.e2e-spec.ts'] };
