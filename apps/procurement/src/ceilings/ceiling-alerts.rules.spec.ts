import { ceilingAlerts } from './ceiling-alerts.rules';
import { CeilingView } from './ceilings.dto';

const view = (providerAgb: string, municipality: string, ceilingCents: number | null, spendCents: number, thresholds: number[] = []): CeilingView => ({
  providerAgb,
  municipality,
  year: 2026,
  ceilingCents,
  spendCents,
  spendSequence: null,
  usedBasisPoints: ceilingCents ? Math.floor((spendCents * 10_000) / ceilingCents) : null,
  thresholdsReached: thresholds.map((thresholdPercent) => ({ thresholdPercent, spendCents, ceilingCents: ceilingCents ?? 0, reachedAt: new Date('2026-06-01T00:00:00Z') })),
  version: 1,
});

describe('ceilingAlerts', () => {
  it('should sum a provider’s ceilings and count those alerting and exceeded, the most used provider first', () => {
    const rows = ceilingAlerts([view('1', 'GM0546', 100_00, 95_00, [80, 90]), view('1', 'GM0547', 100_00, 120_00, [80, 90, 100]), view('2', 'GM0546', 100_00, 10_00), view('3', 'GM0546', null, 5_00)], new Map([['1', 'Zorg Eén'], ['2', 'Zorg Twee']]));
    expect(rows.map((r) => r.providerAgb)).toEqual(['1', '2', '3']);
    expect(rows.map((r) => r.providerName)).toEqual(['Zorg Eén', 'Zorg Twee', null]);
    expect(rows[0]).toMatchObject({ ceilings: 2, alerting: 2, exceeded: 1, highestThresholdPercent: 100, highestUsedBasisPoints: 12_000, ceilingCents: 200_00, spendCents: 215_00 });
    expect(rows[1]).toMatchObject({ ceilings: 1, alerting: 0, exceeded: 0, highestThresholdPercent: null, highestUsedBasisPoints: 1_000 });
    expect(rows[2]).toMatchObject({ ceilings: 0, highestUsedBasisPoints: null, spendCents: 5_00 });
  });
});
