import { addDays } from '@vangnet/contracts';
import { createHash } from 'crypto';
import {
  contributions,
  EntryFacts,
  explain,
  factorValue,
  FIRST_COME_SCHEME,
  hasAtMostTwoDecimals,
  positionWithScore,
  PriorityFactor,
  RankItem,
  rankAll,
  SchemeRules,
  scoreOf,
  tieKey,
  whatIf,
} from './ranking.rules';

const ON = '2026-11-23';
const REGION = ['GM0546', 'GM0547'];

const facts = (o: Partial<EntryFacts> = {}): EntryFacts => ({
  waitingSince: '2026-01-01',
  urgency: 0,
  householdWithChildren: false,
  dischargeFromInstitution: false,
  originMunicipality: null,
  interimSupport: true,
  ...o,
});
const item = (id: string, o: Partial<EntryFacts> = {}, group = 'BW'): RankItem => ({ id, group, facts: facts(o) });
const scheme = (o: Partial<SchemeRules> = {}): SchemeRules => ({
  seed: 'published-seed',
  factors: [
    { factor: PriorityFactor.WAITING_DAYS, weight: 0.1 },
    { factor: PriorityFactor.URGENCY, weight: 25 },
    { factor: PriorityFactor.HOUSEHOLD_WITH_CHILDREN, weight: 15.5 },
    { factor: PriorityFactor.DISCHARGE_FROM_INSTITUTION, weight: 10 },
    { factor: PriorityFactor.ORIGIN_MUNICIPALITY, weight: 5, municipalities: REGION },
    { factor: PriorityFactor.NO_INTERIM_SUPPORT, weight: 3.25 },
  ],
  ...o,
});

