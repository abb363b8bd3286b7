module.exports = { ...require('../../jest.preset'), displayName: 'care-plans', rootDir: __dirname };
