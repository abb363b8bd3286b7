module.exports = { ...require('../../jest.preset'), displayName: 'istandaarden', rootDir: __dirname };
