import { DeliveryForm, Frequency, Unit } from '@vangnet/contracts';
import { aVersion as aFact, LINEAGE } from '../../test/support/facts';
import { TariffQuote } from '../tariffs/tariffs.rules';
import { computeCommitment, horizonFor, planProjection, ProvisionVersionFacts, segmentsOf } from './commitments.rules';

/** 4 hours a week from 1 July 2026 to the end of 2027. */
const aVersion = (o: Partial<ProvisionVersionFacts> = {}) => aFact({ validFrom: '2026-07-01', periodStart: '2026-07-01', periodEnd: '2027-12-31', personId: '00000000-0000-4000-8000-0000000000aa', ...o });

const tariffs: Record<number, number> = { 2026: 6500, 2027: 6700 };
const byYear = (_v: ProvisionVersionFacts, year: number): TariffQuote | undefined =>
  tariffs[year] === undefined ? undefined : { tariffCents: tariffs[year], unit: Unit.HOUR };

describe('computeCommitment', () => {
  it('should book 4 hours a week over 18 months per year with that year’s tariff, rounding once', () => {
    const sut = computeCommitment([aVersion()], null, '2026-06-15', byYear);
    if (sut.status !== 'BOOKED') throw new Error(sut.status);
    // 2026: 184 days × 4/7 h × 65.00 = 6834.2857…; 2027: 365 days × 4/7 h × 67.00 = 13974.2857…
    // total 20808.5714… → 2080857 cents; largest remainder gives the odd cent to 2026.
    expect(sut.totalCents).toBe(2_080_857);
    expect(sut.years).toEqual([
      { year: 2026, amountCents: 683_429 },
      { year: 2027, amountCents: 1_397_428 },
    ]);
    expect(sut.leaves).toHaveLength(18);
    for (const y of sut.years) {
      expect(sut.leaves.filter((l) => l.year === y.year).reduce((a, l) => a + l.amountCents, 0)).toBe(y.amountCents);
    }
  });

  it('should release the rest when the lineage ends early and book only the days in force', () => {
    const sut = computeCommitment([aVersion()], '2026-12-31', '2026-06-15', byYear);
    if (sut.status !== 'BOOKED') throw new Error(sut.status);
    // 184 days × 4/7 × 6500 = 683428.57 → 683429
    expect(sut.totalCents).toBe(683_429);
    expect(sut.years).toEqual([{ year: 2026, amountCents: 683_429 }]);
  });

  it('should give the same result for versions in any order and recompute a change from validFrom', () => {
    const v2 = aVersion({ provisionId: '00000000-0000-4000-8000-000000000002', version: 2, validFrom: '2027-01-01', volume: { amount: 2, unit: Unit.HOUR, frequency: Frequency.PER_WEEK } });
    const a = computeCommitment([aVersion(), v2], null, '2026-06-15', byYear);
    const b = computeCommitment([v2, aVersion()], null, '2026-06-15', byYear);
    expect(a).toEqual(b);
    if (a.status !== 'BOOKED') throw new Error(a.status);
    // 2027 now at 2 h/week: 365 × 2/7 × 6700 = 698714.28…; 2026 unchanged 683428.57…
    expect(a.totalCents).toBe(1_382_143);
    expect(a.years.map((y) => y.year)).toEqual([2026, 2027]);
  });

  it('should wait for a tariff it does not know instead of booking a wrong amount when no year is priced', () => {
    const sut = computeCommitment([aVersion({ validFrom: '2028-01-01', periodStart: '2028-01-01', periodEnd: '2028-03-31' })], null, '2026-06-15', byYear);
    expect(sut.status).toBe('PENDING_TARIFF');
    if (sut.status === 'PENDING_TARIFF') expect(sut.missing).toEqual([{ provisionId: LINEAGE, year: 2028 }]);
  });

  it('should book the years with a tariff and list the year past the contract’s term as unpriced when only some are priced', () => {
    const sut = computeCommitment([aVersion({ periodEnd: '2028-03-31' })], null, '2026-06-15', byYear);
    if (sut.status !== 'PARTLY_PRICED') throw new Error(sut.status);
    // 2026 and 2027 as in the booked case (2080857); 2028 is not booked.
    expect(sut.totalCents).toBe(2_080_857);
    expect(sut.years.map((y) => y.year)).toEqual([2026, 2027]);
    // Estimate at 2027's tariff: 91 days (Jan–Mar 2028, a leap year) × 4/7 h × 67.00 = 348400.00
    expect(sut.unpriced).toEqual([{ provisionId: LINEAGE, year: 2028, municipality: 'GM0546', estimateCents: 348_400, estimateTariffYear: 2027 }]);
  });

  it('should book in full once the missing year has a tariff', () => {
    const withTariff2028: Record<number, number> = { ...tariffs, 2028: 7000 };
    const all = (_v: ProvisionVersionFacts, year: number): TariffQuote | undefined =>
      withTariff2028[year] === undefined ? undefined : { tariffCents: withTariff2028[year], unit: Unit.HOUR };
    const sut = computeCommitment([aVersion({ periodEnd: '2028-03-31' })], null, '2026-06-15', all);
    if (sut.status !== 'BOOKED') throw new Error(sut.status);
    // 683428.571… + 1397428.571… + 91 × 4/7 × 7000 (364000) = 2444857.14… → 2444857
    expect(sut.totalCents).toBe(2_444_857);
    expect(sut.unpriced).toEqual([]);
  });

  it('should price minutes against an hour tariff as tariff × minutes ÷ 60 and refuse other unit mismatches', () => {
    const minutes = aVersion({ volume: { amount: 90, unit: Unit.MINUTE, frequency: Frequency.PER_DAY }, periodStart: '2026-07-01', periodEnd: '2026-07-10', validFrom: '2026-07-01' });
    const sut = computeCommitment([minutes], null, '2026-06-15', byYear);
    if (sut.status !== 'BOOKED') throw new Error(sut.status);
    // 10 days × 90 min × 6500 / 60 = 97500
    expect(sut.totalCents).toBe(97_500);
    const dayParts = aVersion({ volume: { amount: 1, unit: Unit.DAY_PART, frequency: Frequency.PER_DAY } });
    expect(computeCommitment([dayParts], null, '2026-06-15', byYear).status).toBe('NOT_PRICEABLE');
  });

  it('should spread a PGB budget over the period’s days and commit an open end to the budget year’s end', () => {
    const pgb = aVersion({ deliveryForm: DeliveryForm.PGB, providerAgb: null, volume: null, budgetCents: 365_000, periodStart: '2026-01-01', periodEnd: '2026-12-31', validFrom: '2026-01-01' });
    const sut = computeCommitment([pgb], '2026-03-31', '2026-02-01', () => undefined);
    if (sut.status !== 'BOOKED') throw new Error(sut.status);
    // 90 of 365 days of 3650.00 = 900.00
    expect(sut.totalCents).toBe(90_000);
    expect(sut.leaves.map((l) => l.amountCents)).toEqual([31_000, 28_000, 31_000]);

    const open = aVersion({ periodEnd: null, periodStart: '2026-11-01', validFrom: '2026-11-01', volume: { amount: 1, unit: Unit.HOUR, frequency: Frequency.PER_DAY } });
    const o = computeCommitment([open], null, '2026-11-15', byYear);
    if (o.status !== 'BOOKED') throw new Error(o.status);
    expect(o.horizon).toBe('2026-12-31');
    expect(o.totalCents).toBe(61 * 6500);
    expect(horizonFor('2026-11-01', '2027-01-02')).toBe('2027-12-31');
  });

  it('should split a month per version and let months add up to years and years to the total', () => {
    const v2 = aVersion({ provisionId: '00000000-0000-4000-8000-000000000002', version: 2, validFrom: '2026-08-15', volume: { amount: 3, unit: Unit.HOUR, frequency: Frequency.PER_MONTH } });
    const sut = computeCommitment([aVersion(), v2], null, '2026-06-15', byYear);
    if (sut.status !== 'BOOKED') throw new Error(sut.status);
    const aug = sut.leaves.filter((l) => l.month === '2026-08-01');
    expect(aug.map((l) => l.version)).toEqual([1, 2]);
    expect(sut.years.reduce((a, y) => a + y.amountCents, 0)).toBe(sut.totalCents);
    expect(sut.leaves.reduce((a, l) => a + l.amountCents, 0)).toBe(sut.totalCents);
  });
});

