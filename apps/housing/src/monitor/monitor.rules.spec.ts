import { MonitorErrorCode } from './monitor.errors';
import { MonitorInput, monitorProblems } from './monitor.rules';

const aMonitor = (overrides: Partial<MonitorInput> = {}): MonitorInput => ({ validFrom: '2027-01-01', amountCents: 100, ...overrides });

describe(monitorProblems.name, () => {
  it('should find nothing wrong when it starts today or later', () => {
    expect(monitorProblems(aMonitor({ validFrom: '2027-01-01' }), '2027-01-01')).toEqual([]);
    expect(monitorProblems(aMonitor({ validFrom: '2027-06-01' }), '2027-01-01')).toEqual([]);
  });

  it('should name validFrom when it lies before today', () => {
    expect(monitorProblems(aMonitor({ validFrom: '2026-12-31' }), '2027-01-01')).toEqual([
      expect.objectContaining({ name: 'validFrom', code: MonitorErrorCode.VALID_FROM_IN_PAST }),
    ]);
  });
});
