import { instalmentProblems, quarterlyInstalments } from './subsidies.rules';

describe(quarterlyInstalments.name, () => {
  it('should split a grant into four quarters that add up to the cent', () => {
    const parts = quarterlyInstalments(2027, 1_000_001);
    expect(parts.map((p) => p.dueDate)).toEqual(['2027-01-01', '2027-04-01', '2027-07-01', '2027-10-01']);
    expect(parts.map((p) => p.amountCents)).toEqual([250_001, 250_000, 250_000, 250_000]);
  });

  it('should name the instalments when they do not add up to the grant', () => {
    expect(instalmentProblems(100, [{ amountCents: 60 }, { amountCents: 40 }])).toEqual([]);
    expect(instalmentProblems(100, [{ amountCents: 60 }])).toEqual([expect.objectContaining({ name: 'instalments', code: 'INSTALMENTS_SUM_MISMATCH' })]);
  });
});
