module.exports = { ...require('../jest.preset'), displayName: 'workspace', rootDir: __dirname, testMatch: ['<rootDir>/test/**/*.spec.ts'] };
