module.exports = { ...require('../../jest.preset'), displayName: 'exchange', rootDir: __dirname };
