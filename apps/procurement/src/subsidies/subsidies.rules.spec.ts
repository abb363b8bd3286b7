import { instalmentProblems, planGrant, quarterlyInstalments } from './subsidies.rules';

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

describe(planGrant.name, () => {
  const input = { organisationAgb: '66660002', municipality: 'GM0546', year: 2027, amountCents: 100_000, purpose: 'Vrijwilligerswerk', conditions: ['jaarverslag'] };

  it('should number given instalments from 1 and keep the reference', () => {
    const plan = planGrant({ ...input, reference: 'S-1', instalments: [{ dueDate: '2027-02-01', amountCents: 40_000 }, { dueDate: '2027-08-01', amountCents: 60_000 }] }, 'id-1');
    expect(plan).toEqual({
      problems: [],
      grant: {
        subsidyId: 'id-1',
        reference: 'S-1',
        ...input,
        instalments: [
          { seq: 1, dueDate: '2027-02-01', amountCents: 40_000 },
          { seq: 2, dueDate: '2027-08-01', amountCents: 60_000 },
        ],
      },
    });
  });

  it('should pay in four quarters when no instalments are given, and leave out an absent reference', () => {
    const plan = planGrant(input, 'id-2');
    expect('grant' in plan && plan.grant.instalments.map((i) => i.seq)).toEqual([1, 2, 3, 4]);
    expect('grant' in plan && 'reference' in plan.grant).toBe(false);
  });

  it('should plan nothing when the instalments do not add up', () => {
    expect(planGrant({ ...input, instalments: [{ dueDate: '2027-01-01', amountCents: 99_999 }] }, 'id-3')).toEqual({
      problems: [expect.objectContaining({ name: 'instalments', code: 'INSTALMENTS_SUM_MISMATCH' })],
    });
  });
});
