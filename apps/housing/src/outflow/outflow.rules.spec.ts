import { hasConsent, mergeNeeds } from './outflow.rules';

describe(hasConsent.name, () => {
  it('should count consent from the day it was given', () => {
    const r = { consentGivenOn: '2026-11-10', consentWithdrawnOn: null };
    expect([hasConsent(r, '2026-11-09'), hasConsent(r, '2026-11-10'), hasConsent(r, '2027-01-01')]).toEqual([false, true, true]);
  });

  it('should stop counting it from the day it was withdrawn', () => {
    const r = { consentGivenOn: '2026-11-10', consentWithdrawnOn: '2026-12-01' };
    expect([hasConsent(r, '2026-11-30'), hasConsent(r, '2026-12-01')]).toEqual([true, false]);
  });

  it('should never count consent that was not given', () => {
    expect(hasConsent({ consentGivenOn: null, consentWithdrawnOn: null }, '2026-11-10')).toBe(false);
  });
});

describe(mergeNeeds.name, () => {
  it('should keep each need once, sorted', () => {
    expect(mergeNeeds(['PETS_ALLOWED', 'ACCESSIBLE'], ['ACCESSIBLE'])).toEqual(['ACCESSIBLE', 'PETS_ALLOWED']);
  });
});
