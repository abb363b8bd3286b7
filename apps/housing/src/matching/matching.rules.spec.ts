import { assignPlaces, candidatesFor, fits, MatchCandidate, MatchPlace, misfit } from './matching.rules';

const place = (id: string, features: string[] = [], facilityType = 'BW'): MatchPlace => ({ id, facilityType, features });
const candidate = (id: string, position: number, needs: string[] = [], facilityType = 'BW'): MatchCandidate => ({ id, facilityType, needs, position });

describe(fits.name, () => {
  it('should fit a candidate of the place’s type whose needs the place offers', () => {
    expect(fits(place('p', ['ACCESSIBLE', 'PETS_ALLOWED']), candidate('c', 1, ['ACCESSIBLE']))).toBe(true);
    expect(fits(place('p'), candidate('c', 1))).toBe(true);
  });

  it('should not fit another facility type or a missing feature, and say why', () => {
    expect(fits(place('p', ['ACCESSIBLE']), candidate('c', 1, [], 'CRISIS'))).toBe(false);
    expect(fits(place('p', []), candidate('c', 1, ['ACCESSIBLE']))).toBe(false);
    expect(misfit(place('p', ['PETS_ALLOWED']), candidate('c', 1, ['ACCESSIBLE', 'PETS_ALLOWED'], 'CRISIS'))).toEqual({ facilityType: 'CRISIS', missing: ['ACCESSIBLE'] });
  });
});

describe(candidatesFor.name, () => {
  it('should list the fitting candidates best position first', () => {
    const list = [candidate('c3', 3), candidate('c1', 1, ['ACCESSIBLE']), candidate('c2', 2), candidate('x', 1, [], 'CRISIS')];
    expect(candidatesFor(place('p'), list).map((c) => c.id)).toEqual(['c2', 'c3']);
    expect(candidatesFor(place('p', ['ACCESSIBLE']), list).map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
  });
});

describe(assignPlaces.name, () => {
  it('should fill the place with the fewest eligible candidates first, so that both places are filled', () => {
    // Filling "acc" first would give it c1 and leave "plain" without a candidate (c2 needs ACCESSIBLE).
    // "plain" has one eligible candidate (c1), "acc" two: "plain" goes first, then c2 gets "acc".
    const plan = assignPlaces([place('acc', ['ACCESSIBLE']), place('plain')], [candidate('c1', 1), candidate('c2', 2, ['ACCESSIBLE'])]);
    expect(plan.assignments).toEqual([
      { placeId: 'plain', entryId: 'c1', position: 1, eligible: 1, round: 1 },
      { placeId: 'acc', entryId: 'c2', position: 2, eligible: 1, round: 2 },
    ]);
    expect(plan.unfilled).toEqual([]);
  });

  it('should count again after each round and leave a place no one fits unfilled', () => {
    const places = [place('a', ['ACCESSIBLE']), place('b'), place('c'), place('d', ['FAMILY_SIZED'])];
    const candidates = [candidate('e1', 1), candidate('e2', 2, ['ACCESSIBLE']), candidate('e3', 3)];
    const plan = assignPlaces(places, candidates);
    // a: 3 eligible, b and c: 2 each (e1, e3), d: 2 (e1, e3). Ties by place id: b first takes e1,
    // then c (1 left: e3) takes e3, then d has 0 → unfilled, a takes e2.
    expect(plan.assignments.map((x) => [x.placeId, x.entryId])).toEqual([
      ['b', 'e1'],
      ['c', 'e3'],
      ['a', 'e2'],
    ]);
    expect(plan.unfilled).toEqual(['d']);
  });

  it('should never give one candidate two places nor fill across facility types', () => {
    const places = [place('p1'), place('p2'), place('q1', [], 'CRISIS')];
    const plan = assignPlaces(places, [candidate('c1', 1), candidate('k1', 1, [], 'CRISIS'), candidate('k2', 2, [], 'CRISIS')]);
    expect(new Set(plan.assignments.map((a) => a.entryId)).size).toBe(plan.assignments.length);
    expect(plan.assignments.map((a) => [a.placeId, a.entryId]).sort()).toEqual([
      ['p1', 'c1'],
      ['q1', 'k1'],
    ]);
    expect(plan.unfilled).toEqual(['p2']);
  });

  it('should give the best-placed candidates the places when everyone fits everywhere', () => {
    const plan = assignPlaces([place('p2'), place('p1')], [candidate('c3', 3), candidate('c1', 1), candidate('c2', 2)]);
    expect(plan.assignments.map((a) => a.entryId).sort()).toEqual(['c1', 'c2']);
  });
});
