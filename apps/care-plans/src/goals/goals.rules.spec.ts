import { achievedBy, scoreHistory, scoreProblem, targetMet } from './goals.rules';

describe(scoreProblem.name, () => {
  it('should accept the ends of the scale and refuse what lies outside it', () => {
    const scale = { scaleMin: 1, scaleMax: 5 };
    expect([scoreProblem(1, scale, 'Financiën'), scoreProblem(5, scale, 'Financiën')]).toEqual([undefined, undefined]);
    expect(scoreProblem(6, scale, 'Financiën')).toBe('6 lies outside the scale of Financiën (1–5)');
    expect(scoreProblem(0, scale, 'Financiën')).toMatch(/outside/);
  });
});

describe(targetMet.name, () => {
  it('should meet an upward target at or above it and a downward one at or below it', () => {
    expect([targetMet({ baselineScore: 2, targetScore: 4 }, 3), targetMet({ baselineScore: 2, targetScore: 4 }, 4)]).toEqual([false, true]);
    expect([targetMet({ baselineScore: 8, targetScore: 3 }, 4), targetMet({ baselineScore: 8, targetScore: 3 }, 3)]).toEqual([false, true]);
  });
});

describe(achievedBy.name, () => {
  const goal = { id: 'g1', domainCode: 'FINANCES', personId: 'p1', status: 'ACTIVE' as const, baselineScore: 2, targetScore: 4 };

  it('should achieve an active goal whose domain was re-measured for the same member at its target', () => {
    expect(achievedBy([goal], [{ domainCode: 'FINANCES', personId: 'p1', score: 4 }])).toEqual(['g1']);
  });

  it('should leave a goal when the score is short, another member was measured, or it was stopped', () => {
    expect(achievedBy([goal], [{ domainCode: 'FINANCES', personId: 'p1', score: 3 }])).toEqual([]);
    expect(achievedBy([goal], [{ domainCode: 'FINANCES', personId: 'p2', score: 5 }])).toEqual([]);
    expect(achievedBy([{ ...goal, status: 'STOPPED' }], [{ domainCode: 'FINANCES', personId: 'p1', score: 5 }])).toEqual([]);
  });
});

describe(scoreHistory.name, () => {
  it('should group scores per domain and member in date order, domains in the plan’s priority order', () => {
    const h = scoreHistory(
      [
        { domainCode: 'FINANCES', personId: null, score: 3, measuredOn: '2027-01-01', source: 'REVIEW' },
        { domainCode: 'HOUSING', personId: null, score: 1, measuredOn: '2026-06-01', source: 'BASELINE' },
        { domainCode: 'FINANCES', personId: null, score: 2, measuredOn: '2026-06-01', source: 'BASELINE' },
      ],
      ['HOUSING'],
    );
    expect(h.map((d) => d.domain)).toEqual(['HOUSING', 'FINANCES']);
    expect(h[1].history.map((x) => x.score)).toEqual([2, 3]);
  });
});
