import { ProgrammeErrorCode } from './programmes.errors';
import { AllocationFacts, checkKey, checkPlan, csvOf, FlagCode, flagsOf, forecastOf, FundKind, PlanInput, programmeReport, thresholdsReached } from './programmes.rules';
import { distribute } from '../funds/funds.rules';

const PERIOD = { firstYear: 2026, lastYear: 2028 };
const REGION = ['GM0546', 'GM0547', 'GM0579', 'GM0626', 'GM0638'];
const year = (y: number, incidentalCents: number, structuralCents: number) => ({ year: y, incidentalCents, structuralCents, costCents: incidentalCents + structuralCents });
const aLine = (o: Partial<PlanInput['lines'][number]> = {}): PlanInput['lines'][number] => ({
  number: '1.1',
  theme: '1',
  title: 'Housing First',
  owner: 'GM0546',
  planning: { start: '2026-Q1', end: '2027-Q4' },
  years: [year(2026, 100_000, 50_000), year(2027, 100_000, 50_000), year(2028, 0, 50_000)],
  ...o,
});
const aPlan = (o: Partial<PlanInput> = {}): PlanInput => ({ themes: [{ code: '1', title: 'Wonen' }], lines: [aLine(), aLine({ number: '1.2', years: [year(2026, 10_000, 0)] })], ...o });
const allocation = (y: number, kind: FundKind, amountCents: number): AllocationFacts => {
  const weights = [{ municipality: 'GM0546', weight: 125 }, { municipality: 'GM0547', weight: 28 }, { municipality: 'GM0579', weight: 26 }, { municipality: 'GM0626', weight: 26 }, { municipality: 'GM0638', weight: 9 }];
  return { year: y, kind, version: 1, amountCents, weights, parts: distribute(amountCents, weights) };
};

describe(checkPlan.name, () => {
  it('should name the field of a line whose parts do not add up to its cost, and of a planning that ends before it starts', () => {
    const bad = checkPlan(aPlan({ lines: [aLine({ planning: { start: '2027-Q2', end: '2026-Q4' }, years: [{ year: 2026, incidentalCents: 1, structuralCents: 2, costCents: 4 }] })] }), PERIOD);
    expect(bad).toEqual([
      expect.objectContaining({ name: 'lines[0].planning.end', code: ProgrammeErrorCode.PLANNING_ENDS_BEFORE_START }),
      expect.objectContaining({ name: 'lines[0].years[0].costCents', code: ProgrammeErrorCode.PARTS_DO_NOT_ADD_UP }),
    ]);
  });

  it('should refuse an unknown theme, a repeated number and a year outside the programme', () => {
    const bad = checkPlan(aPlan({ lines: [aLine(), aLine({ theme: '9', years: [year(2030, 1, 1)] })] }), PERIOD);
    expect(bad.map((b) => [b.name, b.code])).toEqual([
      ['lines[1].number', ProgrammeErrorCode.DUPLICATE_NUMBER],
      ['lines[1].theme', ProgrammeErrorCode.UNKNOWN_THEME],
      ['lines[1].years[0].year', ProgrammeErrorCode.YEAR_OUTSIDE_PROGRAMME],
    ]);
  });
});

describe(flagsOf.name, () => {
  it('should flag a stated grand total that leaves out a year with the exact difference', () => {
    // Lines: 2026 160 000, 2027 150 000, 2028 50 000 = 360 000; the agenda states 310 000 (without 2028).
    const flags = flagsOf({ ...aPlan(), statedTotalCents: 310_000 }, [2026, 2027, 2028], []);
    const total = flags.find((f) => f.code === FlagCode.STATED_TOTAL_DIFFERS);
    expect(total).toMatchObject({ expectedCents: 310_000, plannedCents: 360_000, differenceCents: 50_000 });
    expect(total?.message).toContain('2028');
  });

  it('should flag lines that ask more of a kind than the fund holds, per year and over the programme', () => {
    const allocations = [2026, 2027, 2028].flatMap((y) => [allocation(y, FundKind.INCIDENTAL, 100_000), allocation(y, FundKind.STRUCTURAL, 100_000)]);
    const flags = flagsOf(aPlan(), [2026, 2027, 2028], allocations);
    expect(flags.filter((f) => f.code === FlagCode.EXCEEDS_FUND)).toEqual([
      expect.objectContaining({ year: 2026, kind: FundKind.INCIDENTAL, expectedCents: 100_000, plannedCents: 110_000, differenceCents: 10_000 }),
    ]);
    expect(flagsOf(aPlan(), [2026, 2027, 2028], [allocation(2026, FundKind.INCIDENTAL, 200_000)]).map((f) => f.code)).toContain(FlagCode.NOT_ALLOCATED);
  });
});

describe(checkKey.name, () => {
  it('should refuse a municipality outside the region and one named twice', () => {
    const bad = checkKey([{ municipality: 'GM0546', weight: 1 }, { municipality: 'GM0363', weight: 1 }, { municipality: 'GM0546', weight: 2 }], 100, REGION);
    expect(bad.map((b) => [b.name, b.code])).toEqual([
      ['weights[1].municipality', ProgrammeErrorCode.OUTSIDE_REGION],
      ['weights[2].municipality', ProgrammeErrorCode.DUPLICATE_MUNICIPALITY],
    ]);
  });
});

describe(programmeReport.name, () => {
  it('should land a line’s plan on the municipalities by the kind’s key and forecast max(committed, paid)', () => {
    const report = programmeReport({
      municipalities: REGION,
      years: [2026],
      lines: [{ actionLineId: 'a', number: '1.1', title: 'x', years: [year(2026, 100_001, 0)] }],
      allocations: [allocation(2026, FundKind.INCIDENTAL, 1_000_000)],
      booked: [{ actionLineId: 'a', municipality: 'GM0547', year: 2026, kind: FundKind.INCIDENTAL, committedCents: 5_000, paidCents: 7_000 }],
    });
    const planned = report.lines.filter((l) => l.kind === FundKind.INCIDENTAL).reduce((a, l) => a + l.plannedCents, 0);
    expect(planned).toBe(100_001);
    expect(report.lines.find((l) => l.municipality === 'GM0547')).toMatchObject({ committedCents: 5_000, paidCents: 7_000, forecastCents: 7_000 });
    expect(report.allocations.filter((a) => a.kind === FundKind.INCIDENTAL).reduce((s, a) => s + a.allocationCents, 0)).toBe(1_000_000);
    expect(forecastOf(10, 3)).toBe(10);
  });

  it('should raise each threshold once and write CSV with quoted fields', () => {
    expect(thresholdsReached(95, new Set([80]))).toEqual([90]);
    expect(thresholdsReached(null, new Set())).toEqual([]);
    expect(csvOf(['a', 'b'], [{ a: 'x, y', b: 1 }, { a: 'say "hi"', b: null }])).toBe('a,b\r\n"x, y",1\r\n"say ""hi""",\r\n');
  });
});
