import { PrioritySchemeErrorCode } from './priority-schemes.errors';
import { schemeInForce, schemeProblems } from './priority-schemes.rules';
import { PriorityFactor } from './ranking.rules';

describe(schemeProblems.name, () => {
  it('should accept each factor once with at least one weight', () => {
    expect(schemeProblems([{ factor: PriorityFactor.WAITING_DAYS, weight: 1 }, { factor: PriorityFactor.URGENCY, weight: 0 }])).toEqual([]);
  });

  it('should name a repeated factor, municipalities on another factor, and a scheme of zero weights', () => {
    const problems = schemeProblems([
      { factor: PriorityFactor.URGENCY, weight: 0 },
      { factor: PriorityFactor.URGENCY, weight: 0, municipalities: ['GM0546'] },
    ]);
    expect(problems.map((p) => [p.name, p.code])).toEqual([
      ['factors[1].factor', PrioritySchemeErrorCode.DUPLICATE_FACTOR],
      ['factors[1].municipalities', PrioritySchemeErrorCode.MUNICIPALITIES_ONLY_FOR_ORIGIN],
      ['factors', PrioritySchemeErrorCode.NO_WEIGHT],
    ]);
  });
});

describe(schemeInForce.name, () => {
  const schemes = [
    { id: 'v1', status: 'ACTIVE', activeFrom: '2026-01-01' },
    { id: 'v2', status: 'ACTIVE', activeFrom: '2026-07-01' },
    { id: 'v3', status: 'DRAFT', activeFrom: null },
    { id: 'v4', status: 'ACTIVE', activeFrom: '2027-01-01' },
  ];

  it('should take the active scheme with the latest start on or before the date', () => {
    expect(['2025-12-31', '2026-01-01', '2026-06-30', '2026-07-01', '2026-12-31', '2027-01-01'].map((d) => schemeInForce(schemes, d)?.id)).toEqual([undefined, 'v1', 'v1', 'v2', 'v2', 'v4']);
  });

  it('should never take a draft', () => {
    expect(schemeInForce([{ id: 'd', status: 'DRAFT', activeFrom: '2020-01-01' }], '2026-01-01')).toBeUndefined();
  });
});
