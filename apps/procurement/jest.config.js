module.exports = { ...require('../../jest.preset'), displayName: 'procurement', rootDir: __dirname };
