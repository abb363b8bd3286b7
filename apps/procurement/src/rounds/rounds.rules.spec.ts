import { duplicateLot, roundVisible } from './rounds.rules';

describe('rounds rules', () => {
  describe('duplicateLot', () => {
    it('should name the first repeated lot code by its field', () => {
      expect(duplicateLot([{ code: 'L1' }, { code: 'L2' }, { code: 'L1' }, { code: 'L2' }])).toEqual({ name: 'lots[2].code', code: 'DUPLICATE_LOT', reason: 'lot L1 appears twice' });
    });

    it('should find nothing in distinct or no lots', () => {
      expect(duplicateLot([{ code: 'L1' }, { code: 'L2' }])).toBeUndefined();
      expect(duplicateLot([])).toBeUndefined();
    });
  });

  describe('roundVisible', () => {
    const round = { municipalities: ['GM0546', 'GM0547'] };
    it.each([
      ['a token for one of its municipalities', { municipalities: ['GM0547'] }, true],
      ['a token for other municipalities only', { municipalities: ['GM0579', 'GM0626'] }, false],
      ['a token for no municipality', { municipalities: [] }, false],
      ['a provider', { municipalities: [], providerAgb: '12345678' }, true],
    ])('should answer %s with %s', (_what, scope, visible) => {
      expect(roundVisible(scope, round)).toBe(visible);
    });
  });
});
