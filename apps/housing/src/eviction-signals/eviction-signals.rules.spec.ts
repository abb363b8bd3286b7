import { EvictionSignalsErrorCode } from './eviction-signals.errors';
import { EvictionSignalsInput, evictionSignalsProblems } from './eviction-signals.rules';

const aEvictionSignals = (overrides: Partial<EvictionSignalsInput> = {}): EvictionSignalsInput => ({ validFrom: '2027-01-01', amountCents: 100, ...overrides });

describe(evictionSignalsProblems.name, () => {
  it('should find nothing wrong when it starts today or later', () => {
    expect(evictionSignalsProblems(aEvictionSignals({ validFrom: '2027-01-01' }), '2027-01-01')).toEqual([]);
    expect(evictionSignalsProblems(aEvictionSignals({ validFrom: '2027-06-01' }), '2027-01-01')).toEqual([]);
  });

  it('should name validFrom when it lies before today', () => {
    expect(evictionSignalsProblems(aEvictionSignals({ validFrom: '2026-12-31' }), '2027-01-01')).toEqual([
      expect.objectContaining({ name: 'validFrom', code: EvictionSignalsErrorCode.VALID_FROM_IN_PAST }),
    ]);
  });
});