describe('segmentsOf', () => {
  it('should stop a version the day before a later version and cut all at the lineage end', () => {
    const v2 = aVersion({ provisionId: 'b', version: 2, validFrom: '2027-01-01' });
    expect(segmentsOf([v2, aVersion()], '2027-06-30').map((s) => [s.version.version, s.start, s.end])).toEqual([
      [1, '2026-07-01', '2026-12-31'],
      [2, '2027-01-01', '2027-06-30'],
    ]);
    expect(segmentsOf([aVersion()], '2026-06-01')).toEqual([]);
  });
});

describe(planProjection.name, () => {
  const booked = (v: ProvisionVersionFacts) => computeCommitment([v], null, '2026-06-15', byYear);

  it('should book one row per version and year with its month parts, and journal a first booking', () => {
    const v = aVersion();
    const sut = planProjection({ dirty: [{ lineageId: LINEAGE, seq: null }], versions: new Map([[LINEAGE, [v]]]), ends: new Map(), results: new Map([[LINEAGE, booked(v)]]), booked: [] });
    expect(sut.rows).toHaveLength(2);
    expect(sut.rows.map((r) => [r.year, r.amountCents, r.months.reduce((a, m) => a + m, 0)])).toEqual([
      [2026, 683_429, 683_429],
      [2027, 1_397_428, 1_397_428],
    ]);
    expect(sut.mutations.map((m) => [m.year, m.kind, m.deltaCents])).toEqual([
      [2026, 'BOOKED', 683_429],
      [2027, 'BOOKED', 1_397_428],
    ]);
    expect(sut.budgetKeys).toEqual([
      { municipality: 'GM0546', year: 2026 },
      { municipality: 'GM0546', year: 2027 },
    ]);
    expect(sut.done).toEqual([{ lineageId: LINEAGE, seq: null }]);
  });

  it('should journal a release against what was booked, and nothing for a year that stayed the same', () => {
    const v = aVersion();
    const before = [
      { lineageId: LINEAGE, year: 2026, municipality: 'GM0546', cents: 683_429 },
      { lineageId: LINEAGE, year: 2027, municipality: 'GM0546', cents: 1_397_428 },
    ];
    const ended = computeCommitment([v], '2027-03-31', '2026-06-15', byYear);
    const sut = planProjection({ dirty: [{ lineageId: LINEAGE, seq: 3 }], versions: new Map([[LINEAGE, [v]]]), ends: new Map([[LINEAGE, '2027-03-31']]), results: new Map([[LINEAGE, ended]]), booked: before });
    expect(sut.mutations).toEqual([{ lineageId: LINEAGE, year: 2027, municipality: 'GM0546', kind: 'RELEASED', deltaCents: 344_571 - 1_397_428 }]);
    expect(sut.summaries[0]).toMatchObject({ endDate: '2027-03-31', totalCents: 1_028_000 });
  });

  it('should keep the booking of a lineage waiting for a tariff, and wait for the versions of one known only from its end', () => {
    const v = aVersion({ validFrom: '2028-01-01', periodStart: '2028-01-01', periodEnd: '2028-01-31' });
    const other = '00000000-0000-4000-8000-0000000000ee';
    const sut = planProjection({
      dirty: [{ lineageId: LINEAGE, seq: 1 }, { lineageId: other, seq: null }],
      versions: new Map([[LINEAGE, [v]]]),
      ends: new Map([[other, '2026-12-31']]),
      results: new Map([[LINEAGE, booked(v)]]),
      booked: [],
    });
    expect(sut.waiting).toEqual([{ lineageId: LINEAGE, seq: 1 }]);
    expect(sut.summaries).toEqual([expect.objectContaining({ lineageId: LINEAGE, status: 'PENDING_TARIFF', totalCents: null })]);
    expect(sut.done).toEqual([{ lineageId: other, seq: null }]);
    expect(sut.rebook).toEqual([]);
  });

  it('should book the priced years of a partly priced lineage, list the unpriced year, and retry only when procurement was unavailable', () => {
    const v = aVersion({ periodEnd: '2028-03-31' });
    const input = { dirty: [{ lineageId: LINEAGE, seq: 2 }], versions: new Map([[LINEAGE, [v]]]), ends: new Map(), results: new Map([[LINEAGE, booked(v)]]), booked: [] };
    const sut = planProjection(input);
    expect(sut.rows.map((r) => r.year)).toEqual([2026, 2027]);
    expect(sut.unpriced).toEqual([expect.objectContaining({ lineageId: LINEAGE, year: 2028, category: '02', productCode: '02A01', estimateCents: 348_400 })]);
    expect(sut.summaries).toEqual([expect.objectContaining({ status: 'PARTLY_PRICED', totalCents: 2_080_857, reason: expect.stringContaining('2028') })]);
    expect(sut.budgetKeys).toContainEqual({ municipality: 'GM0546', year: 2028 });
    expect(sut.done).toEqual([{ lineageId: LINEAGE, seq: 2 }]);
    const unavailable = planProjection({ ...input, tariffsUnavailable: true });
    expect(unavailable.waiting).toEqual([{ lineageId: LINEAGE, seq: 2 }]);
    expect(unavailable.rebook).toEqual([LINEAGE]);
  });
});
