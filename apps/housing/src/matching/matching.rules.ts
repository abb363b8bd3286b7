// Matching free places to the list: which entries fit a place, and an assignment of all free
// places that fills the hardest-to-fill first. Pure: plain inputs, a plan out.

export interface MatchPlace {
  id: string;
  facilityType: string;
  features: readonly string[];
}

export interface MatchCandidate {
  id: string;
  facilityType: string;
  /** Features a place must offer. */
  needs: readonly string[];
  /** Its position in its facility type's queue (1 = first). */
  position: number;
}

/** A candidate fits a place of its facility type that offers every feature it needs. */
export function fits(place: MatchPlace, c: Pick<MatchCandidate, 'facilityType' | 'needs'>): boolean {
  return place.facilityType === c.facilityType && c.needs.every((n) => place.features.includes(n));
}

/** What a candidate needs that the place lacks, or its other facility type: why it does not fit. */
export function misfit(place: MatchPlace, c: Pick<MatchCandidate, 'facilityType' | 'needs'>): { facilityType?: string; missing: string[] } {
  return { ...(place.facilityType !== c.facilityType ? { facilityType: c.facilityType } : {}), missing: c.needs.filter((n) => !place.features.includes(n)) };
}

/** The candidates that fit, best position first. */
export function candidatesFor(place: MatchPlace, candidates: readonly MatchCandidate[]): MatchCandidate[] {
  return candidates.filter((c) => fits(place, c)).sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
}

export interface Assignment {
  placeId: string;
  entryId: string;
  position: number;
  /** How many unassigned candidates fitted the place when it was filled (fewest first). */
  eligible: number;
  /** 1 = filled first. */
  round: number;
}

export interface AssignmentPlan {
  assignments: Assignment[];
  /** Places no remaining candidate fits. */
  unfilled: string[];
}

/**
 * Fill every free place, the hardest first: in each round the unfilled place with the fewest
 * unassigned candidates that fit it (ties: the lower place id) takes the best-placed of them.
 * Counting again after each round means a place stays hard when an easier one took its only
 * candidates. Places with identical type and features share one candidate list.
 */
export function assignPlaces(places: readonly MatchPlace[], candidates: readonly MatchCandidate[]): AssignmentPlan {
  const byType = new Map<string, MatchCandidate[]>();
  for (const c of candidates) byType.set(c.facilityType, [...(byType.get(c.facilityType) ?? []), c]);
  for (const list of byType.values()) list.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));

  interface Group {
    eligible: MatchCandidate[];
    next: number;
    remaining: number;
    type: string;
    features: readonly string[];
  }
  const groups = new Map<string, Group>();
  const groupOf = new Map<string, Group>();
  for (const p of places) {
    const key = `${p.facilityType}|${[...p.features].sort().join(',')}`;
    let g = groups.get(key);
    if (!g) {
      const eligible = (byType.get(p.facilityType) ?? []).filter((c) => fits(p, c));
      g = { eligible, next: 0, remaining: eligible.length, type: p.facilityType, features: p.features };
      groups.set(key, g);
    }
    groupOf.set(p.id, g);
  }
  const groupsByType = new Map<string, Group[]>();
  for (const g of groups.values()) groupsByType.set(g.type, [...(groupsByType.get(g.type) ?? []), g]);

  const assigned = new Set<string>();
  const open = [...places].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const assignments: Assignment[] = [];
  const unfilled: string[] = [];
  while (open.length) {
    let best = -1;
    let bestRemaining = Infinity;
    for (let i = 0; i < open.length; i++) {
      const r = (groupOf.get(open[i].id) as Group).remaining;
      if (r < bestRemaining) {
        best = i;
        bestRemaining = r;
      }
    }
    const [place] = open.splice(best, 1);
    const g = groupOf.get(place.id) as Group;
    if (g.remaining === 0) {
      unfilled.push(place.id);
      continue;
    }
    while (assigned.has(g.eligible[g.next].id)) g.next++;
    const chosen = g.eligible[g.next];
    assigned.add(chosen.id);
    assignments.push({ placeId: place.id, entryId: chosen.id, position: chosen.position, eligible: g.remaining, round: assignments.length + 1 });
    for (const other of groupsByType.get(g.type) ?? []) {
      if (chosen.needs.every((n) => other.features.includes(n))) other.remaining--;
    }
  }
  unfilled.sort();
  return { assignments, unfilled };
}
