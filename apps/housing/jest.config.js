module.exports = { ...require('../../jest.preset'), displayName: 'housing', rootDir: __dirname };
