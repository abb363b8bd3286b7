import { netCostsPerResponsible, parseSettlementPeriod } from './settlements.rules';

describe(parseSettlementPeriod.name, () => {
  it('should read a year, a quarter and a month as their first and last days', () => {
    expect(parseSettlementPeriod('2026')).toEqual({ label: '2026', from: '2026-01-01', to: '2026-12-31' });
    expect(parseSettlementPeriod('2026-Q2')).toEqual({ label: '2026-Q2', from: '2026-04-01', to: '2026-06-30' });
    expect(parseSettlementPeriod('2028-02')).toEqual({ label: '2028-02', from: '2028-02-01', to: '2028-02-29' });
    expect(parseSettlementPeriod('2026-13')).toBeUndefined();
  });
});

describe(netCostsPerResponsible.name, () => {
  it('should put every cost on the responsible municipality and count what another one paid', () => {
    const sut = netCostsPerResponsible([
      { responsible: 'GM0547', payer: 'GM0546', cents: 65_000 },
      { responsible: 'GM0547', payer: 'GM0547', cents: 10_000 },
      { responsible: 'GM0546', payer: 'GM0546', cents: 5_000 },
    ]);
    expect(sut).toEqual([
      { municipality: 'GM0547', amountCents: 75_000, paidByOthersCents: 65_000 },
      { municipality: 'GM0546', amountCents: 5_000, paidByOthersCents: 0 },
    ]);
  });
});
