import { OutflowErrorCode } from './outflow.errors';
import { OutflowInput, outflowProblems } from './outflow.rules';

const aOutflow = (overrides: Partial<OutflowInput> = {}): OutflowInput => ({ validFrom: '2027-01-01', amountCents: 100, ...overrides });

describe(outflowProblems.name, () => {
  it('should find nothing wrong when it starts today or later', () => {
    expect(outflowProblems(aOutflow({ validFrom: '2027-01-01' }), '2027-01-01')).toEqual([]);
    expect(outflowProblems(aOutflow({ validFrom: '2027-06-01' }), '2027-01-01')).toEqual([]);
  });

  it('should name validFrom when it lies before today', () => {
    expect(outflowProblems(aOutflow({ validFrom: '2026-12-31' }), '2027-01-01')).toEqual([
      expect.objectContaining({ name: 'validFrom', code: OutflowErrorCode.VALID_FROM_IN_PAST }),
    ]);
  });
});
