module.exports = { ...require('../../jest.preset'), displayName: 'access', rootDir: __dirname };
