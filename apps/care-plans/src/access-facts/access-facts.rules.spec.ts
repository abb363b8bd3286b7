import { currentOn, lastDay, memberOn, runningOn, whoPays } from './access-facts.rules';

const p = (o: Partial<Parameters<typeof whoPays>[0][number]> = {}) => ({
  lineageId: 'l1',
  version: 1,
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  endedOn: null,
  responsibleMunicipality: 'GM0546',
  law: 'WMO',
  providerAgb: '98000001',
  deliveryForm: 'IN_KIND',
  budgetCents: null,
  ...o,
});

describe(memberOn.name, () => {
  it('should count a membership from its first to its last day', () => {
    const m = { personId: 'a', validFrom: '2026-01-01', validTo: '2026-06-30' };
    expect([memberOn(m, '2025-12-31'), memberOn(m, '2026-01-01'), memberOn(m, '2026-06-30'), memberOn(m, '2026-07-01')]).toEqual([false, true, true, false]);
  });
});

describe(runningOn.name, () => {
  it('should take the earlier of the period end and the lineage end as the last day', () => {
    expect(lastDay(p({ endedOn: '2026-03-31' }))).toBe('2026-03-31');
    expect(runningOn(p({ endedOn: '2026-03-31' }), '2026-04-01')).toBe(false);
    expect(runningOn(p({ endedOn: '2026-03-31' }), '2026-03-31')).toBe(true);
  });

  it('should not count a lineage of which only the end is known', () => {
    expect(runningOn(p({ version: 0 }), '2026-05-01')).toBe(false);
  });

  it('should count a provision that starts later as current but not running', () => {
    expect([runningOn(p({ periodStart: '2026-09-01' }), '2026-05-01'), currentOn(p({ periodStart: '2026-09-01' }), '2026-05-01')]).toEqual([false, true]);
  });
});

describe(whoPays.name, () => {
  it('should group current provisions by paying municipality and law, leaving ended ones out', () => {
    const rows = whoPays(
      [
        p({ lineageId: 'b', providerAgb: '98000002', budgetCents: 120_000, deliveryForm: 'PGB' }),
        p({ lineageId: 'a' }),
        p({ lineageId: 'c', responsibleMunicipality: 'GM0547', law: 'JEUGDWET' }),
        p({ lineageId: 'd', endedOn: '2026-02-01' }),
      ],
      '2026-05-01',
    );
    expect(rows).toEqual([
      { responsibleMunicipality: 'GM0546', law: 'WMO', lineageIds: ['a', 'b'], providers: ['98000001', '98000002'], budgetCents: 120_000 },
      { responsibleMunicipality: 'GM0547', law: 'JEUGDWET', lineageIds: ['c'], providers: ['98000001'], budgetCents: 0 },
    ]);
  });
});
