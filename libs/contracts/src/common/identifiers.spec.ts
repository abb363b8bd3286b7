import { isAgbCode, isMunicipalityCode, isValidBsn } from './identifiers';

describe('isValidBsn', () => {
  it.each(['999900006', '111222333', '123456782'])('should accept %s when it passes the eleven-proof', (bsn) => {
    expect(isValidBsn(bsn)).toBe(true);
  });

  it.each([
    ['123456789', 'fails the eleven-proof'],
    ['12345678', 'has 8 digits'],
    ['1234567890', 'has 10 digits'],
    ['12345678a', 'has a letter'],
    ['000000000', 'is all zeros'],
  ])('should refuse %s when it %s', (bsn) => {
    expect(isValidBsn(bsn)).toBe(false);
  });

  it('should refuse a number when a string is expected', () => {
    expect(isValidBsn(999900006)).toBe(false);
  });
});

describe('codes', () => {
  it('should accept GM + 4 digits and 8-digit AGB codes only', () => {
    expect(isMunicipalityCode('GM0546')).toBe(true);
    expect(isMunicipalityCode('0546')).toBe(false);
    expect(isMunicipalityCode('GM546')).toBe(false);
    expect(isAgbCode('42420001')).toBe(true);
    expect(isAgbCode('4242000')).toBe(false);
  });
});