/** A small deterministic generator, so a failing case can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomItems(n: number, seed: number, group = 'BW'): RankItem[] {
  const r = prng(seed);
  return Array.from({ length: n }, (_, i) =>
    item(
      `00000000-0000-4000-8000-${String(seed).padStart(4, '0')}${String(i).padStart(8, '0')}`,
      {
        // Few distinct values, so that scores tie often and the seed decides.
        waitingSince: addDays(ON, -Math.floor(r() * 6) * 10),
        urgency: Math.floor(r() * 4),
        householdWithChildren: r() < 0.3,
        dischargeFromInstitution: r() < 0.2,
        originMunicipality: r() < 0.5 ? 'GM0546' : 'GM0999',
        interimSupport: r() < 0.6,
      },
      group,
    ),
  );
}

describe(factorValue.name, () => {
  it('should give each factor its integer value on the ranking date', () => {
    const s = scheme();
    const f = facts({ waitingSince: '2026-11-01', urgency: 2, householdWithChildren: true, originMunicipality: 'GM0547', interimSupport: false });
    expect(s.factors.map((x) => factorValue(x, f, ON))).toEqual([22, 2, 1, 0, 1, 1]);
  });

  it('should count no waiting days before waitingSince, and no origin outside the listed municipalities', () => {
    expect(factorValue({ factor: PriorityFactor.WAITING_DAYS, weight: 1 }, facts({ waitingSince: '2026-12-01' }), ON)).toBe(0);
    expect(factorValue({ factor: PriorityFactor.ORIGIN_MUNICIPALITY, weight: 1, municipalities: REGION }, facts({ originMunicipality: 'GM0363' }), ON)).toBe(0);
    expect(factorValue({ factor: PriorityFactor.ORIGIN_MUNICIPALITY, weight: 1, municipalities: REGION }, facts({ originMunicipality: null }), ON)).toBe(0);
  });
});

describe(scoreOf.name, () => {
  it('should add weights × values in exact hundredths', () => {
    // 0.1 + 0.2 is not 0.3 in floating point; in hundredths it is 10 + 20 = 30.
    const s: SchemeRules = { seed: 'x', factors: [{ factor: PriorityFactor.URGENCY, weight: 0.1 }, { factor: PriorityFactor.DISCHARGE_FROM_INSTITUTION, weight: 0.2 }] };
    expect(scoreOf(s, [1, 1])).toBe(30);
    expect(scoreOf(scheme(), [22, 2, 1, 0, 1, 1])).toBe(220 + 5000 + 1550 + 0 + 500 + 325);
  });

  it('should take weights of two decimals exactly', () => {
    expect([0.29, 1.15, 33.33, -0.07].every(hasAtMostTwoDecimals)).toBe(true);
    expect([0.001, 1.125, Number.NaN].some(hasAtMostTwoDecimals)).toBe(false);
    expect(scoreOf({ seed: 'x', factors: [{ factor: PriorityFactor.WAITING_DAYS, weight: 0.29 }] }, [100])).toBe(2900);
  });
});

describe(tieKey.name, () => {
  it('should be the SHA-256 hex of "<seed>:<entry id>"', () => {
    expect(tieKey('s', 'e')).toBe(createHash('sha256').update('s:e').digest('hex'));
  });
});

describe(rankAll.name, () => {
  it('should rank by score, then by the lower tie key of the published seed', () => {
    const items = [item('a', { urgency: 1 }), item('b', { urgency: 3 }), item('c', { urgency: 1 }), item('d', { urgency: 1 })];
    const ranked = rankAll(scheme(), items, ON).get('BW')!;
    expect(ranked[0].id).toBe('b');
    const tied = ['a', 'c', 'd'].sort((x, y) => (tieKey('published-seed', x) < tieKey('published-seed', y) ? -1 : 1));
    expect(ranked.slice(1).map((r) => r.id)).toEqual(tied);
    expect(ranked.map((r) => r.position)).toEqual([1, 2, 3, 4]);
  });

  it('should give the same order for the same scheme, seed and values whatever the input order, and let another seed reorder ties', () => {
    const items = randomItems(200, 7);
    const once = rankAll(scheme(), items, ON).get('BW')!.map((r) => r.id);
    const again = rankAll(scheme(), [...items].reverse(), ON).get('BW')!.map((r) => r.id);
    expect(again).toEqual(once);
    const otherSeed = rankAll(scheme({ seed: 'another-seed' }), items, ON).get('BW')!.map((r) => r.id);
    expect(otherSeed).not.toEqual(once);
  });

  it('should count positions within each facility type', () => {
    const ranked = rankAll(scheme(), [item('a', {}, 'BW'), item('b', {}, 'CRISIS'), item('c', { urgency: 1 }, 'BW')], ON);
    expect(ranked.get('BW')!.map((r) => [r.id, r.position])).toEqual([
      ['c', 1],
      ['a', 2],
    ]);
    expect(ranked.get('CRISIS')!.map((r) => [r.id, r.position])).toEqual([['b', 1]]);
  });

  it('should rank first come, first served before any scheme is active', () => {
    const ranked = rankAll(FIRST_COME_SCHEME, [item('late', { waitingSince: '2026-06-01' }), item('early', { waitingSince: '2025-06-01' })], ON).get('BW')!;
    expect(ranked.map((r) => r.id)).toEqual(['early', 'late']);
  });
});

describe(explain.name, () => {
  it('should give contributions that add up to the score exactly', () => {
    const ranked = rankAll(scheme(), randomItems(50, 11), ON).get('BW')!;
    for (const self of ranked) {
      const e = explain(scheme(), ranked, self);
      expect(e.contributions.reduce((a, c) => a + c.points, 0)).toBe(e.score);
      expect(e.contributions.map((c) => c.factor)).toEqual(scheme().factors.map((f) => f.factor));
    }
    expect(ranked).toHaveLength(50);
  });

  it('should predict exactly the position each change gives when the list is ranked again with it', () => {
    const s = scheme();
    let checked = 0;
    for (const seed of [1, 2, 3]) {
      const items = randomItems(60, seed);
      const ranked = rankAll(s, items, ON).get('BW')!;
      for (const self of ranked) {
        for (const change of explain(s, ranked, self).changes) {
          const changed = items.map((i) => (i.id === self.id ? { ...i, facts: apply(i.facts, change.factor, change.to) } : i));
          const again = rankAll(s, changed, ON).get('BW')!;
          expect({ id: self.id, factor: change.factor, position: again.find((r) => r.id === self.id)!.position }).toEqual({ id: self.id, factor: change.factor, position: change.position });
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('should propose for waiting time the fewest extra days that pass the entry directly ahead', () => {
    const s: SchemeRules = { seed: 'x', factors: [{ factor: PriorityFactor.WAITING_DAYS, weight: 1 }, { factor: PriorityFactor.URGENCY, weight: 10 }] };
    const ranked = rankAll(s, [item('ahead', { waitingSince: '2026-11-01' }), item('me', { waitingSince: '2026-11-08' })], ON).get('BW')!;
    const me = ranked.find((r) => r.id === 'me')!;
    const waiting = explain(s, ranked, me).changes.find((c) => c.factor === PriorityFactor.WAITING_DAYS)!;
    // 15 days against 22: 7 more days tie, and the tie key decides whether the 7th or an 8th passes.
    const tieWins = tieKey('x', 'me') < tieKey('x', 'ahead');
    expect(waiting).toEqual({ factor: PriorityFactor.WAITING_DAYS, from: 15, to: tieWins ? 22 : 23, position: 1 });
  });

  it('should propose no waiting-time change for the first, and nothing beyond a bounded factor’s range', () => {
    const ranked = rankAll(scheme(), [item('top', { urgency: 3, dischargeFromInstitution: true }), item('b')], ON).get('BW')!;
    const changes = explain(scheme(), ranked, ranked[0]).changes;
    expect(changes.map((c) => c.factor)).toEqual(expect.not.arrayContaining([PriorityFactor.WAITING_DAYS, PriorityFactor.URGENCY, PriorityFactor.DISCHARGE_FROM_INSTITUTION]));
    expect(changes.every((c) => c.position === 1)).toBe(true);
  });

  it('should move a factor with a negative weight down, not up', () => {
    const s: SchemeRules = { seed: 'x', factors: [{ factor: PriorityFactor.URGENCY, weight: -5 }] };
    const ranked = rankAll(s, [item('a', { urgency: 0 }), item('b', { urgency: 2 })], ON).get('BW')!;
    const b = ranked.find((r) => r.id === 'b')!;
    expect(explain(s, ranked, b).changes).toEqual([{ factor: PriorityFactor.URGENCY, from: 2, to: 1, position: 2 }]);
  });
});

describe(positionWithScore.name, () => {
  it('should agree with ranking again for any score', () => {
    const s = scheme();
    const items = randomItems(80, 5);
    const ranked = rankAll(s, items, ON).get('BW')!;
    for (const self of ranked.filter((_, i) => i % 7 === 0)) {
      for (const score of [0, self.score - 1, self.score, self.score + 1, ranked[0].score + 1, ranked[ranked.length - 1].score]) {
        const others = ranked.filter((r) => r.id !== self.id);
        const expected = 1 + others.filter((o) => o.score > score || (o.score === score && o.tieKey < self.tieKey)).length;
        expect(positionWithScore(ranked, self, score)).toBe(expected);
      }
    }
  });
});

describe(contributions.name, () => {
  it('should list weight, value and points per factor', () => {
    expect(contributions(scheme(), [10, 1, 0, 0, 1, 0])).toEqual([
      { factor: PriorityFactor.WAITING_DAYS, weight: 0.1, value: 10, points: 100 },
      { factor: PriorityFactor.URGENCY, weight: 25, value: 1, points: 2500 },
      { factor: PriorityFactor.HOUSEHOLD_WITH_CHILDREN, weight: 15.5, value: 0, points: 0 },
      { factor: PriorityFactor.DISCHARGE_FROM_INSTITUTION, weight: 10, value: 0, points: 0 },
      { factor: PriorityFactor.ORIGIN_MUNICIPALITY, weight: 5, value: 1, points: 500 },
      { factor: PriorityFactor.NO_INTERIM_SUPPORT, weight: 3.25, value: 0, points: 0 },
    ]);
  });
});

describe(whatIf.name, () => {
  it('should show every entry’s position now and under the candidate, with the moves per type', () => {
    const items = [item('a', { waitingSince: '2025-01-01' }), item('b', { waitingSince: '2026-06-01', urgency: 3 }), item('c', { waitingSince: '2026-01-01' }), item('k', {}, 'CRISIS')];
    const byWaiting: SchemeRules = { seed: 'x', factors: [{ factor: PriorityFactor.WAITING_DAYS, weight: 1 }] };
    const byUrgency: SchemeRules = { seed: 'x', factors: [{ factor: PriorityFactor.URGENCY, weight: 1000 }, { factor: PriorityFactor.WAITING_DAYS, weight: 1 }] };
    const r = whatIf(byWaiting, byUrgency, items, ON);
    expect(r.moves.filter((m) => m.group === 'BW').map((m) => [m.id, m.from, m.to])).toEqual([
      ['b', 3, 1],
      ['a', 1, 2],
      ['c', 2, 3],
    ]);
    expect(r.groups).toEqual([
      { group: 'BW', entries: 3, up: 1, down: 2, same: 0, largestRise: 2, largestFall: 1 },
      { group: 'CRISIS', entries: 1, up: 0, down: 0, same: 1, largestRise: 0, largestFall: 0 },
    ]);
  });

  it('should give no position now when no scheme is in force', () => {
    const r = whatIf(undefined, scheme(), [item('a')], ON);
    expect(r.moves).toEqual([{ id: 'a', group: 'BW', from: null, to: 1 }]);
  });
});

/** The facts with one factor set to a value, as an officer's change (or access's household) would. */
function apply(f: EntryFacts, factor: PriorityFactor, to: number): EntryFacts {
  switch (factor) {
    case PriorityFactor.WAITING_DAYS:
      return { ...f, waitingSince: addDays(ON, -to) };
    case PriorityFactor.URGENCY:
      return { ...f, urgency: to };
    case PriorityFactor.HOUSEHOLD_WITH_CHILDREN:
      return { ...f, householdWithChildren: to === 1 };
    case PriorityFactor.DISCHARGE_FROM_INSTITUTION:
      return { ...f, dischargeFromInstitution: to === 1 };
    case PriorityFactor.ORIGIN_MUNICIPALITY:
      return { ...f, originMunicipality: to === 1 ? 'GM0546' : 'GM0999' };
    case PriorityFactor.NO_INTERIM_SUPPORT:
      return { ...f, interimSupport: to === 0 };
  }
}
