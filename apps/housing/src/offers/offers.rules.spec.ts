import { OffersErrorCode } from './offers.errors';
import { OffersInput, offersProblems } from './offers.rules';

const aOffers = (overrides: Partial<OffersInput> = {}): OffersInput => ({ validFrom: '2027-01-01', amountCents: 100, ...overrides });

describe(offersProblems.name, () => {
  it('should find nothing wrong when it starts today or later', () => {
    expect(offersProblems(aOffers({ validFrom: '2027-01-01' }), '2027-01-01')).toEqual([]);
    expect(offersProblems(aOffers({ validFrom: '2027-06-01' }), '2027-01-01')).toEqual([]);
  });

  it('should name validFrom when it lies before today', () => {
    expect(offersProblems(aOffers({ validFrom: '2026-12-31' }), '2027-01-01')).toEqual([
      expect.objectContaining({ name: 'validFrom', code: OffersErrorCode.VALID_FROM_IN_PAST }),
    ]);
  });
});
